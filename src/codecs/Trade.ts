import * as t from 'io-ts'
import { ArrayFrameReader, CODE, DECIMAL, literal, NANOS, objectOf, SAFE_INT, STRING } from './canonical'
import { Decimal, Integer, numericCode, toBigInt, WireTime } from './primitives'

/**
 * Which side took liquidity, from the wire's `tt` code (0 to 5).
 * @since 0.1.0
 */
export const TickType = t.keyof(
  {
    /** 0: not known. */
    Unknown: null,
    /** 1: a sell order took liquidity. */
    SellTaker: null,
    /** 2: a buy order took liquidity. */
    BuyTaker: null,
    /** 3: matched in a surplus on the buy side. */
    BuySurplus: null,
    /** 4: matched in a surplus on the sell side. */
    SellSurplus: null,
    /** 5: neither side took. */
    Neutral: null,
  },
  'TickType',
)
/** @since 0.1.0 */
export type TickType = t.TypeOf<typeof TickType>

const TICK_TYPES = {
  0: 'Unknown',
  1: 'SellTaker',
  2: 'BuyTaker',
  3: 'BuySurplus',
  4: 'SellSurplus',
  5: 'Neutral',
} as const satisfies Record<number, TickType>

const TickTypeCode = numericCode('TickTypeCode', TICK_TYPES)

/**
 * @internal
 * One element of a `trades` frame as the server sends it. `tt` came later (docs-site #156): frames
 * captured in April 2019 lack it.
 * @since 0.1.0
 */
export const TradeWire = t.intersection(
  [
    t.type({
      e: t.literal('trade'),
      E: Integer,
      s: t.string,
      t: t.string,
      p: Decimal,
      q: Decimal,
      b: t.string,
      a: t.string,
      T: WireTime,
      sa: t.string,
      ba: t.string,
    }),
    t.partial({ tt: TickTypeCode }),
  ],
  'TradeWire',
)
/** @internal @since 0.1.0 */
export type TradeWire = t.TypeOf<typeof TradeWire>

/**
 * A trade, as emitted by `trades(symbol)`. `tradeTime` is the server's nanosecond time, exact.
 *
 * ```ts
 * dex.trades('BNB_BTCB-1DE').subscribe((trade) => console.log(trade.price, trade.tradeTime))
 * ```
 * @since 0.1.0
 */
export const Trade = t.readonly(
  t.intersection([
    t.type({
      /** Always `'trade'` (wire `e`). */
      eventType: t.literal('trade'),
      /** Block height of the trade (`E`). */
      height: t.number,
      /** The market, e.g. `BNB_BTCB-1DE` (`s`). */
      symbol: t.string,
      /** `<height>-<index>` (`t`). */
      tradeId: t.string,
      /** Trade price (`p`). */
      price: Decimal,
      /** Traded quantity (`q`). */
      quantity: Decimal,
      /** The buyer's order id (`b`). */
      buyerOrderId: t.string,
      /** The seller's order id (`a`). */
      sellerOrderId: t.string,
      /** Nanoseconds since the epoch, exact (`T`). */
      tradeTime: t.bigint,
      /** The seller's address (`sa`). */
      sellerAddress: t.string,
      /** The buyer's address (`ba`). */
      buyerAddress: t.string,
    }),
    t.partial({
      /** Who took liquidity (`tt`, 0-5); `undefined` when the frame has no `tt` (early frames). */
      tickType: TickType,
    }),
  ]),
  'Trade',
)
/** @since 0.1.0 */
export type Trade = t.TypeOf<typeof Trade>

/** @internal @since 0.1.0 */
export function tradeFromWire(w: TradeWire): Trade {
  return {
    eventType: 'trade',
    height: w.E,
    symbol: w.s,
    tradeId: w.t,
    price: w.p,
    quantity: w.q,
    buyerOrderId: w.b,
    sellerOrderId: w.a,
    tradeTime: toBigInt(w.T),
    sellerAddress: w.sa,
    buyerAddress: w.ba,
    // Always present (undefined when the frame has no tt), so every Trade has the same shape.
    tickType: w.tt === undefined ? undefined : TICK_TYPES[w.tt],
  }
}

/**
 * @internal
 * `trades` frames in the real server's form (see canonical.ts), `tt` optional as in the April 2019 capture.
 * @since 0.1.0
 */
export const tradesReader = new ArrayFrameReader<Trade>(
  objectOf([
    ['e', literal('trade')],
    ['E', SAFE_INT],
    ['s', STRING],
    ['t', STRING],
    ['p', DECIMAL],
    ['q', DECIMAL],
    ['b', STRING],
    ['a', STRING],
    ['T', NANOS],
    ['sa', STRING],
    ['ba', STRING],
    ['tt', CODE, 'optional'],
  ]),
  (m) => {
    let tt: TradeWire['tt']
    if (m[11] !== undefined) {
      const code = Number(m[11])
      if (!TickTypeCode.is(code)) return undefined
      tt = code
    }
    return tradeFromWire({
      e: 'trade',
      E: Number(m[1]),
      s: m[2],
      t: m[3],
      p: m[4],
      q: m[5],
      b: m[6],
      a: m[7],
      T: BigInt(m[8]),
      sa: m[9],
      ba: m[10],
      tt,
    })
  },
)
