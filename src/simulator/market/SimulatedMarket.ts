import { DexInputError } from '../../errors'
import { addressFromBytes } from '../../internal/bech32'
import { KLINE_INTERVALS } from '../../KlineInterval'
import { blockFrames, depthWire } from './blockFrames'
import { Exchange } from './Exchange'
import { KlineSeries } from './KlineSeries'
import { Ledger } from './Ledger'
import { resolveMarketOptions } from './marketOptions'
import { OrderFlow } from './OrderFlow'
import { buildPairs, startingBalances } from './pairs'
import { Prng } from './Prng'
import { rebalance } from './rebalance'
import { RollingTicker } from './RollingTicker'
import { secondFrames } from './secondFrames'
import { BUY, type Pair } from './types'

/**
 * Options of {@link SimulatedMarket}; every one is optional (see `DEFAULT_MARKET_OPTIONS`).
 * @since 0.1.0
 */
export interface MarketOptions {
  /** Same seed and same sequence of `block`/`second` times give identical frames. Default `0x5eed`. */
  seed?: number
  /** Pairs `BASE_QUOTE`. Default `'BNB_BTCB-1DE'`, `'100K-9BC_BNB'`, `'BNB_USDT.B-B7C'`. */
  symbols?: string[]
  /** How often the caller should call `block` (the market itself only counts blocks). Default 500. */
  blockIntervalMs?: number
  /** Start (and mean) price per symbol, as decimal strings. Default: realistic for the default pairs, else `'1'`. */
  startPrices?: Record<string, string>
  /** Scales the number of orders per block. Default 1 (about four orders and three cancels per pair). */
  activity?: number
  /** Number of simulated addresses, 2 to 1000. Default 6. */
  traders?: number
  /** Address prefix: `tbnb1…` on `'testnet'` (the default: a simulation trades play money), `bnb1…` on `'mainnet'`. */
  network?: 'mainnet' | 'testnet'
  /** Height of the first block. Default 100 000 000. */
  startHeight?: number
}

/**
 * One frame produced by the market: `{stream, data}` as on the wire, plus the address for user topics.
 * Times beyond 2^53 (`T`, `O`) are bigints, so write frames with a bigint-aware stringifier.
 * @since 0.1.0
 */
export interface MarketFrame {
  stream: string
  data: unknown
  address?: string
}

/** Which frames to build: `key` is the symbol, the address, or `undefined` for `$all` topics. @since 0.1.0 */
export type Wants = (stream: string, key?: string) => boolean

/** A balance of one asset in 1e-8 units. @since 0.1.0 */
export interface MarketBalance {
  readonly free: bigint
  readonly locked: bigint
}

/** A resting order of a simulated address; amounts in 1e-8 units. @since 0.1.0 */
export interface MarketOrder {
  readonly id: string
  readonly symbol: string
  readonly side: 'buy' | 'sell'
  readonly price: bigint
  readonly quantity: bigint
  readonly filled: bigint
}

const everything: Wants = () => true

