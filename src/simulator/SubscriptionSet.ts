import { subscriptionName, type Subscription } from './Subscription'
import type { TopicKind } from './topicKind'

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

  /** Removes the given keys of a topic, or the whole topic when `keys` is omitted. */
  remove(topic: string, keys?: readonly string[]): void {
    const entry = this.byTopic.get(topic)
    if (entry === undefined) return
    if (keys === undefined || entry.kind !== 'symbol') this.byTopic.delete(topic)
    else {
      for (const key of keys) entry.keys.delete(key)
      if (entry.keys.size === 0) this.byTopic.delete(topic)
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
