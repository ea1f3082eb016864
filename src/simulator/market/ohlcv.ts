import type { TradeRecord } from './types'

/** @internal Open, high, low, close and volumes over some trades: a candle, or a ticker's block bucket. */
export interface Ohlcv {
  open: bigint
  high: bigint
  low: bigint
  close: bigint
  volume: bigint
  quoteVolume: bigint
  trades: number
}

/** @internal A bar without trades, flat at `price`. */
export function flatBar(price: bigint): Ohlcv {
  return { open: price, high: price, low: price, close: price, volume: 0n, quoteVolume: 0n, trades: 0 }
}

/** @internal Adds `trade` to `bar`; the first trade of a bar opens it. */
export function addTrade(bar: Ohlcv, trade: TradeRecord): void {
  const { price } = trade
  if (bar.trades === 0) bar.open = bar.high = bar.low = price
  if (price > bar.high) bar.high = price
  if (price < bar.low) bar.low = price
  bar.close = price
  bar.volume += trade.qty
  bar.quoteVolume += trade.quoteQty
  bar.trades++
}
