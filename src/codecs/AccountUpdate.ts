import * as t from 'io-ts'
import { Decimal, Integer } from './primitives'

const BalanceWire = t.type({ a: t.string, f: Decimal, l: Decimal, r: Decimal }, 'BalanceWire')

/**
 * @internal
 * An `accounts` frame's data. Real servers send this object; the docs show it wrapped in a one-element
 * array, which the `accounts` decoder unwraps before this codec sees it.
 * @since 0.1.0
 */
export const AccountUpdateWire = t.type(
  { e: t.literal('outboundAccountInfo'), E: Integer, B: t.array(BalanceWire) },
  'AccountUpdateWire',
)
/** @internal @since 0.1.0 */
export type AccountUpdateWire = t.TypeOf<typeof AccountUpdateWire>

/**
 * One asset's balance. `l` is locked and `r` frozen, as in the official docs and SDKs (the seed README's
 * comments had them swapped).
 * @since 0.1.0
 */
export const Balance = t.readonly(
  t.type({
    /** Asset symbol, e.g. `'BNB'` (wire `a`). */
    asset: t.string,
    /** Available amount (`f`). */
    free: Decimal,
    /** Amount locked in open orders (`l`). */
    locked: Decimal,
    /** Frozen amount (`r`). */
    frozen: Decimal,
  }),
  'Balance',
)
/** @since 0.1.0 */
export type Balance = t.TypeOf<typeof Balance>

/**
 * Balances of the address that changed in a block, as emitted by `accounts(address)`.
 *
 * ```ts
 * dex.accounts('bnb1…').subscribe(({ balances }) => balances.forEach((b) => console.log(b.asset, b.free)))
 * ```
 * @since 0.1.0
 */
export const AccountUpdate = t.readonly(
  t.type({
    /** Always `'outboundAccountInfo'` (wire `e`). */
    eventType: t.literal('outboundAccountInfo'),
    /** Block height of the change (`E`). */
    height: t.number,
    /** The assets whose balance changed (`B`). */
    balances: t.array(Balance),
  }),
  'AccountUpdate',
)
/** @since 0.1.0 */
export type AccountUpdate = t.TypeOf<typeof AccountUpdate>

/** @internal @since 0.1.0 */
export function accountUpdateFromWire(w: AccountUpdateWire): AccountUpdate {
  return { eventType: 'outboundAccountInfo', height: w.E, balances: w.B.map(balanceFromWire) }
}

function balanceFromWire(b: t.TypeOf<typeof BalanceWire>): Balance {
  return { asset: b.a, free: b.f, locked: b.l, frozen: b.r }
}
