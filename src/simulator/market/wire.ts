// The payloads of every topic in the wire format of docs/protocol.md: amounts as 8-decimal strings,
// E a block height on user topics and trades but Unix seconds on marketDiff, klines and tickers, order
// and trade times (T, O) nanosecond bigints, kline and ticker open/close times milliseconds.
//
// The keys come from the client's wire shapes (src/codecs): each payload `satisfies` its shape's
// WireFields, so a key the client does not read, or one it requires and the payload misses, fails to
// compile.

import type {
  accountUpdateShape,
  depthUpdateShape,
  klineShape,
  miniTickerShape,
  orderShape,
  tickerShape,
  tradeShape,
  transferUpdateShape,
} from '../../codecs'
import type { WireElement, WireFields } from '../../codecs/wireShape'
import type { KlineInterval } from '../../KlineInterval'
import { formatFixed8 as f8, SCALE } from './fixed8'
import type { Candle } from './KlineSeries'
import { DAY_MS, type TickerStats } from './RollingTicker'
import type { OrderEvent, TradeRecord, TransferRecord } from './types'

const ZERO = '0.00000000'

type AccountBalanceWire = WireElement<WireFields<typeof accountUpdateShape>['B']>
type TransferOutputWire = WireElement<WireFields<typeof transferUpdateShape>['t']>
type CoinWire = WireElement<TransferOutputWire['c']>

/** @internal A `trades` array element. */
export function tradeWire(trade: TradeRecord, height: number, timeNs: bigint, addresses: readonly string[]) {
  return {
    e: 'trade',
    E: height,
    s: trade.pair.symbol,
    t: trade.id,
    p: f8(trade.price),
    q: f8(trade.qty),
    b: trade.buyer.id,
    a: trade.seller.id,
    T: timeNs,
    sa: addresses[trade.seller.owner],
    ba: addresses[trade.buyer.owner],
    tt: trade.tickType,
  } satisfies WireFields<typeof tradeShape>
}

/** @internal An `orders` array element (`executionReport`). */
export function orderWire(event: OrderEvent, height: number, timeNs: bigint) {
  const { order } = event
  return {
    e: 'executionReport',
    E: height,
    s: order.pair.symbol,
    S: order.side,
    o: 2,
    f: order.tif,
    q: f8(order.qty),
    p: f8(order.price),
    x: 'NEW',
    X: event.status,
    i: order.id,
    l: f8(event.lastQty),
    z: f8(event.cumulativeQty),
    L: f8(event.lastPrice),
    n: event.fee,
    T: timeNs,
    t: event.tradeId,
    O: order.createdNs,
  } satisfies WireFields<typeof orderShape>
}

/** @internal */
export interface AssetBalance {
  readonly asset: string
  readonly free: bigint
  readonly locked: bigint
}

/** @internal An `accounts` payload (an object, as on the real server); keys in the real frame's order. */
export function accountWire(height: number, balances: readonly AssetBalance[]) {
  return {
    e: 'outboundAccountInfo',
    E: height,
    B: balances.map(({ asset, free, locked }) => ({ a: asset, f: f8(free), r: ZERO, l: f8(locked) }) satisfies AccountBalanceWire),
  } satisfies WireFields<typeof accountUpdateShape>
}

/** @internal A `transfers` payload. */
export function transferWire(transfer: TransferRecord, height: number, addresses: readonly string[]) {
  return {
    e: 'outboundTransferInfo',
    E: height,
    H: transfer.hash,
    M: transfer.memo,
    f: addresses[transfer.from],
    t: transfer.outputs.map(({ to, coins }) => ({
      o: addresses[to],
      c: coins.map(({ asset, amount }) => ({ a: asset, A: f8(amount) }) satisfies CoinWire),
    }) satisfies TransferOutputWire),
  } satisfies WireFields<typeof transferUpdateShape>
}

/** @internal A price level's new quantity, 0 when it was removed. */
export type LevelChange = [price: bigint, quantity: bigint]

/** @internal A `marketDiff` payload; `E` is Unix seconds. */
export function diffWire(symbol: string, seconds: number, bids: LevelChange[], asks: LevelChange[]) {
  const pairs = (levels: LevelChange[]) => levels.map(([p, q]): [string, string] => [f8(p), f8(q)])
  return { e: 'depthUpdate', E: seconds, s: symbol, b: pairs(bids), a: pairs(asks) } satisfies WireFields<typeof depthUpdateShape>
}

/** @internal A `kline_<interval>` payload; `E` is Unix seconds, `t`/`T` milliseconds. */
export function klineWire(symbol: string, interval: KlineInterval, candle: Candle, x: boolean, E: number) {
  return {
    e: 'kline',
    E,
    s: symbol,
    k: {
      t: candle.openTime,
      T: candle.closeTime,
      s: symbol,
      i: interval,
      f: candle.firstId,
      L: candle.lastId,
      o: f8(candle.open),
      c: f8(candle.close),
      h: f8(candle.high),
      l: f8(candle.low),
      v: f8(candle.volume),
      q: f8(candle.quoteVolume),
      n: candle.trades,
      x,
    },
  } satisfies WireFields<typeof klineShape>
}

/** @internal The best bid and ask when a ticker is built, `"0.00000000"` for an empty side. */
export interface Top {
  bid?: readonly [string, string]
  ask?: readonly [string, string]
}

/** @internal A `ticker` payload (`24hrTicker`); `E` Unix seconds, `O`/`C` milliseconds. */
export function tickerWire(symbol: string, stats: TickerStats, top: Top, nowMs: number) {
  const { open, close, volume, quoteVolume } = stats
  const change = close - open
  return {
    e: '24hrTicker',
    E: Math.floor(nowMs / 1000),
    s: symbol,
    p: f8(change),
    P: f8(open === 0n ? 0n : (change * 100n * SCALE) / open),
    w: f8(volume === 0n ? close : (quoteVolume * SCALE) / volume),
    x: f8(stats.prevClose),
    c: f8(close),
    Q: f8(stats.lastQty),
    b: top.bid?.[0] ?? ZERO,
    B: top.bid?.[1] ?? ZERO,
    a: top.ask?.[0] ?? ZERO,
    A: top.ask?.[1] ?? ZERO,
    o: f8(open),
    h: f8(stats.high),
    l: f8(stats.low),
    v: f8(volume),
    q: f8(quoteVolume),
    O: nowMs - DAY_MS,
    C: nowMs,
    F: stats.firstId,
    L: stats.lastId,
    n: stats.trades,
  } satisfies WireFields<typeof tickerShape>
}

/** @internal A `miniTicker` payload (`24hrMiniTicker`). */
export function miniTickerWire(symbol: string, stats: TickerStats, nowMs: number) {
  return {
    e: '24hrMiniTicker',
    E: Math.floor(nowMs / 1000),
    s: symbol,
    c: f8(stats.close),
    o: f8(stats.open),
    h: f8(stats.high),
    l: f8(stats.low),
    v: f8(stats.volume),
    q: f8(stats.quoteVolume),
  } satisfies WireFields<typeof miniTickerShape>
}
