import * as t from 'io-ts'
import type { AccountUpdate, Balance } from '../events'
import { Decimal, Integer } from './primitives'
import { listOf, shape } from './wireShape'

/** `l` is locked and `r` frozen, as in the official docs and SDKs (the seed README's comments had them swapped). */
const balanceShape = shape<Balance>()('BalanceWire', {
  a: ['asset', t.string],
  f: ['free', Decimal],
  l: ['locked', Decimal],
  r: ['frozen', Decimal],
})

/**
 * @internal
 * An `accounts` frame's data. Real servers send this object; the docs show it wrapped in a one-element
 * array, which the `accounts` decoder unwraps before this codec sees it.
 * @since 0.1.0
 */
export const accountUpdateShape = shape<AccountUpdate>()('AccountUpdateWire', {
  e: ['eventType', t.literal('outboundAccountInfo')],
  E: ['height', Integer],
  B: ['balances', listOf(balanceShape)],
})
