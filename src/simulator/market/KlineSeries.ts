import type { KlineInterval } from '../../KlineInterval'
import { klinePeriod } from './klinePeriod'
import { addTrade, flatBar, type Ohlcv } from './ohlcv'
import type { TradeRecord } from './types'

/** @internal One candle; ids are `''` while it has no trade. */
export interface Candle extends Ohlcv {
  readonly openTime: number
  readonly closeTime: number
  firstId: string
  lastId: string
}

/**
 * @internal
 * The candles of one symbol and interval. Trades update the current candle; a trade in a later period
 * closes it. `roll`, called every second, also closes a candle whose period is over and hands over every
 * candle closed since the last call, so each candle is published closed exactly once. A candle without
 * trades is flat at the last price, with zero volume.
 */
export class KlineSeries {
  /** Closed candles kept for history requests: as many as one request may ask for. */
  static readonly HISTORY = 1000
  private current: Candle | undefined
  private closed: Candle[] = []
  private readonly history: Candle[] = []

  constructor(
    readonly interval: KlineInterval,
    private lastPrice: bigint,
  ) {}

  add(trade: TradeRecord): void {
    if (this.current && trade.timeMs > this.current.closeTime) this.close()
    const candle = (this.current ??= this.empty(trade.timeMs))
    if (candle.trades === 0) candle.firstId = trade.id
    addTrade(candle, trade)
    this.lastPrice = trade.price
    candle.lastId = trade.id
  }

  /** The candles closed since the last call, and the candle of `nowMs`. */
  roll(nowMs: number): { closed: Candle[]; current: Candle } {
    if (this.current && nowMs > this.current.closeTime) this.close()
    const current = (this.current ??= this.empty(nowMs))
    const closed = this.closed
    this.closed = []
    return { closed, current }
  }

  /** The last `limit` candles, oldest first: closed ones, then the current one if there is one. */
  recent(limit: number): Candle[] {
    const all = this.current ? [...this.history, this.current] : [...this.history]
    return limit <= 0 ? [] : all.slice(-limit)
  }

  private close(): void {
    if (this.current) {
      this.closed.push(this.current)
      this.history.push(this.current)
      if (this.history.length > KlineSeries.HISTORY) this.history.shift()
    }
    this.current = undefined
  }

  private empty(timeMs: number): Candle {
    const { openTime, closeTime } = klinePeriod(this.interval, timeMs)
    return { openTime, closeTime, ...flatBar(this.lastPrice), firstId: '', lastId: '' }
  }
}
