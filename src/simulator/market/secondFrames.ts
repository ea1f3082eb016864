import type { KlineSeries } from './KlineSeries'
import type { MatchingBook } from './MatchingBook'
import type { RollingTicker } from './RollingTicker'
import type { MarketFrame, Wants } from './MarketFrame'
import type { Pair } from './types'
import { klineWire, miniTickerWire, tickerWire } from './wire'

/** @internal The per-second state of the market: candles, tickers and books, by pair index. */
export interface SecondState {
  readonly pairs: readonly Pair[]
  readonly klines: readonly (readonly KlineSeries[])[]
  readonly tickers: readonly RollingTicker[]
  readonly books: readonly MatchingBook[]
}

/**
 * @internal
 * Advances the candles and the 24-hour windows to `nowMs` (always, whatever `want` says) and returns the
 * frames `want` accepts: per symbol and interval, each candle closed since the last second (`x: true`)
 * and then the current one; per symbol ticker and miniTicker; allTickers and allMiniTickers.
 */
export function secondFrames(state: SecondState, nowMs: number, want: Wants): MarketFrame[] {
  const frames: MarketFrame[] = []
  const seconds = Math.floor(nowMs / 1000)
  const stats = state.tickers.map((ticker) => {
    ticker.advance(nowMs)
    return ticker.stats()
  })
  const ticker = ({ symbol, index }: Pair) => {
    const { bids, asks } = state.books[index]
    return tickerWire(symbol, stats[index], { bid: bids.top(1)[0], ask: asks.top(1)[0] }, nowMs)
  }
  const miniTicker = ({ symbol, index }: Pair) => miniTickerWire(symbol, stats[index], nowMs)
  for (const pair of state.pairs) {
    const { symbol, index } = pair
    for (const series of state.klines[index]) {
      const { closed, current } = series.roll(nowMs)
      const stream = `kline_${series.interval}`
      if (!want(stream, symbol)) continue
      for (const candle of closed) {
        frames.push({ stream, data: klineWire(symbol, series.interval, candle, true, seconds) })
      }
      frames.push({ stream, data: klineWire(symbol, series.interval, current, false, seconds) })
    }
    if (want('ticker', symbol)) frames.push({ stream: 'ticker', data: ticker(pair) })
    if (want('miniTicker', symbol)) frames.push({ stream: 'miniTicker', data: miniTicker(pair) })
  }
  if (want('allTickers')) frames.push({ stream: 'allTickers', data: state.pairs.map(ticker) })
  if (want('allMiniTickers')) frames.push({ stream: 'allMiniTickers', data: state.pairs.map(miniTicker) })
  return frames
}
