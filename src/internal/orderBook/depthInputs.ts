import type { DepthSnapshot, DepthUpdate } from '../../events'
import type { PriceLevel } from './OrderBook'

// The order book needs only these fields of the decoded events, and takes read-only level lists, so that
// any source of levels (tests, a replay) fits.

/** @internal The two sides of a book push, best first. */
interface Sides {
  readonly bids: readonly PriceLevel[]
  readonly asks: readonly PriceLevel[]
}

/** @internal A marketDepth push: the top N levels of both sides at block `lastUpdateId`. */
export type DepthSnapshotLike = Pick<DepthSnapshot, 'lastUpdateId' | 'symbol'> & Sides

/** @internal A marketDiff push: absolute new quantities of the levels that changed (zero removes). */
export type DepthUpdateLike = Pick<DepthUpdate, 'time' | 'symbol'> & Sides
