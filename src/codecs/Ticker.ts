import * as t from 'io-ts'
import type { Ticker } from '../events'
import { Decimal, Integer } from './primitives'
import { shape } from './wireShape'

/** @internal One `ticker` frame's data, or one element of an `allTickers` frame. @since 0.1.0 */
export const tickerShape = shape<Ticker>()('TickerWire', {
  e: ['eventType', t.literal('24hrTicker')],
  E: ['time', Integer],
  s: ['symbol', t.string],
  p: ['priceChange', Decimal],
  P: ['priceChangePercent', Decimal],
  w: ['weightedAvgPrice', Decimal],
  x: ['prevClosePrice', Decimal],
  c: ['lastPrice', Decimal],
  Q: ['lastQuantity', Decimal],
  b: ['bestBidPrice', Decimal],
  B: ['bestBidQuantity', Decimal],
  a: ['bestAskPrice', Decimal],
  A: ['bestAskQuantity', Decimal],
  o: ['open', Decimal],
  h: ['high', Decimal],
  l: ['low', Decimal],
  v: ['volume', Decimal],
  q: ['quoteVolume', Decimal],
  O: ['openTime', Integer],
  C: ['closeTime', Integer],
  F: ['firstTradeId', t.string],
  L: ['lastTradeId', t.string],
  n: ['trades', Integer],
})
