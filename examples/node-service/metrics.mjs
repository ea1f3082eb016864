// The service's figures, as RxJS operators over the library's streams. Prices and quantities are exact
// decimal strings; the sums are kept in integer units of 1e-8 (bigint) so no float rounding creeps in.

import { defer, distinctUntilChanged, filter, map } from 'rxjs'

const SCALE = 10n ** 8n
const NS_PER_MINUTE = 60_000_000_000n

/** `'1.5'` → `150000000n`: the market's decimals have at most 8 places. */
export function toUnits(decimal) {
  const [whole, fraction = ''] = decimal.split('.')
  return BigInt(whole) * SCALE + BigInt(fraction.padEnd(8, '0').slice(0, 8))
}

/** `150000000n` → `'1.50000000'`. */
export function fromUnits(units) {
  const sign = units < 0n ? '-' : ''
  const abs = units < 0n ? -units : units
  return `${sign}${abs / SCALE}.${(abs % SCALE).toString().padStart(8, '0')}`
}

/**
 * Per-minute figures of one symbol's trades, bucketed by the trade's own time (not by arrival, so a
 * reconnect's late frames still land in their minute). After each trade, emits that minute's running bar:
 * `{ symbol, minute (ISO start), trades, volume, quoteVolume, vwap }`, decimals rounded down to 1e-8.
 * @param {number} [minutesKept] how many past minutes may still receive a late trade
 */
export function minuteBars(minutesKept = 60) {
  // defer: every subscription gets its own buckets.
  return (trades$) =>
    defer(() => {
      const bars = new Map()
      return trades$.pipe(
        map((trade) => {
          const minute = trade.tradeTime / NS_PER_MINUTE
          const bar = bars.get(minute) ?? { trades: 0, base: 0n, quote: 0n }
          const base = toUnits(trade.quantity)
          bar.trades += 1
          bar.base += base
          bar.quote += toUnits(trade.price) * base // units of 1e-16
          bars.set(minute, bar)
          for (const old of bars.keys()) if (old <= minute - BigInt(minutesKept)) bars.delete(old)
          return {
            symbol: trade.symbol,
            minute: new Date(Number(minute) * 60_000).toISOString(),
            trades: bar.trades,
            volume: fromUnits(bar.base),
            quoteVolume: fromUnits(bar.quote / SCALE),
            vwap: bar.base === 0n ? null : fromUnits(bar.quote / bar.base),
          }
        }),
      )
    })
}

/**
 * Best bid, best ask and their spread from `dex.orderBook(symbol)`, emitted when one of them changes.
 * A book with an empty side has no spread and is skipped; `inSync: false` says the book may be stale.
 */
export function spreads() {
  return (books$) =>
    books$.pipe(
      filter((book) => book.bids.length > 0 && book.asks.length > 0),
      map((book) => {
        const [bid] = book.bids[0]
        const [ask] = book.asks[0]
        return { symbol: book.symbol, bid, ask, spread: fromUnits(toUnits(ask) - toUnits(bid)), inSync: book.inSync }
      }),
      distinctUntilChanged((a, b) => a.bid === b.bid && a.ask === b.ask && a.inSync === b.inSync),
    )
}
