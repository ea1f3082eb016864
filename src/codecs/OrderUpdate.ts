import * as t from 'io-ts'
import { ArrayFrameReader, CODE, DECIMAL, literal, NANOS, objectOf, SAFE_INT, STRING, WORD } from './canonical'
import { Decimal, Integer, numericCode, toBigInt, WireTime } from './primitives'

/**
 * An order's state after the event (`X`). The chain's full list (bnb-chain/node `ChangeType`); the docs
 * leave out `IocExpire`.
 * @since 0.1.0
 */
export const OrderStatus = t.keyof(
  {
    /** Accepted and resting on the book. */
    Ack: null,
    /** Cancelled by its owner. */
    Canceled: null,
    /** A GTE order that outlived its time on the book. */
    Expired: null,
    /** An IOC order that found nothing to trade with. */
    IocNoFill: null,
    /** An IOC order that traded in part; the rest expired. */
    IocExpire: null,
    /** Partly filled, the rest still open. */
    PartialFill: null,
    /** Completely filled. */
    FullyFill: null,
    /** Rejected when the block was checked. */
    FailedBlocking: null,
    /** Rejected by the matching engine. */
    FailedMatching: null,
    /** A status the server could not name. */
    Unknown: null,
  },
  'OrderStatus',
)
/** @since 0.1.0 */
export type OrderStatus = t.TypeOf<typeof OrderStatus>

/** @since 0.1.0 */
export const OrderSide = t.keyof(
  {
    /** Wire 1. */
    buy: null,
    /** Wire 2. */
    sell: null,
  },
  'OrderSide',
)
/** @since 0.1.0 */
export type OrderSide = t.TypeOf<typeof OrderSide>

/** @since 0.1.0 */
export const OrderType = t.keyof(
  {
    /** Wire 2; the only type the chain accepts. */
    limit: null,
    /** Wire 1. */
    market: null,
  },
  'OrderType',
)
/** @since 0.1.0 */
export type OrderType = t.TypeOf<typeof OrderType>

/** `GTE`: good till expire; `IOC`: immediate or cancel. @since 0.1.0 */
export const TimeInForce = t.keyof(
  {
    /** Wire 1: good till expire. */
    GTE: null,
    /** Wire 3: immediate or cancel. */
    IOC: null,
  },
  'TimeInForce',
)
/** @since 0.1.0 */
export type TimeInForce = t.TypeOf<typeof TimeInForce>

const SIDES = { 1: 'buy', 2: 'sell' } as const satisfies Record<number, OrderSide>
const ORDER_TYPES = { 1: 'market', 2: 'limit' } as const satisfies Record<number, OrderType>
const TIMES_IN_FORCE = { 1: 'GTE', 3: 'IOC' } as const satisfies Record<number, TimeInForce>

/**
 * @internal
 * One element of an `orders` frame as real servers send it: numeric enums, string order ids, nanosecond
 * `T`/`O`.
 *
 * The docs' example frame has a second element with string enums (`"S":"BUY"`, `"o":"LIMIT"`,
 * `"f":"GTE"`) and a numeric order id. It is rejected on purpose: it contradicts the example's own first
 * element, the real capture and every SDK that types these fields (go-sdk int8, java-sdk int, the Swift
 * SDK, xchainjs), and an order id without the `<address hex>-<sequence>` form could never be matched to a
 * real order. Accepting it would widen every field's type for a shape no server was seen sending; a
 * rejected element is reported on `errors$` and the rest of its frame is still delivered.
 * @since 0.1.0
 */
export const OrderUpdateWire = t.type(
  {
    e: t.literal('executionReport'),
    E: Integer,
    s: t.string,
    S: numericCode('OrderSideCode', SIDES),
    o: numericCode('OrderTypeCode', ORDER_TYPES),
    f: numericCode('TimeInForceCode', TIMES_IN_FORCE),
    q: Decimal,
    p: Decimal,
    x: t.string,
    X: OrderStatus,
    i: t.string,
    l: Decimal,
    z: Decimal,
    L: Decimal,
    n: t.string,
    T: WireTime,
    t: t.string,
    O: WireTime,
  },
  'OrderUpdateWire',
)
/** @internal @since 0.1.0 */
export type OrderUpdateWire = t.TypeOf<typeof OrderUpdateWire>

