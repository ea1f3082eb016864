import type { PriceLevel } from './OrderBook'

// The order book needs only these fields. Declared structurally so that this module does not depend on the
// codecs: the decoded `DepthSnapshot` and `DepthUpdate` types satisfy them as they are.

/** @internal A marketDepth push: the top N levels of both sides at block `lastUpdateId`. */
export interface DepthSnapshotLike {
  readonly lastUpdateId: number
  readonly symbol: string
  readonly bids: readonly PriceLevel[]
  readonly asks: readonly PriceLevel[]
}

/** @internal A marketDiff push: absolute new quantities of the levels that changed (zero removes). */
export interface DepthUpdateLike {
  readonly time: number
  readonly symbol: string
  readonly bids: readonly PriceLevel[]
  readonly asks: readonly PriceLevel[]
}
