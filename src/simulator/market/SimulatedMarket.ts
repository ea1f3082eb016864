import type { depthSnapshotShape, klineShape } from '../../codecs'
import type { Same, WireFields } from '../../codecs/wireShape'
import { DexInputError } from '../../errors'
import { addressFromBytes } from '../../internal/bech32'
import { KLINE_INTERVALS, type KlineInterval } from '../../KlineInterval'
import { blockFrames, depthWire } from './blockFrames'
import { Exchange } from './Exchange'
import { formatFixed8 } from './fixed8'
import { upperHex } from './hex'
import { KlineSeries } from './KlineSeries'
import { Ledger } from './Ledger'
import type { MarketFrame, Wants } from './MarketFrame'
import { resolveMarketOptions, type MarketOptions } from './marketOptions'
import { OrderFlow } from './OrderFlow'
import { buildPairs, startingBalances } from './pairs'
import { Prng } from './Prng'
import { rebalance } from './rebalance'
import { RollingTicker } from './RollingTicker'
import { secondFrames } from './secondFrames'
import { klineWire } from './wire'
import { BUY, type Pair } from './types'

export type { MarketFrame, MarketOptions, Wants }

// The REST payloads below carry the wire's keys; these fail to compile when either side gains or loses one.
true satisfies Same<keyof MarketDepth, keyof WireFields<typeof depthSnapshotShape>>
true satisfies Same<keyof MarketCandle, keyof WireFields<typeof klineShape>['k']>

/** A `marketDepth` payload: the best levels of a book, `lastUpdateId` being the block height. @since 0.1.0 */
export interface MarketDepth {
  /** The block height the snapshot was taken at. */
  lastUpdateId: number
  /** The book's symbol. */
  symbol: string
  /** `[price, quantity]` levels, best (highest) first. */
  bids: [string, string][]
  /** `[price, quantity]` levels, best (lowest) first. */
  asks: [string, string][]
}

/** One candle as in a `kline` payload's `k`: times in ms, decimals as strings. @since 0.1.0 */
export interface MarketCandle {
  /** Open time. */
  t: number
  /** Close time (the last millisecond of the period). */
  T: number
  /** Symbol. */
  s: string
  /** Interval. */
  i: string
  /** First trade id, `''` without trades. */
  f: string
  /** Last trade id, `''` without trades. */
  L: string
  /** Open price. */
  o: string
  /** Close price. */
  c: string
  /** High price. */
  h: string
  /** Low price. */
  l: string
  /** Base asset volume. */
  v: string
  /** Quote asset volume. */
  q: string
  /** Number of trades. */
  n: number
  /** Whether the candle is closed. */
  x: boolean
}

/** A traded pair, in the shape of the REST API's market list. @since 0.1.0 */
export interface MarketListing {
  /** The base asset, e.g. `'BNB'`. */
  base_asset_symbol: string
  /** The quote asset, e.g. `'BTCB-1DE'`. */
  quote_asset_symbol: string
  /** The start price, a decimal string. */
  list_price: string
  /** Prices are multiples of this. */
  tick_size: string
  /** Quantities are multiples of this. */
  lot_size: string
}

/** A balance of one asset in 1e-8 units. @since 0.1.0 */
export interface MarketBalance {
  /** Available to trade or transfer. */
  readonly free: bigint
  /** Held by resting orders. */
  readonly locked: bigint
}

/** A resting order of a simulated address; amounts in 1e-8 units. @since 0.1.0 */
export interface MarketOrder {
  /** The order id as on the wire (`<ADDRESS HEX>-<sequence>`). */
  readonly id: string
  /** The book the order rests in. */
  readonly symbol: string
  /** Which side of the book. */
  readonly side: 'buy' | 'sell'
  /** Limit price. */
  readonly price: bigint
  /** Original quantity. */
  readonly quantity: bigint
  /** Quantity filled so far. */
  readonly filled: bigint
}

const everything: Wants = () => true

// Checked before anything changes, so that a bad call leaves the market as it was.
function checkTime(nowMs: number): void {
  if (!Number.isFinite(nowMs) || nowMs < 0) {
    throw new DexInputError(`nowMs must be a non-negative time in ms, got ${nowMs}`, nowMs)
  }
}

