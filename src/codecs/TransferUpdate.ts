import * as t from 'io-ts'
import type { Coin, TransferOutput, TransferUpdate } from '../events'
import { Decimal, Integer } from './primitives'
import { listOf, optional, shape } from './wireShape'

const coinShape = shape<Coin>()('CoinWire', {
  a: ['asset', t.string],
  A: ['amount', Decimal],
})

const outputShape = shape<TransferOutput>()('TransferOutputWire', {
  o: ['to', t.string],
  c: ['coins', listOf(coinShape)],
})

/**
 * @internal
 * A `transfers` frame's data. `M` (the memo) came with BEP39 in mid-2019; earlier frames lack it.
 * @since 0.1.0
 */
export const transferUpdateShape = shape<TransferUpdate>()('TransferUpdateWire', {
  e: ['eventType', t.literal('outboundTransferInfo')],
  E: ['height', Integer],
  H: ['txHash', t.string],
  M: ['memo', optional(t.string, () => '')],
  f: ['from', t.string],
  t: ['outputs', listOf(outputShape)],
})
