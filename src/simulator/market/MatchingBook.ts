import { formatFixed8 } from './fixed8'
import { BUY, type Order, type Side } from './types'

/** @internal One price level: its resting orders in time priority and their summed open quantity. */
export interface PriceQueue {
  readonly price: bigint
  readonly priceText: string
  total: bigint
  /** The level as a wire pair, cached until it changes: deep snapshots are built every block. */
  wire: [string, string] | undefined
  readonly orders: Order[]
}

const open = (order: Order): bigint => order.qty - order.filled

/**
 * @internal
 * One side of a book: levels keyed by price plus their prices sorted best first. It also remembers the
 * total each level had when it was first touched this block, which is what makes a block's net diff.
 */
export class QueueSide {
  /** Prices, best first. */
  readonly prices: bigint[] = []
  readonly levels = new Map<bigint, PriceQueue>()
  private readonly before = new Map<bigint, bigint>()
  /** Every level as wire pairs, best first, cached until the side changes. Frames share it: never mutate. */
  private wire: [string, string][] | undefined

  constructor(readonly descending: boolean) {}

  best(): PriceQueue | undefined {
    return this.prices.length === 0 ? undefined : this.levels.get(this.prices[0])
  }

  worst(): PriceQueue | undefined {
    return this.prices.length === 0 ? undefined : this.levels.get(this.prices[this.prices.length - 1])
  }

  /** Appends a resting order at the back of its level's queue. */
  add(order: Order): void {
    this.touch(order.price)
    let level = this.levels.get(order.price)
    if (!level) {
      const priceText = formatFixed8(order.price)
      level = { price: order.price, priceText, total: 0n, wire: undefined, orders: [] }
      this.levels.set(order.price, level)
      this.prices.splice(this.insertionPoint(order.price), 0, order.price)
    }
    level.orders.push(order)
    this.setTotal(level, level.total + open(order))
  }

  /** Takes `qty` off a level after its order was filled that much; a filled order leaves the queue. */
  reduce(order: Order, qty: bigint): void {
    const level = this.levelOf(order)
    this.touch(level.price)
    this.setTotal(level, level.total - qty)
    if (open(order) === 0n) this.unqueue(level, order)
  }

  /** Removes a resting order with its open quantity (cancel, expiry). */
  remove(order: Order): void {
    const level = this.levelOf(order)
    this.touch(level.price)
    this.setTotal(level, level.total - open(order))
    this.unqueue(level, order)
  }

  /** The net changes since the last call, best first; a removed level has quantity 0. */
  takeDiff(): [bigint, bigint][] {
    const changed: [bigint, bigint][] = []
    for (const [price, total] of this.before) {
      const now = this.levels.get(price)?.total ?? 0n
      if (now !== total) changed.push([price, now])
    }
    this.before.clear()
    return changed.sort(([a], [b]) => (a === b ? 0 : a > b === this.descending ? -1 : 1))
  }

  /** The best `n` levels as wire pairs. */
  top(n: number): [string, string][] {
    this.wire ??= this.prices.map((price) => {
      const level = this.levels.get(price) as PriceQueue
      return (level.wire ??= [level.priceText, formatFixed8(level.total)])
    })
    return this.wire.slice(0, n)
  }

  private touch(price: bigint): void {
    if (!this.before.has(price)) this.before.set(price, this.levels.get(price)?.total ?? 0n)
  }

  private setTotal(level: PriceQueue, total: bigint): void {
    level.total = total
    level.wire = undefined
    this.wire = undefined
  }

  private levelOf(order: Order): PriceQueue {
    const level = this.levels.get(order.price)
    if (!level) throw new Error(`order ${order.id} is not in the book`)
    return level
  }

  private unqueue(level: PriceQueue, order: Order): void {
    const at = level.orders.indexOf(order)
    if (at === -1) throw new Error(`order ${order.id} is not in its level`)
    level.orders.splice(at, 1)
    if (level.orders.length > 0) return
    this.levels.delete(level.price)
    this.prices.splice(this.insertionPoint(level.price), 1)
  }

  /** The index of the first price not better than `price` (binary search). */
  private insertionPoint(price: bigint): number {
    let lo = 0
    let hi = this.prices.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const p = this.prices[mid]
      if (this.descending ? p > price : p < price) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

/** @internal A pair's limit order book. Bids are sorted high to low, asks low to high. */
export class MatchingBook {
  readonly bids = new QueueSide(true)
  readonly asks = new QueueSide(false)

  side(side: Side): QueueSide {
    return side === BUY ? this.bids : this.asks
  }

  opposite(side: Side): QueueSide {
    return side === BUY ? this.asks : this.bids
  }
}
