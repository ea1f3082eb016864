import * as t from 'io-ts'
import type { TickType, Trade } from '../events'
import { Decimal, Integer, numericCode, toBigInt, WireTime } from './primitives'
import { optional, shape, type Same } from './wireShape'

const TICK_TYPES = {
  0: 'Unknown',
  1: 'SellTaker',
  2: 'BuyTaker',
  3: 'BuySurplus',
  4: 'SellSurplus',
  5: 'Neutral',
} as const
const TickTypeCode = numericCode('TickTypeCode', TICK_TYPES)
type TickTypeCode = t.TypeOf<typeof TickTypeCode>
// Fails to compile when the table and `TickType` name different values.
true satisfies Same<(typeof TICK_TYPES)[TickTypeCode], TickType>

/**
 * @internal
 * One element of a `trades` frame as the server sends it. `tt` came later (docs-site #156): frames
 * captured in April 2019 lack it.
 * @since 0.1.0
 */
export const tradeShape = shape<Trade>()('TradeWire', {
  e: ['eventType', t.literal('trade')],
  E: ['height', Integer],
  s: ['symbol', t.string],
  t: ['tradeId', t.string],
  p: ['price', Decimal],
  q: ['quantity', Decimal],
  b: ['buyerOrderId', t.string],
  a: ['sellerOrderId', t.string],
  T: ['tradeTime', WireTime, toBigInt],
  sa: ['sellerAddress', t.string],
  ba: ['buyerAddress', t.string],
  // Always present on the event (undefined when the frame has no tt), so every Trade has the same shape.
  tt: ['tickType', optional(TickTypeCode), (code: TickTypeCode) => TICK_TYPES[code]],
})
