import { DexSocket } from '../DexSocket'
import type { Endpoint } from './commands'

/** Connection attempts that may fail in a row before the CLI gives up with exit code 1. */
const MAX_ATTEMPTS = 3

/**
 * @internal
 * The CLI's DexSocket: reconnects after drops, but gives up after a few failed attempts in a row, so an
 * unreachable server ends the command within seconds instead of retrying forever.
 */
export function openDexSocket(endpoint: Endpoint): DexSocket {
  return new DexSocket({
    network: endpoint.network,
    url: endpoint.url,
    reconnect: { initialDelayMs: 250, maxAttempts: MAX_ATTEMPTS },
  })
}

/** @internal The WebSocket URL an endpoint connects to, for messages. */
export function describeEndpoint(endpoint: Endpoint): string {
  if (endpoint.url !== undefined) return endpoint.url
  return endpoint.network === 'testnet' ? 'wss://testnet-dex.binance.org/api/' : 'wss://dex.binance.org/api/'
}
