// The client's side of the wire protocol: what a connection says to the server, as text.

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
export const KEEP_ALIVE = '{"method":"keepAlive"}'
/** @internal */
export const CLOSE = '{"method":"close"}'

/** @internal The subscription's identity: what the server holds at most once. */
export function wireKey(sub: WireSub): string {
  return sub.symbol === undefined ? sub.topic : `${sub.topic}|${sub.symbol}`
}

/**
 * @internal
 * The subscribe messages for `subs`: one per user topic (carrying the connection's `address`), then one per
 * market topic with all its symbols together, since the server appends symbols to a topic.
 */
export function subscribeMessages(subs: readonly WireSub[], address: string | undefined): string[] {
  const messages: string[] = []
  const byTopic = new Map<string, string[]>()
  for (const sub of subs) {
    if (sub.symbol === undefined) {
      messages.push(JSON.stringify({ method: 'subscribe', topic: sub.topic, address }))
      continue
    }
    const list = byTopic.get(sub.topic)
    if (list) list.push(sub.symbol)
    else byTopic.set(sub.topic, [sub.symbol])
  }
  for (const [topic, symbols] of byTopic) messages.push(JSON.stringify({ method: 'subscribe', topic, symbols }))
  return messages
}

/** @internal */
export function unsubscribeMessage(sub: WireSub): string {
  return sub.symbol === undefined
    ? JSON.stringify({ method: 'unsubscribe', topic: sub.topic })
    : JSON.stringify({ method: 'unsubscribe', topic: sub.topic, symbols: [sub.symbol] })
}
