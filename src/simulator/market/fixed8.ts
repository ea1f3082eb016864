// Money in the simulated market is a bigint count of 1e-8 units, the chain's own fixed-point
// representation (Go `Fixed8`), so no amount ever passes through a float.

import { DexInputError } from '../../errors'

/** @internal One whole unit of any asset, in 1e-8 units. */
export const SCALE = 100_000_000n

/** @internal 1e-8 units as the wire's 8-decimal string: `1500n` → `'0.00001500'`. */
export function formatFixed8(units: bigint): string {
  const negative = units < 0n
  const abs = negative ? -units : units
  const fraction = (abs % SCALE).toString().padStart(8, '0')
  return `${negative ? '-' : ''}${abs / SCALE}.${fraction}`
}

/** @internal Parses a non-negative decimal with at most 8 fraction digits into 1e-8 units. */
export function parseFixed8(text: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,8}))?$/.exec(text)
  if (!match) throw new DexInputError(`not a decimal with at most 8 fraction digits: "${text}"`, text)
  return BigInt(match[1]) * SCALE + BigInt((match[2] ?? '').padEnd(8, '0'))
}

/** @internal 10^n for n ≥ 0. */
export function pow10(n: number): bigint {
  return 10n ** BigInt(n)
}

/** @internal Number of decimal digits of a positive bigint. */
export function digits(value: bigint): number {
  return value.toString().length
}

/** @internal The quote amount of `qty` base units at `price` (both in 1e-8 units), rounded down. */
export function notional(price: bigint, qty: bigint): bigint {
  return (price * qty) / SCALE
}
