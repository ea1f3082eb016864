import type { SimulatedMarket } from './market/SimulatedMarket'

const nothing = (): boolean => false

/**
 * @internal
 * Runs the market through the `durationMs` before `endMs` on both of its clocks, building no frames, so
 * that a simulator that just started already has candles, a 24-hour ticker window and a traded book.
 */
export function warmUp(market: SimulatedMarket, durationMs: number, endMs = Date.now()): void {
  if (!(durationMs > 0)) return
  let blockAt = endMs - durationMs
  let secondAt = Math.ceil(blockAt / 1000) * 1000
  for (; blockAt < endMs; blockAt += market.blockIntervalMs) {
    for (; secondAt <= blockAt; secondAt += 1000) market.second(secondAt, nothing)
    market.block(blockAt, nothing)
  }
  for (; secondAt < endMs; secondAt += 1000) market.second(secondAt, nothing)
}