/**
 * A deterministic simulated Binance DEX market, the engine behind `DexSimulator`. It has no timers and
 * no I/O: the caller advances it with `block(nowMs)` every `blockIntervalMs` and `second(nowMs)` every
 * second, and sends the returned frames.
 *
 * The model:
 * - **Traders.** `traders` addresses (valid bech32) start with equal-valued balances of every asset,
 *   sized so that orders move 1/4000 of a balance; now and then the richest holder of an asset sends
 *   some to the poorest (a `transfers` event), so nobody runs dry and the market runs for hours.
 * - **Books and matching.** One limit order book per pair with price-time priority. Each block, per pair:
 *   the fair price takes a step of a mean-reverting random walk (about 1.6% around the start price);
 *   GTE orders older than 600 blocks expire; a few resting orders are cancelled; makers rest GTE orders
 *   around the fair price; takers send IOC and aggressive GTE orders. A crossing order trades at the
 *   resting price, oldest order first, until it no longer crosses, so a book is never crossed between
 *   blocks. Books hold hundreds of orders on tens to hundreds of levels a side, at most 800 levels.
 * - **Exact money.** Amounts are bigints of 1e-8 units. Each pair's tick keeps five significant digits
 *   of its start price and its lot is the smallest with `tick·lot ≥ 1e-8`, so every notional is exact.
 *   An open order locks its reservation (the quote at its limit for a buy, the base for a sell). A fee of
 *   0.04% is taken from what each side of a trade receives: per asset, the sum of free + locked over all
 *   addresses plus `fees()` never changes.
 * - **Topics.** Every topic comes from this one state in the wire format of PROTOCOL.md section 3.
 *   Per block: `blockheight`; per symbol `trades` (ids `<height>-<n>`, nanosecond `T`), `marketDiff` (every
 *   level of the whole book whose quantity changed in the block, `"0.00000000"` for a removed level)
 *   and `marketDepth`/`100`/`500`/`1000` (`lastUpdateId` = height); per address `orders`, `accounts` (the
 *   changed assets) and `transfers`. Per second: `kline_<interval>` for the 15 intervals (a candle's last
 *   push has `x: true`), `ticker`, `miniTicker`, `allTickers`, `allMiniTickers` (24 h rolling).
 * - **Diffs and snapshots.** Applying a block's diff to the previous block's full snapshot gives exactly
 *   this block's full snapshot (`marketDepth1000` is full, as a side never exceeds 800 levels). Applied to
 *   a top-N snapshot, the result is exact at every price from the best down to that snapshot's worst.
 *
 * ```ts
 * const market = new SimulatedMarket({ seed: 7 })
 * const frames = market.block(Date.now(), (stream, key) => stream === 'trades' && key === 'BNB_BTCB-1DE')
 * ```
 * @since 0.1.0
 */
export class SimulatedMarket {
  readonly addresses: readonly string[]
  readonly symbols: readonly string[]
  readonly blockIntervalMs: number
  private readonly pairs: readonly Pair[]
  private readonly rng: Prng
  private readonly exchange: Exchange
  private readonly flow: OrderFlow
  private readonly klines: KlineSeries[][]
  private readonly tickers: RollingTicker[]
  private readonly startHeight: number
  private lastHeight: number

  constructor(options: MarketOptions = {}) {
    const o = resolveMarketOptions(options)
    this.rng = new Prng(o.seed)
    this.pairs = buildPairs(o.symbols, o.startPrices)
    this.symbols = this.pairs.map((pair) => pair.symbol)
    this.blockIntervalMs = o.blockIntervalMs
    this.startHeight = o.startHeight
    this.lastHeight = o.startHeight - 1
    const accounts = Array.from({ length: o.traders }, () => this.rng.bytes(20))
    this.addresses = accounts.map((bytes) => addressFromBytes(o.hrp, bytes))
    const hex = accounts.map((bytes) => bytes.map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase())
    const balances = startingBalances(o.symbols, o.startPrices)
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
    const { pairs, klines, tickers } = this
    return secondFrames({ pairs, klines, tickers, books: this.exchange.books }, nowMs, wants)
  }

  /** The current best `levels` of each side of `symbol`'s book, as a `marketDepth` payload. */
  depth(symbol: string, levels: number): { lastUpdateId: number; symbol: string; bids: [string, string][]; asks: [string, string][] } {
    const pair = this.pair(symbol)
    return depthWire(this.lastHeight, pair.symbol, this.exchange.books[pair.index], levels)
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

  private pair(symbol: string): Pair {
    const pair = this.pairs.find((p) => p.symbol === String(symbol).toUpperCase())
    if (!pair) throw new DexInputError(`unknown symbol "${symbol}"`, symbol)
    return pair
  }

  private owner(address: string): number {
    const owner = this.addresses.indexOf(address)
    if (owner === -1) throw new DexInputError(`not a simulated address: "${address}"`, address)
    return owner
  }
}
