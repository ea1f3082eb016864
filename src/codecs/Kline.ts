import * as t from 'io-ts'
import { Decimal, Integer, KlineIntervalCodec, refine } from './primitives'

const KlineBarWire = t.intersection(
  [
    t.type({
      t: Integer,
      T: Integer,
      i: KlineIntervalCodec,
      f: t.string,
      L: t.string,
      o: Decimal,
      c: Decimal,
      h: Decimal,
      l: Decimal,
      v: Decimal,
      q: Decimal,
      n: Integer,
      x: t.boolean,
    }),
    t.partial({ s: t.string }),
  ],
  'KlineBarWire',
)

/**
 * @internal
 * A `kline_<interval>` frame's data. The symbol is `s`, else `k.s`: no real kline frame was ever captured,
 * and the docs' example has both, disagreeing, so either one alone is enough.
 * @since 0.1.0
 */
export const KlineWire = refine(
  t.intersection([
    t.type({ e: t.literal('kline'), E: Integer, k: KlineBarWire }),
    t.partial({ s: t.string }),
  ]),
  (w) => w.s !== undefined || w.k.s !== undefined,
  'expected a symbol in s or k.s',
  'KlineWire',
)
/** @internal @since 0.1.0 */
export type KlineWire = t.TypeOf<typeof KlineWire>

/**
 * One candlestick, pushed every second while it is open, as emitted by `klines(symbol, interval)`.
 * `openTime` and `closeTime` are milliseconds; `closed` tells the final push of a bar.
 *
 * ```ts
 * dex.klines('BNB_BTCB-1DE', '1h').pipe(filter((k) => k.closed))
 * ```
 * @since 0.1.0
 */
export const Kline = t.readonly(
  t.type({
    /** Always `'kline'` (wire `e`). */
    eventType: t.literal('kline'),
    /** Event time (`E`). */
    time: t.number,
    /** The market (`s`, else `k.s`). */
    symbol: t.string,
    /** Start of the bar, ms (`k.t`). */
    openTime: t.number,
    /** End of the bar, ms (`k.T`). */
    closeTime: t.number,
    /** The bar interval (`k.i`). */
    interval: KlineIntervalCodec,
    /** First trade of the bar (`k.f`). */
    firstTradeId: t.string,
    /** Last trade of the bar so far (`k.L`). */
    lastTradeId: t.string,
    /** Open price (`k.o`). */
    open: Decimal,
    /** Close price; the last price while the bar is open (`k.c`). */
    close: Decimal,
    /** High price (`k.h`). */
    high: Decimal,
    /** Low price (`k.l`). */
    low: Decimal,
    /** Base asset volume (`k.v`). */
    volume: Decimal,
    /** Quote asset volume (`k.q`). */
    quoteVolume: Decimal,
    /** Number of trades (`k.n`). */
    trades: t.number,
    /** True on the bar's final push (`k.x`). */
    closed: t.boolean,
  }),
  'Kline',
)
/** @since 0.1.0 */
export type Kline = t.TypeOf<typeof Kline>

/** @internal @since 0.1.0 */
export function klineFromWire(w: KlineWire): Kline {
  const k = w.k
  return {
    eventType: 'kline',
    time: w.E,
    // The codec guarantees one of the two.
    symbol: (w.s ?? k.s) as string,
    openTime: k.t,
    closeTime: k.T,
    interval: k.i,
    firstTradeId: k.f,
    lastTradeId: k.L,
    open: k.o,
    close: k.c,
    high: k.h,
    low: k.l,
    volume: k.v,
    quoteVolume: k.q,
    trades: k.n,
    closed: k.x,
  }
}
