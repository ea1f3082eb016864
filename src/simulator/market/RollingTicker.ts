import { Deque } from './Deque'
import { addTrade, flatBar, type Ohlcv } from './ohlcv'
import type { TradeRecord } from './types'

/** @internal The length of the tickers' rolling window. */
export const DAY_MS = 86_400_000

/** The trades of one block: they share a time, so they enter and leave the window together. */
interface Bucket extends Ohlcv {
  readonly timeMs: number
  readonly firstId: string
}

/** @internal The 24-hour statistics of a ticker; ids repeat the last trade id when the window is empty. */
export interface TickerStats {
  open: bigint
  high: bigint
  low: bigint
  close: bigint
  lastQty: bigint
  prevClose: bigint
  volume: bigint
  quoteVolume: bigint
  trades: number
  firstId: string
  lastId: string
}

/** Puts `bucket` at the back of a monotonic deque, dropping the entries it outranks. */
function keep(deque: Deque<Bucket>, bucket: Bucket, outranks: (other: Bucket) => boolean): void {
  if (deque.back() === bucket) deque.popBack()
  for (let back = deque.back(); back && outranks(back); back = deque.back()) deque.popBack()
  deque.push(bucket)
}

/**
 * @internal
 * 24-hour rolling statistics of one symbol over the window (nowMs − 24 h, nowMs]. The window keeps one
 * bucket per block rather than one entry per trade, and high and low come from monotonic deques of
 * buckets, so a second's update costs only what entered or left the window, however busy the day was.
 * The previous close is the last trade that left the window (the start price before any did).
 */
export class RollingTicker {
  private readonly window = new Deque<Bucket>()
  private readonly highs = new Deque<Bucket>()
  private readonly lows = new Deque<Bucket>()
  private volume = 0n
  private quoteVolume = 0n
  private trades = 0
  private last: TradeRecord | undefined
  private prevClose: bigint

  constructor(startPrice: bigint) {
    this.prevClose = startPrice
  }

  add(trade: TradeRecord): void {
    const { timeMs, qty, quoteQty } = trade
    let bucket = this.window.back()
    if (bucket?.timeMs !== timeMs) {
      bucket = { timeMs, ...flatBar(trade.price), firstId: trade.id }
      this.window.push(bucket)
    }
    const b = bucket
    addTrade(b, trade)
    keep(this.highs, b, (other) => other.high < b.high)
    keep(this.lows, b, (other) => other.low > b.low)
    this.volume += qty
    this.quoteVolume += quoteQty
    this.trades++
    this.last = trade
  }

  /** Drops the blocks at or before `nowMs − 24 h`. */
  advance(nowMs: number): void {
    for (let b = this.window.front(); b && b.timeMs <= nowMs - DAY_MS; b = this.window.front()) {
      this.window.shift()
      if (this.highs.front() === b) this.highs.shift()
      if (this.lows.front() === b) this.lows.shift()
      this.volume -= b.volume
      this.quoteVolume -= b.quoteVolume
      this.trades -= b.trades
      this.prevClose = b.close
    }
  }

  stats(): TickerStats {
    const close = this.last?.price ?? this.prevClose
    const lastId = this.last?.id ?? ''
    const first = this.window.front()
    return {
      open: first?.open ?? close,
      high: this.highs.front()?.high ?? close,
      low: this.lows.front()?.low ?? close,
      close,
      lastQty: this.last?.qty ?? 0n,
      prevClose: this.prevClose,
      volume: this.volume,
      quoteVolume: this.quoteVolume,
      trades: this.trades,
      firstId: first?.firstId ?? lastId,
      lastId,
    }
  }
}
