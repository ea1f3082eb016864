import type { ReconnectOptions } from './types'

/** @internal Reconnection settings after defaults are applied. */
export type BackoffConfig = Readonly<Required<ReconnectOptions>>

/**
 * @internal
 * Delay before reconnection attempt `attempt` (1-based): full jitter over [initialDelayMs, ceiling], where
 * the ceiling doubles with each attempt from 2 × initialDelayMs up to maxDelayMs. Jitter spreads the herd of
 * clients a server restart disconnects; the floor keeps even an unlucky draw from hammering the server.
 */
export function backoffDelay(config: BackoffConfig, attempt: number, random: () => number): number {
  const { initialDelayMs: floor, maxDelayMs: cap } = config
  const ceiling = Math.min(cap, floor * 2 ** Math.min(attempt, 52))
  return Math.round(floor + random() * Math.max(0, ceiling - floor))
}
