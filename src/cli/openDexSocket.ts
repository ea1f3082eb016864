import { DexSocket } from '../DexSocket'
import type { DexLogger } from '../internal/logger'
import { DEFAULT_MAX_ATTEMPTS, type Endpoint } from './commands'


/**
 * @internal
 * The CLI's DexSocket: reconnects after drops, but by default gives up after a few failed attempts in a
 * row, so an unreachable server ends the command within seconds instead of retrying forever.
 */
export function openDexSocket(endpoint: Endpoint, maxAttempts = DEFAULT_MAX_ATTEMPTS, logger?: DexLogger): DexSocket {
  return new DexSocket({
    network: endpoint.network,
    url: endpoint.url,
    reconnect: { initialDelayMs: 250, maxAttempts },
    logger,
  })
}

/** @internal The server API base an endpoint connects to, for messages. */
export function describeEndpoint(endpoint: Endpoint): string {
  if (endpoint.url !== undefined) return endpoint.url
  return endpoint.network === 'testnet' ? 'wss://testnet-dex.binance.org/api/' : 'wss://dex.binance.org/api/'
}
