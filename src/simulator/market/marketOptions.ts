import { DexInputError } from '../../errors'
import { parseFixed8 } from './fixed8'
import { DEFAULT_START_PRICES, normaliseSymbol } from './pairs'

/**
 * Options of `SimulatedMarket`; every one is optional (see `DEFAULT_MARKET_OPTIONS`).
 * @since 0.1.0
 */
export interface MarketOptions {
  /** Same seed and same sequence of `block`/`second` times give identical frames. Default `0x5eed`. */
  seed?: number
  /** Pairs `BASE_QUOTE`. Default `'BNB_BTCB-1DE'`, `'100K-9BC_BNB'`, `'BNB_USDT.B-B7C'`. */
  symbols?: string[]
  /** How often the caller should call `block` (the market itself only counts blocks). Default 500. */
  blockIntervalMs?: number
  /** Start (and mean) price per symbol, as decimal strings. Default: realistic for known pairs, else 1. */
  startPrices?: Record<string, string>
  /** Scales the number of orders per block. Default 1: about four orders a block per pair. */
  activity?: number
  /** Number of simulated addresses, 2 to 1000. Default 6. */
  traders?: number
  /** Address prefix: `tbnb1…` on `'testnet'` (the default: play money), `bnb1…` on `'mainnet'`. */
  network?: 'mainnet' | 'testnet'
  /** Height of the first block. Default 100 000 000. */
  startHeight?: number
}

/**
 * The defaults of {@link MarketOptions}: the three pairs of `DEFAULT_START_PRICES`, 500 ms blocks, six
 * traders on testnet addresses (`tbnb1…`; a simulation trades play money), heights from 100 000 000.
 * @since 0.1.0
 */
export const DEFAULT_MARKET_OPTIONS = {
  /** Any fixed seed: runs are reproducible unless a caller asks otherwise. */
  seed: 0x5eed,
  /** `BNB_BTCB-1DE`, `100K-9BC_BNB` and `BNB_USDT.B-B7C`. */
  symbols: Object.keys(DEFAULT_START_PRICES),
  /** The real chain's block time was about 0.4 s to 0.5 s. */
  blockIntervalMs: 500,
  /** Relative order flow per block (1: a few orders per symbol per block). */
  activity: 1,
  /** Enough addresses for transfers and self-matching to be rare but present. */
  traders: 6,
  /** A simulation trades play money: testnet (`tbnb1…`) addresses. */
  network: 'testnet',
  /** Heights in the range the real chain had reached. */
  startHeight: 100_000_000,
} as const

/** @internal Every option resolved and checked. */
export interface ResolvedMarketOptions {
  readonly seed: number
  readonly symbols: readonly string[]
  readonly blockIntervalMs: number
  readonly startPrices: Readonly<Record<string, string>>
  readonly activity: number
  readonly traders: number
  readonly hrp: 'bnb' | 'tbnb'
  readonly startHeight: number
}

/** @internal Applies the defaults; throws `DexInputError` naming the first bad option. */
export function resolveMarketOptions(options: MarketOptions): ResolvedMarketOptions {
  const o = { ...DEFAULT_MARKET_OPTIONS, ...definedOnly(options) }
  const bad = (name: string, want: string, value: unknown): never => {
    throw new DexInputError(`market option ${name} must be ${want}, got ${String(value)}`, value)
  }
  if (!Number.isFinite(o.seed)) bad('seed', 'a finite number', o.seed)
  if (!Array.isArray(o.symbols) || o.symbols.length === 0) bad('symbols', 'a non-empty array', o.symbols)
  const symbols = o.symbols.map(normaliseSymbol)
  if (new Set(symbols).size !== symbols.length) bad('symbols', 'distinct', symbols)
  if (!(o.blockIntervalMs > 0) || !Number.isFinite(o.blockIntervalMs)) {
    bad('blockIntervalMs', 'a positive number', o.blockIntervalMs)
  }
  if (!(o.activity > 0 && o.activity <= 100)) bad('activity', 'in (0, 100]', o.activity)
  if (!Number.isInteger(o.traders) || o.traders < 2 || o.traders > 1000) {
    bad('traders', 'an integer from 2 to 1000', o.traders)
  }
  if (o.network !== 'mainnet' && o.network !== 'testnet') bad('network', "'mainnet' or 'testnet'", o.network)
  if (!Number.isSafeInteger(o.startHeight) || o.startHeight < 1) {
    bad('startHeight', 'a positive integer', o.startHeight)
  }
  const startPrices: Record<string, string> = {}
  for (const [symbol, price] of Object.entries(options.startPrices ?? {})) {
    if (parseFixed8(price) <= 0n) bad(`startPrices.${symbol}`, 'positive', price)
    startPrices[symbol.toUpperCase()] = price
  }
  const hrp = o.network === 'mainnet' ? 'bnb' : 'tbnb'
  return { ...o, symbols, startPrices, hrp }
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>
}
