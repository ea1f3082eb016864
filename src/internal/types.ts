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
  onopen: WebSocketHandler<WebSocketLikeEvent> | null
  /** Called when the connection closed; the event carries `code` and `reason`. */
  onclose: WebSocketHandler<WebSocketLikeCloseEvent> | null
  /** Called on a connection error (a close follows); `ws` and the in-process simulator give a `message`. */
  onerror: WebSocketHandler<WebSocketLikeErrorEvent> | null
  /** Called with every frame; the event's `data` is the frame's text (binary frames are reported, not read). */
  onmessage: WebSocketHandler<WebSocketLikeMessageEvent> | null
  /** Sends a text frame. */
  send(data: string): void
  /** Closes the connection. */
  close(code?: number, reason?: string): void
}

/**
 * A handler of a {@link WebSocketLike} event. Declared as a method's type so that sockets whose handlers take
 * a richer event (the DOM's `Event`, `ws`'s events, the in-process simulator's) still fit, while a handler
 * written for this interface sees a typed event.
 */
type WebSocketHandler<E> = { handle(event: E): void }['handle']

/** What every {@link WebSocketLike} event has: the socket's `open` event carries nothing else the client reads. @since 0.2.0 */
export interface WebSocketLikeEvent {
  /** The event's name, e.g. `'open'`. */
  readonly type: string
}

/** The `close` event of a {@link WebSocketLike}. @since 0.2.0 */
export interface WebSocketLikeCloseEvent extends WebSocketLikeEvent {
  /** The WebSocket close code (1006 when the connection died without a close frame). */
  readonly code: number
  /** The close reason, `''` when there was none. */
  readonly reason: string
  /** Whether the closing handshake completed (absent on some test doubles). */
  readonly wasClean?: boolean
}

/** The `error` event of a {@link WebSocketLike}; browsers give no detail, `ws` an `error` and a `message`. @since 0.2.0 */
export interface WebSocketLikeErrorEvent extends WebSocketLikeEvent {
  /** What failed, where the platform says (Node's `ws`, the in-process simulator). */
  readonly message?: string
  /** The underlying error, where the platform has one. */
  readonly error?: unknown
}

/** The `message` event of a {@link WebSocketLike}: a text frame's `data` is a string. @since 0.2.0 */
export interface WebSocketLikeMessageEvent extends WebSocketLikeEvent {
  /** The frame: text for text frames; anything else (a binary frame) is reported as an error. */
  readonly data: unknown
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

interface StatusOf<State extends string> {
  /** `'market'` for the shared market connection, else the address of a user connection. */
  readonly connection: string
  /** What happened; see the Resilience guide for when each state is reported. */
  readonly state: State
}

/** The WebSocket close that caused a status, when a socket closed (a watchdog's drop has none). */
interface CloseOf {
  /** The WebSocket close code. @since 0.2.0 */
  readonly code?: number
  /** The WebSocket close reason, `''` when the close frame had none (with `code`). @since 0.2.0 */
  readonly reason?: string
}

/** The first attempt of a connection is under way. @since 0.2.0 */
export interface ConnectingStatus extends StatusOf<'connecting'> {}

/** A connection opened, not after a drop. @since 0.2.0 */
export interface OpenStatus extends StatusOf<'open'> {}

/** A connection dropped or an attempt failed; the next attempt is scheduled. @since 0.2.0 */
export interface ReconnectingStatus extends StatusOf<'reconnecting'>, CloseOf {
  /** Which reconnection attempt this is, from 1. */
  readonly attempt: number
  /** How long the client waits before that attempt. */
  readonly delayMs: number
  /** What dropped or failed (the same error `errors$` carries). */
  readonly error: DexError
}

/** A connection is back after a drop, its subscriptions re-sent. @since 0.2.0 */
export interface ReconnectedStatus extends StatusOf<'reconnected'> {
  /** How long data was missing. */
  readonly downtimeMs: number
}

/**
 * A connection closed for good: with `error` when reconnection was off or out of attempts, without one when
 * it closed because nothing used it any more or `close()` was called.
 * @since 0.2.0
 */
export interface ClosedStatus extends StatusOf<'closed'>, CloseOf {
  /** Why the connection closed for good, when it failed. */
  readonly error?: DexError
}

/**
 * A connection's lifecycle event on `status$`, told apart by `state`: inside
 * `if (s.state === 'reconnecting')`, `s.attempt`, `s.delayMs` and `s.error` are there.
 * @since 0.1.0
 */
export type ConnectionStatus = ConnectingStatus | OpenStatus | ReconnectingStatus | ReconnectedStatus | ClosedStatus
