import { DexInputError } from '../../errors'
import { SCALE, digits, parseFixed8, pow10 } from './fixed8'
import type { Pair } from './types'

/** @internal The default pairs and their start prices (BNB ≈ 28.5 USDT ≈ 0.00245 BTC). */
export const DEFAULT_START_PRICES: Readonly<Record<string, string>> = {
  'BNB_BTCB-1DE': '0.00245000',
  '100K-9BC_BNB': '0.00001500',
  'BNB_USDT.B-B7C': '28.50000000',
}

const SYMBOL = /^([A-Z0-9.-]+)_([A-Z0-9.-]+)$/

/** Every trader starts with about this much of each asset, valued in the first pair's base asset. */
const WEALTH = 20_000
/** A typical order moves this fraction of the smallest starting balance. */
const ORDERS_PER_BALANCE = 4_000n

/**
 * @internal
 * Builds the pairs. The tick keeps about five significant digits of the start price; the lot is the
 * smallest power of ten with `tick·lot ≥ 1e8` (1e-8 of the quote asset), which makes every
 * `price·quantity` an exact number of 1e-8 units.
 */
export function buildPairs(
  symbols: readonly string[],
  startPrices: Readonly<Record<string, string>>,
  balances: ReadonlyMap<string, bigint>,
): Pair[] {
  return symbols.map((symbol, index) => {
    const [, base, quote] = SYMBOL.exec(symbol) ?? []
    const raw = parseFixed8(startPriceText(symbol, startPrices))
    if (raw <= 0n) throw new DexInputError(`start price of ${symbol} must be positive`, raw)
    const tick = pow10(Math.max(0, digits(raw) - 5))
    const lot = tick >= SCALE ? 1n : SCALE / tick
    const startPrice = (raw / tick) * tick
    const byBalance = (balances.get(base) ?? SCALE) / ORDERS_PER_BALANCE
    const typicalQty = byBalance > lot ? (byBalance / lot) * lot : lot
    return { index, symbol, base, quote, tick, lot, startPrice, typicalQty }
  })
}

/** @internal Validates a symbol option and upper-cases it. */
export function normaliseSymbol(symbol: string): string {
  const upper = String(symbol).toUpperCase()
  const match = SYMBOL.exec(upper)
  if (!match || match[1] === match[2]) {
    throw new DexInputError(`invalid symbol "${symbol}": want BASE_QUOTE with two different assets`, symbol)
  }
  return upper
}

function startPriceText(symbol: string, startPrices: Readonly<Record<string, string>>): string {
  return startPrices[symbol] ?? DEFAULT_START_PRICES[symbol] ?? '1.00000000'
}

/**
 * @internal
 * One starting balance per asset, worth about the same in every asset: values follow the pairs' start
 * prices outward from the first pair's base asset, and each balance keeps one significant digit.
 * Floats are fine here: this sizes the market once, and the result is rounded to an exact bigint.
 */
export function startingBalances(
  symbols: readonly string[],
  startPrices: Readonly<Record<string, string>>,
): Map<string, bigint> {
  const edges = symbols.map((symbol) => {
    const [, base, quote] = SYMBOL.exec(symbol) ?? []
    return { base, quote, price: Number(startPriceText(symbol, startPrices)) || 1 }
  })
  const value = new Map<string, number>()
  for (const root of edges) {
    if (value.has(root.base)) continue
    value.set(root.base, 1)
    for (let changed = true; changed; ) {
      changed = false
      for (const { base, quote, price } of edges) {
        const b = value.get(base)
        const q = value.get(quote)
        if (b !== undefined && q === undefined) value.set(quote, b / price)
        if (q !== undefined && b === undefined) value.set(base, q * price)
        changed ||= (b === undefined) !== (q === undefined)
      }
    }
  }
  return new Map([...value].map(([asset, v]) => [asset, oneSignificantDigit(WEALTH / v)]))
}

function oneSignificantDigit(amount: number): bigint {
  let exponent = 0
  let x = amount
  while (x >= 10) {
    x /= 10
    exponent++
  }
  while (x < 1 && exponent > -8) {
    x *= 10
    exponent--
  }
  const units = BigInt(Math.max(1, Math.floor(x))) * pow10(exponent + 8)
  return units > 0n ? units : 1n
}
