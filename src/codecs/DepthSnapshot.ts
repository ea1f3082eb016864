import * as t from 'io-ts'
import type { DepthSnapshot } from '../events'
import { Integer, PriceLevels } from './primitives'
import { shape } from './wireShape'

/**
 * @internal
 * A `marketDepth` (or `marketDepth100/500/1000`) frame's data. The event is a copy with only the known
 * keys; the level lists are handed on as they are.
 * @since 0.1.0
 */
export const depthSnapshotShape = shape<DepthSnapshot>()('DepthSnapshotWire', {
  lastUpdateId: ['lastUpdateId', Integer],
  symbol: ['symbol', t.string],
  bids: ['bids', PriceLevels],
  asks: ['asks', PriceLevels],
})

/**
 * @internal
 * A `depthSnapshot` frame's data: the book that tardis.dev's recorder fetched over REST
 * (`/api/v1/depth?limit=1000`) after subscribing, stored among the stream frames it recorded. It is the same
 * snapshot under other keys: `height` is the block height, which `marketDepth` calls `lastUpdateId`.
 * @since 0.1.0
 */
export const tardisDepthSnapshotShape = shape<DepthSnapshot>()('TardisDepthSnapshotWire', {
  symbol: ['symbol', t.string],
  asks: ['asks', PriceLevels],
  bids: ['bids', PriceLevels],
  height: ['lastUpdateId', Integer],
})
