import { USER_TOPICS } from '../internal/topicTable'
import { checkAddress, checkSymbol } from '../internal/validate'
import { ALL, type ResolvedTopic, type TopicKind } from './resolveTopic'

/**
 * @internal
 * One subscription of one connection: a topic and its key, which is the canonical upper-case symbol, `$all`,
 * or the lower-case address for a user topic.
 */
export interface Subscription {
  readonly topic: string
  readonly kind: TopicKind
  readonly key: string
}

/** @internal Both address prefixes: the simulator serves mainnet and testnet clients alike. */
export const ANY_NETWORK = ['bnb', 'tbnb'] as const

/** @internal How subscriptions are listed in `ConnectionInfo.subscriptions`: `'trades:BNB_BTCB-1DE'`. */
export function subscriptionName(sub: Subscription): string {
  return `${sub.topic}:${sub.key}`
}

/**
 * @internal
 * The subscription of a market topic to one symbol (or `$all`). Throws `DexInputError` naming the bad
 * symbol; callers turn that into an error frame or a 404.
 */
export function marketSubscription(resolved: ResolvedTopic, symbol: unknown): Subscription {
  if (resolved.kind === 'all') {
    if (symbol !== ALL) {
      throw new TypeError(`Topic "${resolved.topic}" takes the symbol "$all", not ${JSON.stringify(symbol)}`)
    }
    return { ...resolved, key: ALL }
  }
  return { ...resolved, key: checkSymbol(symbol) }
}

/** @internal The three user topics of an address, as a `/api/ws/<address>` connection gets them. */
export function addressSubscriptions(address: unknown): Subscription[] {
  const key = checkAddress(address, ANY_NETWORK)
  return USER_TOPICS.map((topic) => ({ topic, kind: 'user' as const, key }))
}
