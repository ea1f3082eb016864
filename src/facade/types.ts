import type { DexError } from '../errors'

/**
 * A message as the seed package's callbacks saw it: the frame's envelope, parsed. `stream` is the topic
 * (`'trades'`, `'kline_1m'`, `'accounts'`, …) and `data` the payload in the wire format, with integers beyond
 * 2^53 (the nanosecond times `T` and `O`) as `bigint`. For array topics (`trades`, `orders`) `data` holds the
 * elements of the requested symbol only.
 *
 * ```ts
 * const message = await socket.fetchBlockHeightUpdates()
 * // { stream: 'blockheight', data: { h: 8699895 } }
 * ```
 * @since 0.1.0
 */
export interface RawMessage {
  /** The frame's topic name. */
  readonly stream: string
  /** The frame's payload, exactly as the server sent it (see the topic pages for its keys). */
  readonly data: unknown
}

/**
 * What a long-lived (`oneOff: false`) `BinanceChainSocket` call returns.
 *
 * ```ts
 * const handle = socket.fetchTradesUpdates('100K-9BC_BNB', false, (message) => console.log(message.data))
 * handle.close()
 * ```
 * @since 0.1.0
 */
export interface StreamHandle {
  /** Ends the stream: its unsubscribe goes out and a connection left without subscriptions closes. Idempotent. */
  close(): void
  /** True once the stream ended: by `close()`, by `socket.close()`, or by a failure (see `error`). */
  readonly closed: boolean
  /** The failure that ended the stream (a `DexConnectionError` when reconnection was off or ran out). */
  readonly error: DexError | undefined
}

/**
 * The return type of a `fetch*` call for its `oneOff` argument: a `Promise` of the first message for `true`
 * (the default), a {@link StreamHandle} for `false`.
 * @since 0.1.0
 */
export type FetchResult<OneOff extends boolean> = OneOff extends false ? StreamHandle : Promise<RawMessage>
