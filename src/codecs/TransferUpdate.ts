import * as t from 'io-ts'
import { Decimal, Integer } from './primitives'

const CoinWire = t.type({ a: t.string, A: Decimal }, 'CoinWire')
const TransferOutputWire = t.type({ o: t.string, c: t.array(CoinWire) }, 'TransferOutputWire')

/**
 * @internal
 * A `transfers` frame's data. `M` (the memo) came with BEP39 in mid-2019; earlier frames lack it.
 * @since 0.1.0
 */
export const TransferUpdateWire = t.intersection(
  [
    t.type({
      e: t.literal('outboundTransferInfo'),
      E: Integer,
      H: t.string,
      f: t.string,
      t: t.array(TransferOutputWire),
    }),
    t.partial({ M: t.string }),
  ],
  'TransferUpdateWire',
)
/** @internal @since 0.1.0 */
export type TransferUpdateWire = t.TypeOf<typeof TransferUpdateWire>

/** An amount of one asset. @since 0.1.0 */
export const Coin = t.readonly(
  t.type({
    /** Asset symbol (wire `a`). */
    asset: t.string,
    /** Amount (`A`). */
    amount: Decimal,
  }),
  'Coin',
)
/** @since 0.1.0 */
export type Coin = t.TypeOf<typeof Coin>

/** One receiver of a transfer and what it received. @since 0.1.0 */
export const TransferOutput = t.readonly(
  t.type({
    /** Receiver address (wire `o`). */
    to: t.string,
    /** What the receiver got (`c`). */
    coins: t.array(Coin),
  }),
  'TransferOutput',
)
/** @since 0.1.0 */
export type TransferOutput = t.TypeOf<typeof TransferOutput>

/**
 * A transfer sent or received by the address, as emitted by `transfers(address)`; multisend transfers
 * have several outputs. `memo` is `''` when the transaction had none.
 *
 * ```ts
 * dex.transfers('bnb1…').subscribe((tx) => console.log(tx.txHash, tx.outputs[0].coins))
 * ```
 * @since 0.1.0
 */
export const TransferUpdate = t.readonly(
  t.type({
    /** Always `'outboundTransferInfo'` (wire `e`). */
    eventType: t.literal('outboundTransferInfo'),
    /** Block height (`E`). */
    height: t.number,
    /** Transaction hash, upper-case hex (`H`). */
    txHash: t.string,
    /** The memo (`M`), `''` when there is none. */
    memo: t.string,
    /** Sender address (`f`). */
    from: t.string,
    /** One entry per receiver (`t`). */
    outputs: t.array(TransferOutput),
  }),
  'TransferUpdate',
)
/** @since 0.1.0 */
export type TransferUpdate = t.TypeOf<typeof TransferUpdate>

/** @internal @since 0.1.0 */
export function transferUpdateFromWire(w: TransferUpdateWire): TransferUpdate {
  return {
    eventType: 'outboundTransferInfo',
    height: w.E,
    txHash: w.H,
    memo: w.M ?? '',
    from: w.f,
    outputs: w.t.map(outputFromWire),
  }
}

function outputFromWire(o: t.TypeOf<typeof TransferOutputWire>): TransferOutput {
  return { to: o.o, coins: o.c.map(coinFromWire) }
}

function coinFromWire(c: t.TypeOf<typeof CoinWire>): Coin {
  return { asset: c.a, amount: c.A }
}
