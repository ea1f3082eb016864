import { subscriptionName, type Subscription } from './Subscription'
import { ALL, type TopicKind } from './resolveTopic'

/**
 * @internal
 * The subscriptions of one connection, with the server's rules: a second subscribe appends keys, and there is
 * one address per connection, so a user topic for a new address drops every user topic of the old one.
 */
export class SubscriptionSet {
  // Topic -> keys, both in subscription order so that listings read like the client's messages.
  private readonly byTopic = new Map<string, { kind: TopicKind; keys: Set<string> }>()
  private currentAddress: string | undefined

  /** The address whose user topics this connection follows. */
  get address(): string | undefined {
    return this.currentAddress
  }

  /** Whether any subscription is to a market topic (a symbol's, or the whole market's), not a user topic. */
  get followsMarket(): boolean {
    for (const { kind } of this.byTopic.values()) if (kind !== 'user') return true
    return false
  }

  get isEmpty(): boolean {
    return this.byTopic.size === 0
  }

  add(subs: readonly Subscription[]): void {
    for (const sub of subs) {
      if (sub.kind === 'user' && sub.key !== this.currentAddress) {
        for (const [topic, entry] of this.byTopic) if (entry.kind === 'user') this.byTopic.delete(topic)
        this.currentAddress = sub.key
      }
      const entry = this.byTopic.get(sub.topic) ?? { kind: sub.kind, keys: new Set<string>() }
      entry.keys.add(sub.key)
      this.byTopic.set(sub.topic, entry)
    }
  }

  /** How many subscriptions the connection has. */
  get size(): number {
    let size = 0
    for (const entry of this.byTopic.values()) size += entry.keys.size
    return size
  }

  /** How many of `subs` the connection does not have yet (duplicates in `subs` counted once). */
  countNew(subs: readonly Subscription[]): number {
    const fresh = new Set(subs.filter((s) => !this.has(s.topic, s.key)).map(subscriptionName))
    return fresh.size
  }

  /**
   * Removes the given keys of a topic, or the whole topic when `keys` is omitted. Without a topic, removes
   * the keys from every topic keyed by symbol (and `$all` from the all-market topics).
   */
  remove(topic: string | undefined, keys?: readonly string[]): void {
    const topics = topic === undefined ? [...this.byTopic.keys()] : [topic]
    for (const name of topics) {
      const entry = this.byTopic.get(name)
      if (entry === undefined || (topic === undefined && entry.kind === 'user')) continue
      if (keys === undefined || entry.kind !== 'market') {
        if (keys === undefined || topic !== undefined || keys.includes(ALL)) this.byTopic.delete(name)
        continue
      }
      for (const key of keys) entry.keys.delete(key)
      if (entry.keys.size === 0) this.byTopic.delete(name)
    }
    if (![...this.byTopic.values()].some((e) => e.kind === 'user')) this.currentAddress = undefined
  }

  /** Whether the connection follows `topic`, for `key` when one is given. */
  has(topic: string, key?: string): boolean {
    const keys = this.byTopic.get(topic)?.keys
    return keys !== undefined && (key === undefined || keys.has(key))
  }

  /** `'<topic>:<key>'` for every subscription, in subscription order. */
  list(): string[] {
    return [...this.byTopic].flatMap(([topic, { kind, keys }]) =>
      [...keys].map((key) => subscriptionName({ topic, kind, key })),
    )
  }
}
