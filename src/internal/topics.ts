/** @internal The three per-address topics; every other topic is a market ("periodic") topic. */
export const USER_TOPICS = ['accounts', 'orders', 'transfers'] as const
/** @internal */
export type UserTopic = (typeof USER_TOPICS)[number]

/** @internal Market topics subscribed with `symbols: ["$all"]`. */
export const ALL_TOPICS = ['allTickers', 'allMiniTickers', 'blockheight'] as const

/** @internal */
export function isUserTopic(topic: string): topic is UserTopic {
  return topic === 'accounts' || topic === 'orders' || topic === 'transfers'
}

/**
 * @internal
 * One subscription as the server sees it: a market topic and a symbol (or `$all`), or a user topic (the
 * address belongs to the connection, since the server keeps one address per connection).
 */
export interface WireSub {
  readonly topic: string
  readonly symbol?: string
}

/** @internal */
export function wireKey(sub: WireSub): string {
  return sub.symbol === undefined ? sub.topic : `${sub.topic}|${sub.symbol}`
}