/**
 * A deterministic simulated Binance DEX market, the engine behind `DexSimulator`. It has no timers and
 * no I/O: the caller advances it with `block(nowMs)` every `blockIntervalMs` and `second(nowMs)` every
 * second, and sends the frames they return. The same seed and the same calls (with the same times) give
 * the same frames; `wants` only decides which frames are built, never how the market evolves.
 *
 * The model:
 * - **Traders.** `traders` addresses (valid bech32) hold every asset, about equal in value across assets
 *   (one, two or three shares of it), sized so a typical order moves 1/4000 of the smallest holding.
 *   Now and then the richest holder of an asset sends some to the poorest (a `transfers` event, at times
 *   to two receivers), so nobody runs dry and the market can run for hours.
 * - **Books and matching.** One limit order book per pair, price-time priority. The first block seeds
 *   each book with 500 resting orders. Then each block, per pair: the fair price takes a step of a
 *   mean-reverting random walk (about ±1.6% around the start price); GTE orders older than 600 blocks
 *   expire (the chain's expiry, scaled down); a few resting orders are cancelled; makers rest GTE orders
 *   around the fair price, takers send IOC and aggressive GTE orders: about four orders, two cancels and
 *   two trades at `activity` 1. A crossing order trades at the resting price, oldest order first, while it
 *   crosses; the rest rests (GTE) or expires (IOC), so no book is ever crossed between blocks. A side holds
 *   tens to hundreds of levels, never more than 800.
 * - **Exact money.** Amounts are bigints of 1e-8 units. A pair's tick keeps five significant digits of
 *   its start price and its lot is the smallest power of ten with `tick·lot ≥ 1e-8`, so every notional
 *   is exact. An open order locks its reservation (the quote at its limit for a buy, the base for a
 *   sell). Each side of a trade pays a 0.04% fee out of what it receives: per asset, free + locked over
 *   all addresses plus `fees()` never changes, and no balance is ever negative.
 * - **Topics.** Everything is published from this one state in the wire format of docs/protocol.md.
 *   Per block: `blockheight`; per symbol `trades` (ids `<height>-<n>`), `marketDiff` (when the book
 *   changed) and `marketDepth`, `marketDepth100`, `marketDepth500`, `marketDepth1000` (`lastUpdateId` is
 *   the height); per address `orders`, `accounts` (changed assets only) and `transfers`, when there are
 *   any. Per second: `kline_<interval>` for the 15 intervals (each candle closed since the last second
 *   with `x: true`, then the current one), `ticker` and `miniTicker` per symbol, `allTickers` and
 *   `allMiniTickers`, over a rolling 24 h window. Order and trade times `T`/`O` are the block time in
 *   nanoseconds (bigint); `E` is the height on user topics and trades, Unix seconds elsewhere.
 * - **Diffs and snapshots.** A block's `marketDiff` lists every level of the whole book whose quantity
 *   changed in the block, `"0.00000000"` for a removed one. Applied to the previous block's full snapshot
 *   it gives this block's full snapshot exactly (`marketDepth1000` is always the full book). Applied to a
 *   top-N snapshot, the result is exact at every price from the best down to that snapshot's worst level;
 *   below it, levels the snapshot did not carry are missing.
 *
 * ```ts
 * const market = new SimulatedMarket({ seed: 7 })
 * const frames = market.block(Date.now(), (stream, key) => stream === 'trades' && key === 'BNB_BTCB-1DE')
 * ```
 * @since 0.1.0
 */
export class SimulatedMarket {
  /** The simulated traders' addresses (valid bech32 for the configured network). */
  readonly addresses: readonly string[]
  /** The traded symbols, in the order given. */
  readonly symbols: readonly string[]
  /** How often `block` should be called, in milliseconds. */
  readonly blockIntervalMs: number
  /** @internal */
  private readonly pairs: readonly Pair[]
  /** @internal */
  private readonly rng: Prng
  /** @internal */
  private readonly exchange: Exchange
  /** @internal */
  private readonly flow: OrderFlow
  /** @internal */
  private readonly klines: KlineSeries[][]
  /** @internal */
  private readonly tickers: RollingTicker[]
  /** @internal */
  private readonly startHeight: number
  /** @internal */
  private lastHeight: number

  constructor(options: MarketOptions = {}) {
    const o = resolveMarketOptions(options)
    this.rng = new Prng(o.seed)
    const balances = startingBalances(o.symbols, o.startPrices)
    this.pairs = buildPairs(o.symbols, o.startPrices, balances)
    this.symbols = this.pairs.map((pair) => pair.symbol)
    this.blockIntervalMs = o.blockIntervalMs
    this.startHeight = o.startHeight
    this.lastHeight = o.startHeight - 1
    const accounts = Array.from({ length: o.traders }, () => this.rng.bytes(20))
    this.addresses = accounts.map((bytes) => addressFromBytes(o.hrp, bytes))
    const hex = accounts.map(upperHex)
    const ledger = new Ledger(o.traders, [...balances.keys()], (owner, asset) => {
      return (balances.get(asset) ?? 0n) * BigInt(1 + (owner % 3))
    })
    this.exchange = new Exchange(this.pairs, ledger, hex)
    this.flow = new OrderFlow(this.rng, this.exchange, this.pairs, o.traders, o.activity)
    this.klines = this.pairs.map((pair) => KLINE_INTERVALS.map((i) => new KlineSeries(i, pair.startPrice)))
    this.tickers = this.pairs.map((pair) => new RollingTicker(pair.startPrice))
  }

