import * as t from 'io-ts'
import { Decimal, Integer } from './primitives'

/**
 * @internal
 * One `miniTicker` frame's data, or one element of an `allMiniTickers` frame. The docs say `e` is
 * `24hrMiniTicker`; samples printed from testnet show `24hrTicker`, so both are accepted.
 * @since 0.1.0
 */
export const MiniTickerWire = t.type(
  {
    e: t.keyof({ '24hrMiniTicker': null, '24hrTicker': null }),
    E: Integer,
    s: t.string,
    c: Decimal,
    o: Decimal,
    h: Decimal,
    l: Decimal,
    v: Decimal,
    q: Decimal,
  },
  'MiniTickerWire',
)
/** @internal @since 0.1.0 */
export type MiniTickerWire = t.TypeOf<typeof MiniTickerWire>

/**
 * The short form of a 24-hour ticker, as emitted by `miniTicker(symbol)` and (as arrays) by
 * `allMiniTickers()`. `eventType` is always `'24hrMiniTicker'`, whichever the server sent.
 *
 * ```ts
 * dex.allMiniTickers().subscribe((all) => console.log(all.length, 'markets'))
 * ```
 * @since 0.1.0
 */
export const MiniTicker = t.readonly(
  t.type({
    /** Always `'24hrMiniTicker'`, whichever the server sent (wire `e`). */
    eventType: t.literal('24hrMiniTicker'),
    /** Event time (`E`). */
    time: t.number,
    /** The market (`s`). */
    symbol: t.string,
    /** Last price (`c`). */
    lastPrice: Decimal,
    /** Open price of the 24 hours (`o`). */
    open: Decimal,
    /** High price of the 24 hours (`h`). */
    high: Decimal,
    /** Low price of the 24 hours (`l`). */
    low: Decimal,
    /** Base asset volume (`v`). */
    volume: Decimal,
    /** Quote asset volume (`q`). */
    quoteVolume: Decimal,
  }),
  'MiniTicker',
)
/** @since 0.1.0 */
export type MiniTicker = t.TypeOf<typeof MiniTicker>

/** @internal @since 0.1.0 */
export function miniTickerFromWire(w: MiniTickerWire): MiniTicker {
  return {
    eventType: '24hrMiniTicker',
    time: w.E,
    symbol: w.s,
    lastPrice: w.c,
    open: w.o,
    high: w.h,
    low: w.l,
    volume: w.v,
    quoteVolume: w.q,
  }
}
