import * as t from 'io-ts'
import type { DepthUpdate } from '../events'
import { Integer, PriceLevels } from './primitives'
import { shape } from './wireShape'

/**
 * @internal
 * A `marketDiff` frame's data. It carries no update ids, unlike binance.com's. The level lists are
 * handed on as they are: they already have the event's shape.
 * @since 0.1.0
 */
export const depthUpdateShape = shape<DepthUpdate>()('DepthUpdateWire', {
  e: ['eventType', t.literal('depthUpdate')],
  E: ['time', Integer],
  s: ['symbol', t.string],
  b: ['bids', PriceLevels],
  a: ['asks', PriceLevels],
})
