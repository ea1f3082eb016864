import { addressSubscriptions, marketSubscription, type Subscription } from './Subscription'
import { resolveTopic } from './resolveTopic'

/**
 * @internal
 * What an upgrade request asks for: the subscriptions its URL names, in order (none for `/api/ws`), or
 * `undefined` for a path the server does not serve (answered with HTTP 404). Duplicates and a second
 * address are resolved by `SubscriptionSet.add`, as if the streams had been subscribed one by one.
 */
export type ParsedPath = { readonly subscriptions: readonly Subscription[] } | undefined

/**
 * @internal
 * One stream name of a URL: `<symbol>@<topic>`, `$all@<topic>` or a bare bech32 address. Throws on a name
 * the server does not know.
 */
export function parseStreamName(name: string): Subscription[] {
  const at = name.lastIndexOf('@')
  if (at === -1) return addressSubscriptions(name)
  const resolved = resolveTopic(name.slice(at + 1))
  if (resolved === undefined || resolved.kind === 'user') throw new TypeError(`Unknown stream "${name}"`)
  return [marketSubscription(resolved, name.slice(0, at))]
}

/**
 * @internal
 * Reads `/api/ws`, `/api/ws/<stream>` and `/api/stream?streams=a/b/c` (PROTOCOL 1.2). Query parameters
 * other than `streams`, such as the `apikey` the Java SDK adds, are ignored.
 */
export function parsePath(requestUrl: string): ParsedPath {
  let url: URL
  try {
    url = new URL(requestUrl, 'ws://localhost')
  } catch {
    return undefined
  }
  const path = url.pathname.replace(/\/+$/, '')
  try {
    if (path === '/api/ws') return { subscriptions: [] }
    if (path.startsWith('/api/ws/')) {
      const name = decodeURIComponent(path.slice('/api/ws/'.length))
      return name.includes('/') ? undefined : { subscriptions: parseStreamName(name) }
    }
    if (path === '/api/stream') {
      // CSHARP leaves a trailing '/', so empty names are skipped rather than refused.
      const names = (url.searchParams.get('streams') ?? '').split('/').filter((name) => name !== '')
      return names.length === 0 ? undefined : { subscriptions: names.flatMap(parseStreamName) }
    }
  } catch {
    // A stream name the server does not know, or a malformed escape: the path is not served.
  }
  return undefined
}

