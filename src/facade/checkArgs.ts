import { DexInputError } from '../errors'
import type { DexSocketOptions } from '../internal/types'

// The seed's arguments are positional, so a missing one shifts the rest: `fetchBlockHeightUpdates(callback)`
// is the classic slip. Each check names the argument and what was passed instead.

/** @internal `isTestNet` as DexSocket options; a boolean picks the network, an object passes through. */
export function socketOptions(isTestNet: unknown): DexSocketOptions {
  if (isTestNet === undefined || typeof isTestNet === 'boolean') return { network: isTestNet ? 'testnet' : 'mainnet' }
  if (typeof isTestNet === 'object' && isTestNet !== null) return isTestNet as DexSocketOptions
  throw new DexInputError(`Invalid isTestNet: expected a boolean or DexSocket options, got ${describe(isTestNet)}`, isTestNet)
}

/** @internal A boolean argument with its default; anything else throws `DexInputError`. */
export function checkFlag(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback
  if (typeof value === 'boolean') return value
  const hint = typeof value === 'function' ? ' (the callback comes after it: pass true or false first)' : ''
  throw new DexInputError(`Invalid ${name}: expected a boolean, got ${describe(value)}${hint}`, value)
}

/** @internal A callback, or `undefined` for the default printer (`null` too, as Python's `None`). */
export function checkCallback<F extends Function>(value: F | null | undefined): F | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'function') return value
  throw new DexInputError(`Invalid callback: expected a function (message, socket) => void, got ${describe(value)}`, value)
}

function describe(value: unknown): string {
  if (typeof value === 'function') return 'a function'
  if (typeof value === 'bigint') return `${value}n`
  return JSON.stringify(value) ?? String(value)
}
