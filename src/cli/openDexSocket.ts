import WebSocket from 'ws'
import { DexSocket } from '../DexSocket'
import type { WebSocketConstructor } from '../internal/types'
import { DEFAULT_MAX_ATTEMPTS, type Endpoint } from './commands'

/**
 * A server that accepts TCP but never answers the upgrade would otherwise hold a connection attempt for
 * the operating system's TCP timeout (minutes); this bounds each attempt, which then counts as failed.
 */
const HANDSHAKE_TIMEOUT_MS = 10_000


/**
 * @internal
 * The CLI's DexSocket: reconnects after drops, but by default gives up after a few failed attempts in a
 * row, so an unreachable server ends the command within seconds instead of retrying forever.
 */
export function openDexSocket(endpoint: Endpoint, maxAttempts = DEFAULT_MAX_ATTEMPTS): DexSocket {
  return new DexSocket({
    network: endpoint.network,
    url: endpoint.url,
    reconnect: { initialDelayMs: 250, maxAttempts },
    WebSocketCtor: TimedWebSocket as unknown as WebSocketConstructor,
  })
}

class TimedWebSocket extends WebSocket {
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols, { handshakeTimeout: HANDSHAKE_TIMEOUT_MS })
  }
}

/** @internal The server API base an endpoint connects to, for messages. */
export function describeEndpoint(endpoint: Endpoint): string {
  if (endpoint.url !== undefined) return endpoint.url
  return endpoint.network === 'testnet' ? 'wss://testnet-dex.binance.org/api/' : 'wss://dex.binance.org/api/'
}
