import type { DexError } from '../errors'

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
}
