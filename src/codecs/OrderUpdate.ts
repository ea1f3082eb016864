import * as t from 'io-ts'
import type * as events from '../events'
import type { OrderSide, OrderType, OrderUpdate, TimeInForce } from '../events'
import { Decimal, Integer, numericCode, toBigInt, WireTime } from './primitives'
import { shape, type Same } from './wireShape'

/**
 * @internal
 * An order's state after the event (`X`). The chain's full list (bnb-chain/node `ChangeType`); the docs
 * leave out `IocExpire`.
 * @since 0.1.0
 */
export const OrderStatus = t.keyof(
  {
    Ack: null,
    Canceled: null,
    Expired: null,
    IocNoFill: null,
    IocExpire: null,
    PartialFill: null,
    FullyFill: null,
    FailedBlocking: null,
    FailedMatching: null,
    Unknown: null,
  },
  'OrderStatus',
)
/** The public `OrderStatus` (src/events.ts). @since 0.1.0 */
export type OrderStatus = events.OrderStatus
// Fails to compile when the codec and `OrderStatus` name different statuses.
true satisfies Same<t.TypeOf<typeof OrderStatus>, OrderStatus>

const SIDES = { 1: 'buy', 2: 'sell' } as const
const ORDER_TYPES = { 1: 'market', 2: 'limit' } as const
const TIMES_IN_FORCE = { 1: 'GTE', 3: 'IOC' } as const
const SideCode = numericCode('OrderSideCode', SIDES)
const OrderTypeCode = numericCode('OrderTypeCode', ORDER_TYPES)
const TimeInForceCode = numericCode('TimeInForceCode', TIMES_IN_FORCE)
type SideCode = t.TypeOf<typeof SideCode>
type OrderTypeCode = t.TypeOf<typeof OrderTypeCode>
type TimeInForceCode = t.TypeOf<typeof TimeInForceCode>
// Fail to compile when a table and its public type name different values.
true satisfies Same<(typeof SIDES)[SideCode], OrderSide>
true satisfies Same<(typeof ORDER_TYPES)[OrderTypeCode], OrderType>
true satisfies Same<(typeof TIMES_IN_FORCE)[TimeInForceCode], TimeInForce>

/**
 * @internal
 * One element of an `orders` frame as real servers send it: numeric enums, string order ids, nanosecond
 * `T`/`O`; `l`, `L`, `z` in that order, as captured (the docs' order, `l`, `z`, `L`, is valid too, but
 * leaves the canonical reader to the general route).
 *
 * The docs' example frame has a second element with string enums (`"S":"BUY"`, `"o":"LIMIT"`,
 * `"f":"GTE"`) and a numeric order id. It is rejected on purpose: it contradicts the example's own first
 * element, the real capture and every SDK that types these fields (go-sdk int8, java-sdk int, the Swift
 * SDK, xchainjs), and an order id without the `<address hex>-<sequence>` form could never be matched to a
 * real order. Accepting it would widen every field's type for a shape no server was seen sending; a
 * rejected element is reported on `errors$` and the rest of its frame is still delivered.
 * @since 0.1.0
 */
export const orderShape = shape<OrderUpdate>()('OrderUpdateWire', {
  e: ['eventType', t.literal('executionReport')],
  E: ['height', Integer],
  s: ['symbol', t.string],
  S: ['side', SideCode, (code: SideCode) => SIDES[code]],
  o: ['orderType', OrderTypeCode, (code: OrderTypeCode) => ORDER_TYPES[code]],
  f: ['timeInForce', TimeInForceCode, (code: TimeInForceCode) => TIMES_IN_FORCE[code]],
  q: ['quantity', Decimal],
  p: ['price', Decimal],
  x: ['executionType', t.string],
  X: ['status', OrderStatus],
  i: ['orderId', t.string],
  l: ['lastExecutedQuantity', Decimal],
  L: ['lastExecutedPrice', Decimal],
  z: ['cumulativeFilledQuantity', Decimal],
  n: ['fee', t.string],
  T: ['transactionTime', WireTime, toBigInt],
  t: ['tradeId', t.string],
  O: ['orderCreationTime', WireTime, toBigInt],
})
