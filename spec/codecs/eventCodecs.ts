import * as t from 'io-ts'
import type * as events from '../../src/events'
import { KLINE_INTERVALS, type KlineInterval } from '../../src/KlineInterval'
import type { Same } from '../../src/codecs/wireShape'

// The tests' own runtime picture of the public event types, written independently of the wire specs in
// src/codecs: each must be exactly its interface (checked at compile time below), and an event passes
// only with exactly the interface's keys (no extra ones) and values of the declared types.

/** `t.type(required) & t.partial(optional)` whose `is` also refuses keys it does not name. */
function closed<R extends t.Props, O extends t.Props = Record<never, never>>(name: string, required: R, optional?: O) {
  const known = new Set([...Object.keys(required), ...Object.keys(optional ?? {})])
  const open = t.intersection([t.type(required), t.partial(optional ?? ({} as O))])
  type A = Readonly<t.TypeOf<typeof open>>
  const is = (u: unknown): u is A => open.is(u) && Object.keys(u as object).every((k) => known.has(k))
  return new t.Type<A, A, unknown>(name, is, (u, c) => (is(u) ? t.success(u) : t.failure(u, c)), t.identity)
}

const literals = <const L extends readonly [string, string, ...string[]]>(values: L) =>
  t.union(values.map((v) => t.literal(v)) as unknown as [t.LiteralC<L[number]>, t.LiteralC<L[number]>])
const DECIMAL = /^-?\d+(?:\.\d+)?$/
const Decimal = new t.Type<string, string, unknown>(
  'Decimal',
  (u): u is string => typeof u === 'string' && DECIMAL.test(u),
  (u, c) => (typeof u === 'string' && DECIMAL.test(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
)
const PriceLevel = t.readonly(t.tuple([Decimal, Decimal]))
const Interval = literals(KLINE_INTERVALS as unknown as [KlineInterval, KlineInterval, ...KlineInterval[]])
const TickType = literals(['Unknown', 'SellTaker', 'BuyTaker', 'BuySurplus', 'SellSurplus', 'Neutral'])
const OrderStatus = literals(['Ack', 'Canceled', 'Expired', 'IocNoFill', 'IocExpire', 'PartialFill', 'FullyFill', 'FailedBlocking', 'FailedMatching', 'Unknown'])

export const Trade = closed(
  'Trade',
  {
    eventType: t.literal('trade'),
    height: t.number,
    symbol: t.string,
    tradeId: t.string,
    price: Decimal,
    quantity: Decimal,
    buyerOrderId: t.string,
    sellerOrderId: t.string,
    tradeTime: t.bigint,
    sellerAddress: t.string,
    buyerAddress: t.string,
  },
  { tickType: TickType },
)
export const OrderUpdate = closed('OrderUpdate', {
  eventType: t.literal('executionReport'),
  height: t.number,
  symbol: t.string,
  side: literals(['buy', 'sell']),
  orderType: literals(['limit', 'market']),
  timeInForce: literals(['GTE', 'IOC']),
  quantity: Decimal,
  price: Decimal,
  executionType: t.string,
  status: OrderStatus,
  orderId: t.string,
  lastExecutedQuantity: Decimal,
  cumulativeFilledQuantity: Decimal,
  lastExecutedPrice: Decimal,
  fee: t.string,
  transactionTime: t.bigint,
  tradeId: t.string,
  orderCreationTime: t.bigint,
})
export const DepthUpdate = closed('DepthUpdate', {
  eventType: t.literal('depthUpdate'),
  time: t.number,
  symbol: t.string,
  bids: t.readonlyArray(PriceLevel),
  asks: t.readonlyArray(PriceLevel),
})
export const DepthSnapshot = closed('DepthSnapshot', {
  lastUpdateId: t.number,
  symbol: t.string,
  bids: t.readonlyArray(PriceLevel),
  asks: t.readonlyArray(PriceLevel),
})
export const Kline = closed('Kline', {
  eventType: t.literal('kline'),
  time: t.number,
  symbol: t.string,
  openTime: t.number,
  closeTime: t.number,
  interval: Interval,
  firstTradeId: t.string,
  lastTradeId: t.string,
  open: Decimal,
  close: Decimal,
  high: Decimal,
  low: Decimal,
  volume: Decimal,
  quoteVolume: Decimal,
  trades: t.number,
  closed: t.boolean,
})
export const Ticker = closed('Ticker', {
  eventType: t.literal('24hrTicker'),
  time: t.number,
  symbol: t.string,
  priceChange: Decimal,
  priceChangePercent: Decimal,
  weightedAvgPrice: Decimal,
  prevClosePrice: Decimal,
  lastPrice: Decimal,
  lastQuantity: Decimal,
  bestBidPrice: Decimal,
  bestBidQuantity: Decimal,
  bestAskPrice: Decimal,
  bestAskQuantity: Decimal,
  open: Decimal,
  high: Decimal,
  low: Decimal,
  volume: Decimal,
  quoteVolume: Decimal,
  openTime: t.number,
  closeTime: t.number,
  firstTradeId: t.string,
  lastTradeId: t.string,
  trades: t.number,
})
export const MiniTicker = closed('MiniTicker', {
  eventType: t.literal('24hrMiniTicker'),
  time: t.number,
  symbol: t.string,
  lastPrice: Decimal,
  open: Decimal,
  high: Decimal,
  low: Decimal,
  volume: Decimal,
  quoteVolume: Decimal,
})
const Balance = closed('Balance', { asset: t.string, free: Decimal, locked: Decimal, frozen: Decimal })
export const AccountUpdate = closed('AccountUpdate', {
  eventType: t.literal('outboundAccountInfo'),
  height: t.number,
  balances: t.readonlyArray(Balance),
})
const Coin = closed('Coin', { asset: t.string, amount: Decimal })
const TransferOutput = closed('TransferOutput', { to: t.string, coins: t.readonlyArray(Coin) })
export const TransferUpdate = closed('TransferUpdate', {
  eventType: t.literal('outboundTransferInfo'),
  height: t.number,
  txHash: t.string,
  memo: t.string,
  from: t.string,
  outputs: t.readonlyArray(TransferOutput),
})

// Each codec above is its interface, exactly (modifiers included).
type Checks = [
  Same<t.TypeOf<typeof Trade>, events.Trade>,
  Same<t.TypeOf<typeof OrderUpdate>, events.OrderUpdate>,
  Same<t.TypeOf<typeof DepthUpdate>, events.DepthUpdate>,
  Same<t.TypeOf<typeof DepthSnapshot>, events.DepthSnapshot>,
  Same<t.TypeOf<typeof Kline>, events.Kline>,
  Same<t.TypeOf<typeof Ticker>, events.Ticker>,
  Same<t.TypeOf<typeof MiniTicker>, events.MiniTicker>,
  Same<t.TypeOf<typeof AccountUpdate>, events.AccountUpdate>,
  Same<t.TypeOf<typeof TransferUpdate>, events.TransferUpdate>,
]
export const allSame: Checks extends true[] ? true : Checks = true
