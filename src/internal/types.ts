import type { DexError } from '../errors'
import type { DexLogger } from './logger'

/**
 * The part of the WebSocket interface this library uses. Structural, so neither browser users nor Node users
 * need the other platform's types: the native `WebSocket`, `ws`, and test doubles all fit.
 * @since 0.1.0
 */
export interface WebSocketLike {
  /** 0 connecting, 1 open, 2 closing, 3 closed, as on the standard `WebSocket`. */
  readonly readyState: number
  /** Set by the client where supported; frames are text, so it does not matter. */
  binaryType?: string
  /** Called once the connection is open. */
  onopen: ((event: any) => void) | null
  /** Called when the connection closed; the event carries `code` and `reason`. */
  onclose: ((event: any) => void) | null
  /** Called on a connection error (a close follows). */
  onerror: ((event: any) => void) | null
  /** Called with every frame; the event's `data` is the frame's text. */
  onmessage: ((event: any) => void) | null
  /** Sends a text frame. */
  send(data: string): void
  /** Closes the connection. */
  close(code?: number, reason?: string): void
}

/** A constructor of {@link WebSocketLike} sockets, e.g. the global `WebSocket` or `ws`. @since 0.1.0 */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike

/** Reconnection settings; see the Resilience guide. @since 0.1.0 */
export interface ReconnectOptions {
  /** Smallest delay before a reconnection attempt (default 500 ms). */
  initialDelayMs?: number
  /** Largest delay between attempts (default 30 s). */
  maxDelayMs?: number
  /** Failed attempts in a row tolerated before streams error (default unlimited). */
  maxAttempts?: number
}

/**
 * Options of `new DexSocket(options)`.
 * @since 0.1.0
 */
export interface DexSocketOptions {
  /** `'mainnet'` (default, `wss://dex.binance.org/api/`) or `'testnet'`. */
  network?: 'mainnet' | 'testnet'
  /** API base URL, overriding `network`, e.g. `'ws://127.0.0.1:8090/api/'`; trailing slash optional. */
  url?: string
  /** WebSocket implementation; default isomorphic-ws (native WebSocket in browsers, `ws` in Node). */
  WebSocketCtor?: WebSocketConstructor
  /** Reconnect on drops (default on), or tune it. */
  reconnect?: boolean | ReconnectOptions
  /** Interval of `{"method":"keepAlive"}` on every open connection (default 20 minutes). */
  keepAliveIntervalMs?: number
  /** A connection carrying a periodic stream that stays silent this long is reconnected (default 90 s). */
  staleAfterMs?: number
  /**
   * A handshake not complete this long after the attempt began counts as a failed attempt: backoff,
   * `maxAttempts` and `status$` treat it like a refused connection (default 10 s).
   * @since 0.2.0
   */
  connectTimeoutMs?: number
  /**
   * Told what the socket does (default: nothing is logged): lifecycle at `info`, drops and rejected frames at
   * `warn`, a connection given up at `error`, raw frames at `debug`. `console` fits.
   * @since 0.2.0
   */
  logger?: DexLogger
  /**
   * The largest message the server may send, in bytes after permessage-deflate decompression (default 4 MiB).
   * A bigger one closes the connection with code 1009, is reported on `errors$` as a `DexConnectionError`
   * naming this bound, and the connection reconnects as after any drop. The default is several times the
   * largest frame the protocol produces (every market's ticker in one `allTickers` array), and keeps a
   * compressed frame that inflates to gigabytes from taking the process's memory. In Node (`ws`) the bound
   * stops decompression itself; a browser holds a whole message before the page sees it, so there the
   * bound only keeps the message from the decoder (see the Resilience guide).
   * @since 0.2.0
   */
  maxMessageBytes?: number
}

/**
 * A connection's lifecycle event on `status$`.
 * @since 0.1.0
 */
export interface ConnectionStatus {
  /** `'market'` for the shared market connection, else the address of a user connection. */
  readonly connection: string
  /** What happened; see the Resilience guide for when each state is reported. */
  readonly state: 'connecting' | 'open' | 'reconnecting' | 'reconnected' | 'closed'
  /** Which reconnection attempt this is (with `reconnecting`). */
  readonly attempt?: number
  /** How long the client waits before that attempt (with `reconnecting`). */
  readonly delayMs?: number
  /** How long data was missing (with `reconnected`). */
  readonly downtimeMs?: number
  /** Why a connection closed for good (with `closed`). */
  readonly error?: DexError
  /** The WebSocket close code, when the socket closed (with `reconnecting` and `closed`). @since 0.2.0 */
  readonly code?: number
  /** The WebSocket close reason, `''` when the close frame had none (with `code`). @since 0.2.0 */
  readonly reason?: string
}