  /** Height of the last block produced (`startHeight - 1` before the first). */
  get height(): number {
    return this.lastHeight
  }

  /** Advances one block at wall time `nowMs` and returns that block's frames (those `wants` accepts). */
  block(nowMs: number, wants: Wants = everything): MarketFrame[] {
    checkTime(nowMs)
    const height = ++this.lastHeight
    const timeNs = BigInt(Math.floor(nowMs)) * 1_000_000n + BigInt(this.rng.int(1_000_000))
    const { exchange, pairs } = this
    exchange.beginBlock(height, nowMs, timeNs)
    for (const pair of pairs) {
      if (height === this.startHeight) this.flow.seed(pair)
      this.flow.step(pair, height)
    }
    const transfer = rebalance(this.rng, exchange, this.addresses.length)
    for (const trade of exchange.trades) {
      for (const series of this.klines[trade.pair.index]) series.add(trade)
      this.tickers[trade.pair.index].add(trade)
    }
    const diffs = exchange.books.map((book) => ({ bids: book.bids.takeDiff(), asks: book.asks.takeDiff() }))
    const changed = this.addresses.map((_, owner) => exchange.ledger.takeChanged(owner))
    const { addresses } = this
    return blockFrames({ height, nowMs, timeNs, pairs, addresses, exchange, diffs, changed, transfer }, wants)
  }

  /** The per-second frames at `nowMs`: klines, tickers and mini tickers (those `wants` accepts). */
  second(nowMs: number, wants: Wants = everything): MarketFrame[] {
    checkTime(nowMs)
    const { pairs, klines, tickers } = this
    return secondFrames({ pairs, klines, tickers, books: this.exchange.books }, nowMs, wants)
  }

  /** The current best `levels` of each side of `symbol`'s book, as a `marketDepth` payload. */
  depth(symbol: string, levels: number): MarketDepth {
    const pair = this.pair(symbol)
    if (!(levels >= 0)) throw new DexInputError(`levels must be a non-negative number, got ${levels}`, levels)
    return depthWire(this.lastHeight, pair.symbol, this.exchange.books[pair.index], levels)
  }

  /**
   * The last `limit` candles of `symbol` at `interval`, oldest first, as `kline` payloads' `k` objects: the
   * closed ones (`x: true`, at most 1000 are kept) and the current one (`x: false`). `nowMs` is the time
   * the payloads' `E` would carry.
   */
  candles(symbol: string, interval: KlineInterval, limit: number, nowMs = Date.now()): MarketCandle[] {
    const pair = this.pair(symbol)
    const series = this.klines[pair.index].find((s) => s.interval === interval)
    if (series === undefined) throw new DexInputError(`unknown interval "${interval}"`, interval)
    const seconds = Math.floor(nowMs / 1000)
    return series.recent(limit).map((candle) => {
      const closed = candle.closeTime < nowMs
      return klineWire(pair.symbol, interval, candle, closed, seconds).k
    })
  }

  /** The traded pairs as the REST API lists them (`GET /api/v1/markets`). */
  markets(): MarketListing[] {
    return this.pairs.map((pair) => ({
      base_asset_symbol: pair.base,
      quote_asset_symbol: pair.quote,
      list_price: formatFixed8(pair.startPrice),
      tick_size: formatFixed8(pair.tick),
      lot_size: formatFixed8(pair.lot),
    }))
  }

  /** Every asset's balance of a simulated address. */
  balances(address: string): Record<string, MarketBalance> {
    const owner = this.owner(address)
    const { ledger } = this.exchange
    return Object.fromEntries(ledger.assets.map((asset) => [asset, { ...ledger.balance(owner, asset) }]))
  }

  /** The resting orders of a simulated address. */
  openOrders(address: string): MarketOrder[] {
    const owner = this.owner(address)
    return this.exchange.open
      .flat()
      .filter((order) => order.owner === owner)
      .map(({ id, pair, side, price, qty, filled }) => {
        return { id, symbol: pair.symbol, side: side === BUY ? 'buy' : 'sell', price, quantity: qty, filled }
      })
  }

  /** Fees collected so far per asset, in 1e-8 units. */
  fees(): Record<string, bigint> {
    const { ledger } = this.exchange
    return Object.fromEntries(ledger.assets.map((asset) => [asset, ledger.fees.get(asset) ?? 0n]))
  }

  /** @internal */
  private pair(symbol: string): Pair {
    const pair = this.pairs.find((p) => p.symbol === String(symbol).toUpperCase())
    if (!pair) throw new DexInputError(`unknown symbol "${symbol}"`, symbol)
    return pair
  }

  /** @internal */
  private owner(address: string): number {
    const owner = this.addresses.indexOf(address)
    if (owner === -1) throw new DexInputError(`not a simulated address: "${address}"`, address)
    return owner
  }
}
