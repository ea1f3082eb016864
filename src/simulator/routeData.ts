import type { SubscriptionSet } from './SubscriptionSet'
import type { ResolvedTopic } from './resolveTopic'

/** @internal The symbol a payload (or one element of an array) is about, upper-cased, if it names one. */
export function symbolOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const record = value as Record<string, unknown>
  // A kline names its symbol in `s` and again in `k.s`; clients route by either.
  const kline = record.k as Record<string, unknown> | null | undefined
  const symbol = record.s ?? record.symbol ?? (typeof kline === 'object' ? kline?.s : undefined)
  return typeof symbol === 'string' ? symbol.toUpperCase() : undefined
}

/**
 * @internal
 * What one connection gets of a frame's `data`, or `undefined` when it gets nothing. A symbol topic's array
 * is cut down to the elements of the connection's symbols (the real server splits `trades` per
 * subscription); a payload that names no symbol goes to every subscriber of the topic, so tests can send
 * odd data.
 */
export function routeData(subs: SubscriptionSet, resolved: ResolvedTopic, data: unknown): unknown {
  if (!subs.has(resolved.topic)) return undefined
  if (resolved.kind !== 'market') return data
  const wanted = (element: unknown): boolean => {
    const symbol = symbolOf(element)
    return symbol === undefined || subs.has(resolved.topic, symbol)
  }
  if (!Array.isArray(data)) return wanted(data) ? data : undefined
  if (data.length === 0) return data
  const kept = data.filter(wanted)
  return kept.length === 0 ? undefined : kept
}
