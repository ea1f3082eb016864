import { Deque } from './Deque'
import { formatFixed8, notional } from './fixed8'
import type { Ledger } from './Ledger'
import { MatchingBook } from './MatchingBook'
import {
  BUY,
  GTE,
  SELL,
  type Order,
  type OrderEvent,
  type OrderStatus,
  type Pair,
  type Side,
  type TimeInForce,
  type TradeRecord,
} from './types'

/** The fee: 0.04% of what each side receives, the rate of the real capture (`BNB:0.00039999` on 0.99999). */
const FEE_NUMERATOR = 4n
const FEE_DENOMINATOR = 10_000n

const remaining = (order: Order): bigint => order.qty - order.filled

/** The wire's fee text `n`: `'BNB:0.00039999'`, or `''` when nothing was charged. */
const feeText = (asset: string, fee: bigint): string => (fee === 0n ? '' : `${asset}:${formatFixed8(fee)}`)

/**
 * @internal
 * The matching engine: one price-time-priority book per pair over one ledger. An incoming order trades
 * against the best opposite levels, oldest order first, at the resting order's price, while it crosses;
 * what is left rests (GTE) or expires (IOC). A block's trades and each account's order events are
 * collected until the next `beginBlock`.
 */
export class Exchange {
  readonly books: MatchingBook[]
  /** Open orders per pair, in no particular order, so that a random one can be picked in O(1). */
  readonly open: Order[][]
  /** Per pair, every order that rested, oldest first; finished ones stay until they reach the front. */
  readonly resting: Deque<Order>[]
  trades: TradeRecord[] = []
  events: OrderEvent[][]
  private height = 0
  private timeMs = 0
  private timeNs = 0n
  private readonly sequences: number[]

  constructor(
    pairs: readonly Pair[],
    readonly ledger: Ledger,
    private readonly accountHex: readonly string[],
  ) {
    this.books = pairs.map(() => new MatchingBook())
    this.open = pairs.map(() => [])
    this.resting = pairs.map(() => new Deque<Order>())
    this.sequences = accountHex.map(() => 0)
    this.events = accountHex.map(() => [])
  }

  beginBlock(height: number, timeMs: number, timeNs: bigint): void {
    this.height = height
    this.timeMs = timeMs
    this.timeNs = timeNs
    this.trades = []
    this.events = this.accountHex.map(() => [])
  }

  /** Counts a transaction of `owner` (orders, cancels and transfers all use one), returning its sequence. */
  nextSequence(owner: number): number {
    return ++this.sequences[owner]
  }

  /** What an order holds locked: the quote at its limit price for a buy, the base for a sell. */
  reservation(order: Order): bigint {
    return order.side === BUY ? notional(order.price, remaining(order)) : remaining(order)
  }

  /** Places a limit order whose reservation `owner` can afford, matches it, and rests or expires the rest. */
  place(owner: number, pair: Pair, side: Side, tif: TimeInForce, price: bigint, qty: bigint): Order {
    const id = `${this.accountHex[owner]}-${this.nextSequence(owner)}`
    const [createdNs, createdHeight, filled, slot] = [this.timeNs, this.height, 0n, -1]
    const order: Order = { id, owner, pair, side, tif, price, qty, filled, createdNs, createdHeight, slot }
    this.ledger.lock(owner, side === BUY ? pair.quote : pair.base, this.reservation(order))
    this.emit(order, 'Ack')
    const book = this.books[pair.index]
    const opposite = book.opposite(side)
    for (let level = opposite.best(); level && remaining(order) > 0n; level = opposite.best()) {
      if (side === BUY ? level.price > price : level.price < price) break
      const maker = level.orders[0]
      const qty = remaining(order) < remaining(maker) ? remaining(order) : remaining(maker)
      this.trade(order, maker, level.price, qty)
      if (remaining(maker) === 0n) this.unlist(maker)
    }
    if (remaining(order) === 0n) return order
    if (tif === GTE) {
      book.side(side).add(order)
      order.slot = this.open[pair.index].push(order) - 1
      this.resting[pair.index].push(order)
    } else {
      this.release(order)
      this.emit(order, order.filled === 0n ? 'IocNoFill' : 'IocExpire')
    }
    return order
  }

  /** Takes a resting order off the book: a cancel transaction of its owner, or the chain's expiry. */
  cancel(order: Order, status: 'Canceled' | 'Expired'): void {
    if (status === 'Canceled') this.nextSequence(order.owner)
    this.books[order.pair.index].side(order.side).remove(order)
    this.unlist(order)
    this.release(order)
    this.emit(order, status)
  }

  private trade(taker: Order, maker: Order, price: bigint, qty: bigint): void {
    const { pair } = taker
    const buyer = taker.side === BUY ? taker : maker
    const seller = taker.side === SELL ? taker : maker
    const quoteQty = notional(price, qty)
    const baseFee = (qty * FEE_NUMERATOR) / FEE_DENOMINATOR
    const quoteFee = (quoteQty * FEE_NUMERATOR) / FEE_DENOMINATOR
    this.ledger.settle(seller.owner, buyer.owner, pair.base, qty, baseFee)
    this.ledger.settle(buyer.owner, seller.owner, pair.quote, quoteQty, quoteFee)
    // The buyer reserved at its limit; a better execution price frees the difference.
    this.ledger.unlock(buyer.owner, pair.quote, notional(buyer.price - price, qty))
    maker.filled += qty
    taker.filled += qty
    this.books[pair.index].side(maker.side).reduce(maker, qty)
    const id = `${this.height}-${this.trades.length}`
    const tickType = taker.side === BUY ? 2 : 1
    this.trades.push({ pair, id, price, qty, quoteQty, buyer, seller, tickType, timeMs: this.timeMs })
    for (const order of [taker, maker]) {
      const fee = order === buyer ? feeText(pair.base, baseFee) : feeText(pair.quote, quoteFee)
      this.emit(order, remaining(order) === 0n ? 'FullyFill' : 'PartialFill', qty, price, fee, id)
    }
  }

  private release(order: Order): void {
    const asset = order.side === BUY ? order.pair.quote : order.pair.base
    this.ledger.unlock(order.owner, asset, this.reservation(order))
  }

  /** Drops an order from its pair's open list (swap with the last entry). */
  private unlist(order: Order): void {
    const list = this.open[order.pair.index]
    if (order.slot < 0) return
    const last = list.pop() as Order
    if (last !== order) {
      list[order.slot] = last
      last.slot = order.slot
    }
    order.slot = -1
  }

  private emit(order: Order, status: OrderStatus, lastQty = 0n, lastPrice = 0n, fee = '', tradeId = '') {
    const event = { order, status, lastQty, lastPrice, cumulativeQty: order.filled, fee, tradeId }
    this.events[order.owner].push(event)
  }
}
