import type { Exchange } from './Exchange'
import { SCALE } from './fixed8'
import type { Prng } from './Prng'
import { BUY, GTE, IOC, SELL, type Pair, type Side, type TimeInForce } from './types'

// Tuning, per block. The fair price is a mean-reverting walk around the start price: it moves 0.1% per
// block and its long-run spread is 0.1% / √(2·0.002) ≈ 1.6%, lively for a demo and stable for hours.
const VOLATILITY = 0.001
const REVERSION = 0.002
/** Mean distance of a new resting order from the fair price, as a fraction of it. */
const DEPTH = 0.012
/** How far past the best opposite price an aggressive order may reach, at most, as a fraction. */
const SLIPPAGE = 0.003
const MAKERS_PER_BLOCK = 3
const TAKERS_PER_BLOCK = 1.2
/** With ~3 new resting orders a block, this keeps ~500 orders per book. */
const CANCEL_RATE = 0.006
/** GTE orders older than this expire: the chain's 3-day expiry, scaled down so that `Expired` is seen. */
const MAX_AGE_BLOCKS = 600
/** Deeper levels are cancelled, so that `marketDepth1000` always carries the whole book. */
const MAX_LEVELS = 800
const SEED_ORDERS = 500

/**
 * @internal
 * The simulated traders. Each block and pair, the fair price moves; old orders expire and a few are
 * cancelled; then makers rest GTE orders around the fair price (exponentially fewer further out), and
 * takers send IOC or aggressive GTE orders, leaning towards the side that pulls the book to the fair
 * price. Orders are sized around the pair's typical quantity and never exceed the trader's free funds.
 */
export class OrderFlow {
  private readonly anchor: number[]
  private readonly fair: number[]

  constructor(
    private readonly rng: Prng,
    private readonly exchange: Exchange,
    pairs: readonly Pair[],
    private readonly traders: number,
    private readonly activity: number,
  ) {
    this.anchor = pairs.map((pair) => Number(pair.startPrice / pair.tick))
    this.fair = [...this.anchor]
  }

  /** Fills an empty book with resting orders on both sides of the start price. */
  seed(pair: Pair): void {
    for (let i = 0; i < SEED_ORDERS; i++) this.make(pair)
  }

  step(pair: Pair, height: number): void {
    this.moveFair(pair)
    this.expire(pair, height)
    this.cancelSome(pair)
    let makers = this.rng.count(MAKERS_PER_BLOCK * this.activity)
    let takers = this.rng.count(TAKERS_PER_BLOCK * this.activity)
    while (makers + takers > 0) {
      if (this.rng.int(makers + takers) < makers) {
        makers--
        this.make(pair)
      } else {
        takers--
        this.take(pair)
      }
    }
    this.capDepth(pair)
  }

  private moveFair({ index }: Pair): void {
    const anchor = this.anchor[index]
    const fair = this.fair[index]
    const next = fair + REVERSION * (anchor - fair) + VOLATILITY * anchor * this.rng.gauss()
    this.fair[index] = Math.min(2 * anchor, Math.max(anchor / 2, next))
  }

  private make(pair: Pair): void {
    const side: Side = this.rng.chance(0.5) ? BUY : SELL
    const distance = 1 + Math.floor(Math.max(2, this.anchor[pair.index] * DEPTH) * this.rng.exponential())
    const centre = Math.round(this.fair[pair.index])
    this.submit(pair, side, GTE, side === BUY ? centre - distance : centre + distance)
  }

  private take(pair: Pair): void {
    const book = this.exchange.books[pair.index]
    const fair = this.fair[pair.index]
    const bid = book.bids.best()
    const ask = book.asks.best()
    const mid = bid && ask ? Number((bid.price + ask.price) / 2n / pair.tick) : fair
    const lean = Math.max(-0.3, Math.min(0.3, (fair - mid) / (this.anchor[pair.index] * 0.01)))
    const side: Side = this.rng.chance(0.5 + lean) ? BUY : SELL
    const tif: TimeInForce = this.rng.chance(0.7) ? IOC : GTE
    const slip = Math.floor(this.anchor[pair.index] * SLIPPAGE * this.rng.next())
    const best = book.opposite(side).best()
    // Mostly priced off the best opposite order; sometimes off the fair price, which may not cross.
    const from = best && this.rng.chance(0.85) ? Number(best.price / pair.tick) : Math.round(fair)
    this.submit(pair, side, tif, side === BUY ? from + slip : from - slip)
  }

  /** Sends an order of a random trader, shrunk to what that trader can afford; skipped if nothing is. */
  private submit(pair: Pair, side: Side, tif: TimeInForce, ticks: number): void {
    const owner = this.rng.int(this.traders)
    const size = Number(pair.typicalQty / pair.lot) * Math.exp(0.8 * this.rng.gauss())
    const lots = BigInt(Math.max(1, Math.floor(size)))
    if (ticks < 1) return
    const price = BigInt(ticks) * pair.tick
    const ledger = this.exchange.ledger
    const affordable =
      side === BUY
        ? (ledger.balance(owner, pair.quote).free * SCALE) / (price * pair.lot)
        : ledger.balance(owner, pair.base).free / pair.lot
    const qty = (lots < affordable ? lots : affordable) * pair.lot
    if (qty > 0n) this.exchange.place(owner, pair, side, tif, price, qty)
  }

  private expire(pair: Pair, height: number): void {
    const queue = this.exchange.resting[pair.index]
    for (let order = queue.front(); order; order = queue.front()) {
      if (order.slot !== -1 && height - order.createdHeight < MAX_AGE_BLOCKS) break
      queue.shift()
      if (order.slot !== -1) this.exchange.cancel(order, 'Expired')
    }
  }

  private cancelSome(pair: Pair): void {
    const open = this.exchange.open[pair.index]
    const n = Math.floor(open.length * CANCEL_RATE + this.rng.next())
    for (let i = 0; i < n && open.length > 0; i++) {
      this.exchange.cancel(open[this.rng.int(open.length)], 'Canceled')
    }
  }

  private capDepth(pair: Pair): void {
    for (const side of [this.exchange.books[pair.index].bids, this.exchange.books[pair.index].asks]) {
      while (side.prices.length > MAX_LEVELS) {
        for (const order of [...(side.worst()?.orders ?? [])]) this.exchange.cancel(order, 'Canceled')
      }
    }
  }
}
