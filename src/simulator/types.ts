import type { SimulatorLimits } from './limits'
import type { MarketOptions } from './market/SimulatedMarket'
import type { ReplayOptions } from './tape/TapeReplay'

/**
 * Options of {@link DexSimulator}. Every time is in milliseconds, from 1 to 2^31 - 1 (Node's timer limit).
 *
 * ```ts
 * const sim = await DexSimulator.start({ market: false, pingIntervalMs: 1_000 })
 * ```
 * @since 0.1.0
 */
export interface DexSimulatorOptions {
  /** Interface to listen on. Default `'127.0.0.1'`. */
  host?: string
  /** Port to listen on; `0` (the default) picks a free one, read it back from `port` or `url`. */
  port?: number
  /** How often every connection is sent a ping frame, as the real server does. Default 30 000. */
  pingIntervalMs?: number
  /**
   * A connection that sends no `keepAlive` for this long after it opened or after its last `keepAlive`
   * is closed. Default 30 minutes, the real server's extension per keepAlive.
   */
  keepAliveExpiryMs?: number
  /**
   * A connection that has had no subscriptions for this long is closed, "regardless the keepAlive
   * messages" (PROTOCOL 2.7). The real value is undocumented; the default, 60 000, leaves a client that
   * connects to `/api/ws` ample time to send its first subscribe.
   */
  noSubscriptionTimeoutMs?: number
  /** The simulated market that feeds the streams, or `false` for none (publish by hand). Default on. */
  market?: false | MarketOptions
  /**
   * How much market history to simulate before listening, so that a fresh start has candles (REST
   * `GET /api/v1/klines`) and a 24-hour ticker window. Every block of it is simulated, so `start()` takes
   * longer the more history is asked for. Default 0 (none).
   */
  warmUpMs?: number
  /**
   * Serve a recorded tape instead of the simulated market (which is then absent). The tape starts with
   * the first subscription and plays on one clock for every connection.
   * @since 0.2.0
   */
  replay?: ReplayOptions
  /** Negotiate permessage-deflate with clients that offer it. Default true. @since 0.2.0 */
  deflate?: boolean
  /** What one connection may cost the server (see {@link SimulatorLimits}). @since 0.2.0 */
  limits?: SimulatorLimits
}

/** The defaults of {@link DexSimulatorOptions}. @since 0.1.0 */
export const DEFAULT_SIMULATOR_OPTIONS = {
  /** Loopback only: a test server should not be reachable from the network. */
  host: '127.0.0.1',
  /** 0 lets the OS pick a free port; read it from `url`. */
  port: 0,
  /** The real servers pinged about every 30 s. */
  pingIntervalMs: 30_000,
  /** The real servers closed connections without a keepAlive for 30 min. */
  keepAliveExpiryMs: 30 * 60_000,
  /** Connections without any subscription were closed after about a minute. */
  noSubscriptionTimeoutMs: 60_000,
  /** No history: tests start fast and see the first block at `startHeight`. */
  warmUpMs: 0,
  /** Clients that offer compression get it, as from the real servers. */
  deflate: true,
} as const

/**
 * A snapshot of one client connection, from {@link DexSimulator.connections}.
 * @since 0.1.0
 */
export interface ConnectionInfo {
  /** Unique within one simulator, counting from 1. */
  readonly id: number
  /** The request path with its query, as the client sent it (`'/api/ws/BNB_BTCB-1DE@trades'`). */
  readonly path: string
  /** The one address whose user topics this connection follows, if any. */
  readonly address?: string
  /** `'<topic>:<symbol | $all | address>'`, e.g. `'trades:BNB_BTCB-1DE'`, `'orders:tbnb1…'`. */
  readonly subscriptions: readonly string[]
  /** `Date.now()` when the connection opened. */
  readonly openedAt: number
  /** How many `keepAlive` messages the client sent. */
  readonly keepAlives: number
  /** Whether {@link DexSimulator.freeze} silenced this connection. */
  readonly frozen: boolean
  /** Whether the client and the server agreed on permessage-deflate compression. */
  readonly deflate: boolean
}

/**
 * One message a client sent, from {@link DexSimulator.messages$}.
 * @since 0.1.0
 */
export interface ClientMessage {
  /** The sending connection (see {@link ConnectionInfo.id}). */
  readonly connectionId: number
  /** The frame's text (binary frames are read as UTF-8). */
  readonly text: string
  /** The parsed JSON, when the text was valid JSON. */
  readonly json?: unknown
}

/**
 * A connection opened or closed, from {@link DexSimulator.connections$}.
 * @since 0.1.0
 */
export type ConnectionEvent =
  | {
      /** A client connected. */
      readonly type: 'open'
      /** See {@link ConnectionInfo.id}. */
      readonly connectionId: number
      /** The request path with its query. */
      readonly path: string
    }
  | {
      /** A connection ended, from either side. */
      readonly type: 'close'
      /** See {@link ConnectionInfo.id}. */
      readonly connectionId: number
      /** The WebSocket close code (1006 when the socket dropped without a close frame). */
      readonly code: number
      /** The close reason, possibly empty. */
      readonly reason: string
    }
