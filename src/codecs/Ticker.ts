import * as t from 'io-ts'
import { ArrayFrameReader, DECIMAL, literal, ObjectFrameReader, objectOf, SAFE_INT, STRING } from './canonical'
import { Decimal, Integer } from './primitives'

/** @internal One `ticker` frame's data, or one element of an `allTickers` frame. @since 0.1.0 */
export const TickerWire = t.type(
  {
    e: t.literal('24hrTicker'),
    E: Integer,
    s: t.string,
    p: Decimal,
    P: Decimal,
    w: Decimal,
    x: Decimal,
    c: Decimal,
    Q: Decimal,
    b: Decimal,
    B: Decimal,
    a: Decimal,
    A: Decimal,
    o: Decimal,
    h: Decimal,
    l: Decimal,
    v: Decimal,
    q: Decimal,
    O: Integer,
    C: Integer,
    F: t.string,
    L: t.string,
    n: Integer,
  },
  'TickerWire',
)
/** @internal @since 0.1.0 */
export type TickerWire = t.TypeOf<typeof TickerWire>

/**
 * 24-hour rolling statistics for one symbol, pushed every second, as emitted by `ticker(symbol)` and
 * (as arrays) by `allTickers()`. `openTime` and `closeTime` are milliseconds; best bid and ask are
 * `"0.00000000"` when that side of the book is empty.
 *
 * ```ts
 * dex.ticker('BNB_BTCB-1DE').subscribe((t) => console.log(t.lastPrice, t.priceChangePercent))
 * ```
 * @since 0.1.0
 */
export const Ticker = t.readonly(
  t.type({
    /** Always `'24hrTicker'` (wire `e`). */
    eventType: t.literal('24hrTicker'),
    /** Event time, Unix seconds on real servers (`E`). */
    time: t.number,
    /** The market (`s`). */
    symbol: t.string,
    /** Price change over the 24 hours (`p`). */
    priceChange: Decimal,
    /** Price change in percent (`P`). */
    priceChangePercent: Decimal,
    /** Volume-weighted average price (`w`). */
    weightedAvgPrice: Decimal,
    /** The previous day's close (`x`). */
    prevClosePrice: Decimal,
    /** Last price (`c`). */
    lastPrice: Decimal,
    /** Quantity of the last trade (`Q`). */
    lastQuantity: Decimal,
    /** Best bid price, `"0.00000000"` when there is none (`b`). */
    bestBidPrice: Decimal,
    /** Quantity at the best bid (`B`). */
    bestBidQuantity: Decimal,
    /** Best ask price, `"0.00000000"` when there is none (`a`). */
    bestAskPrice: Decimal,
    /** Quantity at the best ask (`A`). */
    bestAskQuantity: Decimal,
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
    /** Start of the 24-hour window, ms (`O`). */
    openTime: t.number,
    /** End of the 24-hour window, ms (`C`). */
    closeTime: t.number,
    /** First trade of the window (`F`). */
    firstTradeId: t.string,
    /** Last trade of the window (`L`). */
    lastTradeId: t.string,
    /** Number of trades (`n`). */
    trades: t.number,
  }),
  'Ticker',
)
/** @since 0.1.0 */
export type Ticker = t.TypeOf<typeof Ticker>

/** @internal @since 0.1.0 */
export function tickerFromWire(w: TickerWire): Ticker {
  return {
    eventType: '24hrTicker',
    time: w.E,
    symbol: w.s,
    priceChange: w.p,
    priceChangePercent: w.P,
    weightedAvgPrice: w.w,
    prevClosePrice: w.x,
    lastPrice: w.c,
    lastQuantity: w.Q,
    bestBidPrice: w.b,
    bestBidQuantity: w.B,
    bestAskPrice: w.a,
    bestAskQuantity: w.A,
    open: w.o,
    high: w.h,
    low: w.l,
    volume: w.v,
    quoteVolume: w.q,
    openTime: w.O,
    closeTime: w.C,
    firstTradeId: w.F,
    lastTradeId: w.L,
    trades: w.n,
  }
}

const TICKER = objectOf([
  ['e', literal('24hrTicker')],
  ['E', SAFE_INT],
  ['s', STRING],
  ...['p', 'P', 'w', 'x', 'c', 'Q', 'b', 'B', 'a', 'A', 'o', 'h', 'l', 'v', 'q'].map((k) => [k, DECIMAL] as const),
  ['O', SAFE_INT],
  ['C', SAFE_INT],
  ['F', STRING],
  ['L', STRING],
  ['n', SAFE_INT],
])

function tickerFromCaptures(m: RegExpExecArray): Ticker {
  return tickerFromWire({
    e: '24hrTicker',
    E: Number(m[1]),
    s: m[2],
    p: m[3],
    P: m[4],
    w: m[5],
    x: m[6],
    c: m[7],
    Q: m[8],
    b: m[9],
    B: m[10],
    a: m[11],
    A: m[12],
    o: m[13],
    h: m[14],
    l: m[15],
    v: m[16],
    q: m[17],
    O: Number(m[18]),
    C: Number(m[19]),
    F: m[20],
    L: m[21],
    n: Number(m[22]),
  })
}

/** @internal `ticker` frames in the real server's form (see canonical.ts). @since 0.1.0 */
export const tickerReader = new ObjectFrameReader<Ticker>(TICKER, tickerFromCaptures)
/** @internal `allTickers` frames in the real server's form (see canonical.ts). @since 0.1.0 */
export const allTickersReader = new ArrayFrameReader<Ticker>(TICKER, tickerFromCaptures)
