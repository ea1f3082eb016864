import { DexInputError } from '../errors'
import { isKlineInterval, KLINE_INTERVALS, type KlineInterval } from '../KlineInterval'
import { bech32Decode } from './bech32'

// Each side of a pair: letters, digits, '.' and '-' (`BTC.B-918`, `100K-9BC`).
const SYMBOL = /^[A-Za-z0-9.-]+_[A-Za-z0-9.-]+$/

/** @internal Returns the canonical (upper-case) symbol, or throws `DexInputError` naming the bad value. */
export function checkSymbol(symbol: unknown): string {
  if (typeof symbol !== 'string' || !SYMBOL.test(symbol)) {
    throw new DexInputError(
      `Invalid symbol ${JSON.stringify(symbol)}: expected BASE_QUOTE such as "BNB_BTCB-1DE" ` +
        `(letters, digits, "." and "-" on each side of one "_")`,
      symbol,
    )
  }
  return symbol.toUpperCase()
}

/** @internal Which address prefixes a socket accepts: its network's, or both for a custom URL. */
export type AddressPrefixes = readonly ('bnb' | 'tbnb')[]

/** @internal Returns the address in lower case, or throws `DexInputError` saying what is wrong with it. */
export function checkAddress(address: unknown, prefixes: AddressPrefixes): string {
  if (typeof address !== 'string') {
    throw new DexInputError(`Invalid address ${JSON.stringify(address)}: expected a bech32 string`, address)
  }
  const decoded = bech32Decode(address)
  if (!decoded.ok) throw new DexInputError(`Invalid address "${address}": ${decoded.reason}`, address)
  if (!(prefixes as readonly string[]).includes(decoded.hrp)) {
    const expected = prefixes.map((p) => `"${p}1…"`).join(' or ')
    throw new DexInputError(`Invalid address "${address}": expected ${expected} on this network`, address)
  }
  // 20 account bytes are 32 five-bit words.
  if (decoded.words.length !== 32) {
    throw new DexInputError(`Invalid address "${address}": expected 20 account bytes`, address)
  }
  return address.toLowerCase()
}

/** @internal Throws `DexInputError` unless `interval` is one of the 15 kline intervals. */
export function checkInterval(interval: unknown): KlineInterval {
  if (!isKlineInterval(interval)) {
    throw new DexInputError(
      `Invalid kline interval ${JSON.stringify(interval)}: expected one of ${KLINE_INTERVALS.join(', ')}`,
      interval,
    )
  }
  return interval
}

/** @internal Throws `DexInputError` unless `value` is a finite number within [min, max]. */
export function checkNumber(name: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new DexInputError(`Invalid option ${name}: ${String(value)} (expected a number from ${min} to ${max})`, value)
  }
  return value
}
