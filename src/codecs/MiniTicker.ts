import * as t from 'io-ts'
import type { MiniTicker } from '../events'
import { Decimal, Integer } from './primitives'
import { shape } from './wireShape'

/**
 * @internal
 * One `miniTicker` frame's data, or one element of an `allMiniTickers` frame. The docs say `e` is
 * `24hrMiniTicker`; samples printed from testnet show `24hrTicker`, so both are accepted, and the event
 * always says `24hrMiniTicker`.
 * @since 0.1.0
 */
export const miniTickerShape = shape<MiniTicker>()('MiniTickerWire', {
  e: ['eventType', t.keyof({ '24hrMiniTicker': null, '24hrTicker': null }), (): '24hrMiniTicker' => '24hrMiniTicker'],
  E: ['time', Integer],
  s: ['symbol', t.string],
  c: ['lastPrice', Decimal],
  o: ['open', Decimal],
  h: ['high', Decimal],
  l: ['low', Decimal],
  v: ['volume', Decimal],
  q: ['quoteVolume', Decimal],
})
