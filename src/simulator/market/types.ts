// The simulated market's internal records. Amounts and prices are bigint 1e-8 units (see fixed8.ts).

/** @internal Wire codes of order side (`S`) and time in force (`f`). */
export const BUY = 1
/** @internal */
export const SELL = 2
/** @internal */
export const GTE = 1
/** @internal */
export const IOC = 3

/** @internal */
export type Side = typeof BUY | typeof SELL
/** @internal */
export type TimeInForce = typeof GTE | typeof IOC

/** @internal A trading pair and the granularity its orders respect. */
export interface Pair {
  readonly index: number
  readonly symbol: string
  readonly base: string
  readonly quote: string
  /**
   * Prices are multiples of `tick`, quantities multiples of `lot`, and `tick·lot` is a multiple of 1e8, so
   * every notional `price·quantity` is an exact number of 1e-8 units.
   */
  readonly tick: bigint
  readonly lot: bigint
  readonly startPrice: bigint
  /** The median size of a simulated order, in base units. */
  readonly typicalQty: bigint
}

/** @internal A limit order. `slot` is its index in its pair's list of open orders, -1 once it is finished. */
export interface Order {
  readonly id: string
  readonly owner: number
  readonly pair: Pair
  readonly side: Side
  readonly tif: TimeInForce
  readonly price: bigint
  readonly qty: bigint
  filled: bigint
  readonly createdNs: bigint
  readonly createdHeight: number
  slot: number
}

/** @internal */
export type OrderStatus =
  | 'Ack'
  | 'PartialFill'
  | 'FullyFill'
  | 'Canceled'
  | 'Expired'
  | 'IocNoFill'
  | 'IocExpire'

/** @internal One entry of an `orders` frame, with the values it had when it happened. */
export interface OrderEvent {
  readonly order: Order
  readonly status: OrderStatus
  readonly lastQty: bigint
  readonly lastPrice: bigint
  readonly cumulativeQty: bigint
  /** The wire's `n`: `'ASSET:amount'`, or `''` when no fee was charged. */
  readonly fee: string
  readonly tradeId: string
}

/** @internal Tick type `tt`: which side took liquidity. */
export type TickType = 1 | 2

/** @internal */
export interface TradeRecord {
  readonly pair: Pair
  readonly id: string
  readonly price: bigint
  readonly qty: bigint
  readonly quoteQty: bigint
  readonly buyer: Order
  readonly seller: Order
  readonly tickType: TickType
  readonly timeMs: number
}

/** @internal An amount of one asset. */
export interface Coin {
  readonly asset: string
  readonly amount: bigint
}

/** @internal A (multi-)send between simulated addresses; owners are trader indexes. */
export interface TransferRecord {
  readonly hash: string
  readonly memo: string
  readonly from: number
  readonly outputs: readonly { readonly to: number; readonly coins: readonly Coin[] }[]
}
