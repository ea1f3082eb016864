import { Deque } from './Deque'
import type { TradeRecord } from './types'

/** The ticker's rolling window. */
export const DAY_MS = 86_400_000

interface Entry {
  readonly timeMs: number
  readonly price: bigint
  readonly qty: bigint
  readonly quoteQty: bigint
  readonly id: string
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

/**
 * @internal
 * 24-hour rolling statistics of one symbol over the window (nowMs − 24 h, nowMs]. High and low come from
 * monotonic deques, so a second's update costs only the trades that entered or left the window, however
 * busy the day was. The previous close is the last trade that left the window (the start price before).
 */
export class RollingTicker {
  private readonly window = new Deque<Entry>()
  private readonly highs = new Deque<Entry>()
  private readonly lows = new Deque<Entry>()
  private volume = 0n
  private quoteVolume = 0n
  private last: Entry | undefined
  private prevClose: bigint

  constructor(startPrice: bigint) {
    this.prevClose = startPrice
  }

  add({ timeMs, price, qty, quoteQty, id }: TradeRecord): void {
    const entry = { timeMs, price, qty, quoteQty, id }
    this.window.push(entry)
    while ((this.highs.back()?.price ?? price) < price) this.highs.popBack()
    this.highs.push(entry)
    while ((this.lows.back()?.price ?? price) > price) this.lows.popBack()
    this.lows.push(entry)
    this.volume += qty
    this.quoteVolume += quoteQty
    this.last = entry
  }

  /** Drops the trades at or before `nowMs − 24 h`. */
  advance(nowMs: number): void {
    for (let e = this.window.front(); e && e.timeMs <= nowMs - DAY_MS; e = this.window.front()) {
      this.window.shift()
      if (this.highs.front() === e) this.highs.shift()
      if (this.lows.front() === e) this.lows.shift()
      this.volume -= e.qty
      this.quoteVolume -= e.quoteQty
      this.prevClose = e.price
    }
  }

  stats(): TickerStats {
    const close = this.last?.price ?? this.prevClose
    const lastId = this.last?.id ?? ''
    return {
      open: this.window.front()?.price ?? close,
      high: this.highs.front()?.price ?? close,
      low: this.lows.front()?.price ?? close,
      close,
      lastQty: this.last?.qty ?? 0n,
      prevClose: this.prevClose,
      volume: this.volume,
      quoteVolume: this.quoteVolume,
      trades: this.window.length,
      firstId: this.window.front()?.id ?? lastId,
      lastId,
    }
  }
}
