import * as t from 'io-ts'
import { ArrayFrameReader, DECIMAL, ObjectFrameReader, objectOf, SAFE_INT, STRING, WORD } from './canonical'
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

const MINI_TICKER = objectOf([
  ['e', WORD],
  ['E', SAFE_INT],
  ['s', STRING],
  ...['c', 'o', 'h', 'l', 'v', 'q'].map((k) => [k, DECIMAL] as const),
])
const MiniTickerEvent = MiniTickerWire.props.e

function miniTickerFromCaptures(m: RegExpExecArray): MiniTicker | undefined {
  const e = m[1]
  if (!MiniTickerEvent.is(e)) return undefined
  return miniTickerFromWire({ e, E: Number(m[2]), s: m[3], c: m[4], o: m[5], h: m[6], l: m[7], v: m[8], q: m[9] })
}

/** @internal `miniTicker` frames in the real server's form (see canonical.ts). @since 0.1.0 */
export const miniTickerReader = new ObjectFrameReader<MiniTicker>(MINI_TICKER, miniTickerFromCaptures)
/** @internal `allMiniTickers` frames in the real server's form (see canonical.ts). @since 0.1.0 */
export const allMiniTickersReader = new ArrayFrameReader<MiniTicker>(MINI_TICKER, miniTickerFromCaptures)
