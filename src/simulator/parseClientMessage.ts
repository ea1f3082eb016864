import { checkAddress, checkSymbol } from '../internal/validate'
import { ANY_NETWORK, marketSubscription, type Subscription } from './Subscription'
import { ALL, resolveTopic, type ResolvedTopic } from './resolveTopic'

/** @internal A client message the server understood. */
export type Command =
  | { readonly method: 'subscribe'; readonly subscriptions: readonly Subscription[] }
  | { readonly method: 'unsubscribe'; readonly topic?: string; readonly keys?: readonly string[] }
  | { readonly method: 'keepAlive' }
  | { readonly method: 'close' }

/** @internal A command, or the text of the error frame the server answers with. */
export type ParsedMessage = { readonly command: Command } | { readonly error: string }

const METHODS = new Map<string, Command['method']>(
  (['subscribe', 'unsubscribe', 'keepAlive', 'close'] as const).map((m) => [m.toLowerCase(), m]),
)

/**
 * @internal
 * Reads one client message (PROTOCOL 2). Keys and methods match without regard to case, because GO sends
 * `{"Method":"keepAlive"}` and the Go server decoded with `encoding/json`, which does the same. Keys the
 * server does not need are ignored (SWIFT unsubscribes with its whole subscribe body).
 */
export function parseClientMessage(json: unknown): ParsedMessage {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { error: 'A message must be a JSON object' }
  }
  const record = json as Record<string, unknown>
  const methodName = field(record, 'method')
  const method = typeof methodName === 'string' ? METHODS.get(methodName.toLowerCase()) : undefined
  if (method === undefined) {
    if (methodName === undefined) return { error: 'Missing method' }
    return { error: `Unknown method ${JSON.stringify(methodName)}` }
  }
  if (method === 'keepAlive' || method === 'close') return { command: { method } }
  const topicName = field(record, 'topic')
  if (topicName === undefined && method === 'unsubscribe') return unsubscribeEverywhere(record)
  if (topicName === undefined) return { error: 'Missing topic' }
  const resolved = typeof topicName === 'string' ? resolveTopic(topicName) : undefined
  if (resolved === undefined) return { error: `Unknown topic ${JSON.stringify(topicName)}` }
  try {
    return method === 'subscribe' ? subscribe(record, resolved) : unsubscribe(record, resolved)
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) }
  }
}

function subscribe(record: Record<string, unknown>, resolved: ResolvedTopic): ParsedMessage {
  if (resolved.kind === 'user') {
    // The docs' first key was `userAddress`; PBC still sends it, SWIFT sends both. `address` wins.
    const address = field(record, 'address') ?? field(record, 'userAddress')
    if (address === undefined) return { error: `Topic "${resolved.topic}" needs an address` }
    const key = checkAddress(address, ANY_NETWORK)
    return { command: { method: 'subscribe', subscriptions: [{ ...resolved, key }] } }
  }
  // The all-market topics are subscribed with ["$all"]; a client that leaves the symbols out means the same.
  const symbols = field(record, 'symbols') ?? (resolved.kind === 'all' ? [ALL] : undefined)
  if (symbols === undefined) return { error: `Topic "${resolved.topic}" needs symbols` }
  const subscriptions = symbolList(symbols).map((symbol) => marketSubscription(resolved, symbol))
  return { command: { method: 'subscribe', subscriptions } }
}

/**
 * The Go server decoded `symbols` into a slice, so `null`, a missing list and `[]` all arrived as an empty
 * list, which it read as the whole topic; python-binance-chain's `unsubscribe_ticker(None)` relies on it.
 */
function unsubscribe(record: Record<string, unknown>, resolved: ResolvedTopic): ParsedMessage {
  const symbols = field(record, 'symbols')
  if (isEmptyList(symbols) || resolved.kind !== 'market') {
    return { command: { method: 'unsubscribe', topic: resolved.topic } }
  }
  const keys = symbolList(symbols).map((symbol) => marketSubscription(resolved, symbol).key)
  return { command: { method: 'unsubscribe', topic: resolved.topic, keys } }
}

/** Some clients send `{"method":"unsubscribe","symbols":[...]}` before their per-topic unsubscribes. */
function unsubscribeEverywhere(record: Record<string, unknown>): ParsedMessage {
  const symbols = field(record, 'symbols')
  if (isEmptyList(symbols)) return { error: 'Missing topic' }
  try {
    const keys = symbolList(symbols).map((symbol) => (symbol === ALL ? ALL : checkSymbol(symbol)))
    return { command: { method: 'unsubscribe', keys } }
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) }
  }
}

function isEmptyList(symbols: unknown): boolean {
  return symbols === undefined || symbols === null || (Array.isArray(symbols) && symbols.length === 0)
}

function symbolList(symbols: unknown): unknown[] {
  if (!Array.isArray(symbols) || symbols.length === 0) {
    throw new TypeError(`symbols must be a non-empty array of strings, not ${JSON.stringify(symbols)}`)
  }
  return symbols
}

/** The value of `name`, matched without regard to case; an exactly spelled key wins over the others. */
function field(record: Record<string, unknown>, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(record, name)) return record[name]
  const lower = name.toLowerCase()
  const key = Object.keys(record).find((k) => k.toLowerCase() === lower)
  return key === undefined ? undefined : record[key]
}
