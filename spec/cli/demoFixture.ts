import type { Kline, Ticker, Trade } from '../../src/codecs'
import { initialDemoState, type DemoState } from '../../src/cli/demo/DemoState'

// 2024-03-01T12:34:56Z in milliseconds and nanoseconds.
const MS = 1_709_296_496_000
const NS = BigInt(MS) * 1_000_000n + 123_456n

const trade = (i: number, price: string, quantity: string, tickType: Trade['tickType']): Trade => ({
  eventType: 'trade',
  height: 100_000_010,
  symbol: 'BNB_BTCB-1DE',
  tradeId: `100000010-${i}`,
  price,
  quantity,
  buyerOrderId: 'B-1',
  sellerOrderId: 'S-1',
  tradeTime: NS - BigInt(i) * 1_000_000_000n,
  sellerAddress: 'tbnb1seller',
  buyerAddress: 'tbnb1buyer',
  tickType,
})

const kline: Kline = {
  eventType: 'kline',
  time: MS,
  symbol: 'BNB_BTCB-1DE',
  openTime: MS - 56_000,
  closeTime: MS + 3_999,
  interval: '1m',
  firstTradeId: '100000001-0',
  lastTradeId: '100000010-2',
  open: '0.00245000',
  close: '0.00245300',
  high: '0.00245500',
  low: '0.00244800',
  volume: '123.45000000',
  quoteVolume: '0.30282000',
  trades: 37,
  closed: false,
}

const ticker: Ticker = {
  eventType: '24hrTicker',
  time: MS,
  symbol: 'BNB_BTCB-1DE',
  priceChange: '0.00000300',
  priceChangePercent: '0.12244898',
  weightedAvgPrice: '0.00245100',
  prevClosePrice: '0.00245000',
  lastPrice: '0.00245300',
  lastQuantity: '1.50000000',
  bestBidPrice: '0.00245200',
  bestBidQuantity: '3.00000000',
  bestAskPrice: '0.00245300',
  bestAskQuantity: '2.00000000',
  open: '0.00245000',
  high: '0.00246000',
  low: '0.00244000',
  volume: '45678.90000000',
  quoteVolume: '111.95000000',
  openTime: MS - 86_400_000,
  closeTime: MS,
  firstTradeId: '99800000-0',
  lastTradeId: '100000010-2',
  trades: 1234,
}

const levels = (from: number, step: number, n: number): [string, string][] =>
  Array.from({ length: n }, (_, i) => [((from + step * i) / 1e8).toFixed(8), (1 + i * 0.5).toFixed(8)])

/** A full demo state: a 12-level book, 20 trades, kline, ticker, height; times in UTC. */
export const FULL_STATE: DemoState = {
  ...initialDemoState('simulator (seed 42)', ['BNB_BTCB-1DE', '100K-9BC_BNB', 'BNB_USDT.B-B7C']),
  connection: { state: 'open' },
  height: 100_000_010,
  book: { asks: levels(245_300, 100, 12), bids: levels(245_200, -100, 12), updateId: 100_000_010 },
  trades: Array.from({ length: 20 }, (_, i) => {
    const price = (0.002453 - (i % 3) * 0.000001).toFixed(8)
    return trade(i, price, (0.5 + i).toFixed(8), i % 2 === 0 ? 'BuyTaker' : 'SellTaker')
  }),
  kline,
  ticker,
}
