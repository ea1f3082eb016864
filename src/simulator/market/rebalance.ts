import type { Exchange } from './Exchange'
import { upperHex } from './hex'
import type { Prng } from './Prng'
import type { TransferRecord } from './types'

/** Chance of a transfer in any one block: one every 25 seconds or so at 500 ms blocks. */
const TRANSFER_CHANCE = 0.02
/** The sender gives away this fraction of its free balance, split among the receivers. */
const SHARE_DIVISOR = 20n

/**
 * @internal
 * Occasionally the trader with the most free funds of a random asset sends some of it to the one with
 * the least (sometimes to the two poorest, as a multi-send). Besides producing `transfers` frames, this
 * keeps every trader solvent, so the market can run for hours.
 */
export function rebalance(rng: Prng, exchange: Exchange, traders: number): TransferRecord | undefined {
  if (!rng.chance(TRANSFER_CHANCE)) return undefined
  const { ledger } = exchange
  const asset = ledger.assets[rng.int(ledger.assets.length)]
  const multi = traders >= 3 && rng.chance(0.25)
  const memo = rng.chance(0.3) ? 'rebalance' : ''
  const hash = upperHex(rng.bytes(32))
  const byWealth = Array.from({ length: traders }, (_, owner) => owner).sort((a, b) => {
    const diff = ledger.balance(b, asset).free - ledger.balance(a, asset).free
    return diff > 0n ? 1 : diff < 0n ? -1 : a - b
  })
  const from = byWealth[0]
  const receivers = byWealth.slice(multi ? -2 : -1)
  const amount = ledger.balance(from, asset).free / SHARE_DIVISOR / BigInt(receivers.length)
  if (amount === 0n) return undefined
  exchange.nextSequence(from)
  for (const to of receivers) ledger.transfer(from, to, asset, amount)
  return { hash, memo, from, outputs: receivers.map((to) => ({ to, coins: [{ asset, amount }] })) }
}
