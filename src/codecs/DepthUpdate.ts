import * as t from 'io-ts'
import { BookFrameReader, literal, SAFE_INT, STRING } from './canonical'
import { Integer, PriceLevel } from './primitives'

/** @internal A `marketDiff` frame's data. It carries no update ids, unlike binance.com's. @since 0.1.0 */
export const DepthUpdateWire = t.type(
  { e: t.literal('depthUpdate'), E: Integer, s: t.string, b: t.array(PriceLevel), a: t.array(PriceLevel) },
  'DepthUpdateWire',
)
/** @internal @since 0.1.0 */
export type DepthUpdateWire = t.TypeOf<typeof DepthUpdateWire>

/**
 * The order book levels that changed in one block, as emitted by `marketDiff(symbol)`. A quantity of
 * zero removes the level. `time` is the server's `E` (Unix seconds in real captures).
 *
 * ```ts
 * dex.marketDiff('BNB_BTCB-1DE').subscribe(({ bids, asks }) => console.log(bids.length, asks.length))
 * ```
 * @since 0.1.0
 */
export const DepthUpdate = t.readonly(
  t.type({
    /** Always `'depthUpdate'` (wire `e`). */
    eventType: t.literal('depthUpdate'),
    /** Event time, Unix seconds on real servers (`E`). */
    time: t.number,
    /** The market (`s`). */
    symbol: t.string,
    /** Changed bid levels, absolute quantities; zero removes the level (`b`). */
    bids: t.array(PriceLevel),
    /** Changed ask levels, absolute quantities; zero removes the level (`a`). */
    asks: t.array(PriceLevel),
  }),
  'DepthUpdate',
)
/** @since 0.1.0 */
export type DepthUpdate = t.TypeOf<typeof DepthUpdate>

/**
 * @internal
 * The level arrays are handed on as they are: they already have the friendly shape.
 * @since 0.1.0
 */
export function depthUpdateFromWire(w: DepthUpdateWire): DepthUpdate {
  return { eventType: 'depthUpdate', time: w.E, symbol: w.s, bids: w.b, asks: w.a }
}

/** @internal `marketDiff` frames in the real server's form (see canonical.ts). @since 0.1.0 */
export const marketDiffReader = new BookFrameReader<DepthUpdate>(
  [
    ['e', literal('depthUpdate')],
    ['E', SAFE_INT],
    ['s', STRING],
  ],
  'b',
  'a',
  (m, b, a) => depthUpdateFromWire({ e: 'depthUpdate', E: Number(m[1]), s: m[2], b, a }),
)