/**
 * An execution report for one of the address's orders, as emitted by `orders(address)`.
 * `fee` is the server's raw text (`"BNB:0.00039999"`, or `""` when there is none); `transactionTime` and
 * `orderCreationTime` are exact nanosecond times.
 *
 * ```ts
 * dex.orders('bnb1…').pipe(filter((o) => o.status === 'FullyFill'))
 * ```
 * @since 0.1.0
 */
export const OrderUpdate = t.readonly(
  t.type({
    /** Always `'executionReport'` (wire `e`). */
    eventType: t.literal('executionReport'),
    /** Block height of the event (`E`). */
    height: t.number,
    /** The market (`s`). */
    symbol: t.string,
    /** `S`: 1 buy, 2 sell. */
    side: OrderSide,
    /** `o`: 2 limit (the only type the chain accepts), 1 market. */
    orderType: OrderType,
    /** `f`: 1 good till expire, 3 immediate or cancel. */
    timeInForce: TimeInForce,
    /** Order quantity (`q`). */
    quantity: Decimal,
    /** Order price (`p`). */
    price: Decimal,
    /** Execution type (`x`); always `'NEW'` on real servers. */
    executionType: t.string,
    /** The order's state after this event (`X`). */
    status: OrderStatus,
    /** `<owner address bytes, hex>-<sequence>` (`i`). */
    orderId: t.string,
    /** Quantity of this event's fill (`l`). */
    lastExecutedQuantity: Decimal,
    /** Quantity filled so far (`z`). */
    cumulativeFilledQuantity: Decimal,
    /** Price of this event's fill (`L`). */
    lastExecutedPrice: Decimal,
    /** The server's raw fee text (`n`), e.g. `'BNB:0.00039999'`; `''` when none. */
    fee: t.string,
    /** Nanoseconds since the epoch, exact (`T`). */
    transactionTime: t.bigint,
    /** `<height>-<index>` of this event's trade, `''` without one (`t`). */
    tradeId: t.string,
    /** Nanoseconds since the epoch, exact (`O`). */
    orderCreationTime: t.bigint,
  }),
  'OrderUpdate',
)
/** @since 0.1.0 */
export type OrderUpdate = t.TypeOf<typeof OrderUpdate>

/** @internal @since 0.1.0 */
export function orderUpdateFromWire(w: OrderUpdateWire): OrderUpdate {
  return {
    eventType: 'executionReport',
    height: w.E,
    symbol: w.s,
    side: SIDES[w.S],
    orderType: ORDER_TYPES[w.o],
    timeInForce: TIMES_IN_FORCE[w.f],
    quantity: w.q,
    price: w.p,
    executionType: w.x,
    status: w.X,
    orderId: w.i,
    lastExecutedQuantity: w.l,
    cumulativeFilledQuantity: w.z,
    lastExecutedPrice: w.L,
    fee: w.n,
    transactionTime: toBigInt(w.T),
    tradeId: w.t,
    orderCreationTime: toBigInt(w.O),
  }
}

const { S: SideCode, o: OrderTypeCode, f: TimeInForceCode } = OrderUpdateWire.props

/**
 * @internal
 * `orders` frames in the real server's form (see canonical.ts): `l`, `L`, `z` in that order, as captured;
 * the docs' order (`l`, `z`, `L`) takes the general route.
 * @since 0.1.0
 */
export const ordersReader = new ArrayFrameReader<OrderUpdate>(
  objectOf([
    ['e', literal('executionReport')],
    ['E', SAFE_INT],
    ['s', STRING],
    ['S', CODE],
    ['o', CODE],
    ['f', CODE],
    ['q', DECIMAL],
    ['p', DECIMAL],
    ['x', STRING],
    ['X', WORD],
    ['i', STRING],
    ['l', DECIMAL],
    ['L', DECIMAL],
    ['z', DECIMAL],
    ['n', STRING],
    ['T', NANOS],
    ['t', STRING],
    ['O', NANOS],
  ]),
  (m) => {
    const S = Number(m[3])
    const o = Number(m[4])
    const f = Number(m[5])
    const X = m[9]
    if (!SideCode.is(S) || !OrderTypeCode.is(o) || !TimeInForceCode.is(f) || !OrderStatus.is(X)) return undefined
    return orderUpdateFromWire({
      e: 'executionReport',
      E: Number(m[1]),
      s: m[2],
      S,
      o,
      f,
      q: m[6],
      p: m[7],
      x: m[8],
      X,
      i: m[10],
      l: m[11],
      L: m[12],
      z: m[13],
      n: m[14],
      T: BigInt(m[15]),
      t: m[16],
      O: BigInt(m[17]),
    })
  },
)
