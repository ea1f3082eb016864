import * as t from 'io-ts'
import { BookFrameReader, SAFE_INT, STRING } from './canonical'
import { Integer, PriceLevel } from './primitives'

/** @internal A `marketDepth` (or `marketDepth100/500/1000`) frame's data. @since 0.1.0 */
export const DepthSnapshotWire = t.type(
  { lastUpdateId: Integer, symbol: t.string, bids: t.array(PriceLevel), asks: t.array(PriceLevel) },
  'DepthSnapshotWire',
)
/** @internal @since 0.1.0 */
export type DepthSnapshotWire = t.TypeOf<typeof DepthSnapshotWire>

/**
 * The top of the order book, as emitted by `marketDepth(symbol, levels?)`: bids best (highest) first,
 * asks best (lowest) first. `lastUpdateId` is a block height in real captures. Each push is a full
 * snapshot, not a diff.
 *
 * ```ts
 * dex.marketDepth('BNB_BTCB-1DE', 100).subscribe(({ bids }) => console.log('best bid', bids[0]?.[0]))
 * ```
 * @since 0.1.0
 */
export const DepthSnapshot = t.readonly(
  t.type({
    /** The block height of the snapshot. */
    lastUpdateId: t.number,
    /** The market. */
    symbol: t.string,
    /** Best bids, highest price first. */
    bids: t.array(PriceLevel),
    /** Best asks, lowest price first. */
    asks: t.array(PriceLevel),
  }),
  'DepthSnapshot',
)
/** @since 0.1.0 */
export type DepthSnapshot = t.TypeOf<typeof DepthSnapshot>

/** @internal A copy with only the known keys; the level arrays are handed on as they are. @since 0.1.0 */
export function depthSnapshotFromWire(w: DepthSnapshotWire): DepthSnapshot {
  return { lastUpdateId: w.lastUpdateId, symbol: w.symbol, bids: w.bids, asks: w.asks }
}

/** @internal `marketDepth` (100/500/1000) frames in the real server's form (see canonical.ts). @since 0.1.0 */
export const marketDepthReader = new BookFrameReader<DepthSnapshot>(
  [
    ['lastUpdateId', SAFE_INT],
    ['symbol', STRING],
  ],
  'bids',
  'asks',
  (m, bids, asks) => depthSnapshotFromWire({ lastUpdateId: Number(m[1]), symbol: m[2], bids, asks }),
)
