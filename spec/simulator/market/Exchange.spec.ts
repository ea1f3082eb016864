import { Exchange } from '../../../src/simulator/market/Exchange'
import { parseFixed8 as u } from '../../../src/simulator/market/fixed8'
import { Ledger } from '../../../src/simulator/market/Ledger'
import { BUY, GTE, IOC, SELL, type Pair } from '../../../src/simulator/market/types'

// A BNB/USDT-like pair: tick 0.001, lot 0.00001 (tick·lot = 1e-8).
const pair: Pair = {
  ...{ index: 0, symbol: 'BNB_USDT.B-B7C', base: 'BNB', quote: 'USDT.B-B7C' },
  ...{ tick: u('0.001'), lot: u('0.00001'), startPrice: u('30'), typicalQty: u('1') },
}
const HEX = ['AA', 'BB', 'CC']

function setup() {
  const ledger = new Ledger(3, ['BNB', 'USDT.B-B7C'], () => u('1000'))
  const exchange = new Exchange([pair], ledger, HEX)
  exchange.beginBlock(10, 1_000, 1_000_000_000n)
  return { ledger, exchange }
}

describe('Exchange (price-time priority matching)', () => {
  it('fills the best price first, then the oldest order at a price, at the resting prices', () => {
    const { exchange } = setup()
    const first = exchange.place(0, pair, SELL, GTE, u('30.002'), u('1'))
    const second = exchange.place(1, pair, SELL, GTE, u('30.001'), u('1'))
    const third = exchange.place(0, pair, SELL, GTE, u('30.001'), u('1'))
    const buy = exchange.place(2, pair, BUY, GTE, u('30.002'), u('2.5'))
    expect(exchange.trades.map((t) => [t.seller.id, t.price, t.qty, t.tickType])).toEqual([
      [second.id, u('30.001'), u('1'), 2],
      [third.id, u('30.001'), u('1'), 2],
      [first.id, u('30.002'), u('0.5'), 2],
    ])
    expect(exchange.trades.map((t) => t.id)).toEqual(['10-0', '10-1', '10-2'])
    expect(buy.filled).toBe(u('2.5'))
    expect(exchange.books[0].asks.top(5)).toEqual([['30.00200000', '0.50000000']])
    expect(exchange.books[0].bids.top(5)).toEqual([])
  })

  it('rests the unfilled part of a GTE order, so the book is never crossed', () => {
    const { exchange } = setup()
    exchange.place(0, pair, SELL, GTE, u('30'), u('1'))
    exchange.place(1, pair, BUY, GTE, u('30.5'), u('3'))
    expect(exchange.books[0].bids.top(5)).toEqual([['30.50000000', '2.00000000']])
    expect(exchange.books[0].asks.top(5)).toEqual([])
    const statuses = exchange.events[1].map((e) => [e.status, e.lastQty, e.cumulativeQty])
    expect(statuses).toEqual([
      ['Ack', 0n, 0n],
      ['PartialFill', u('1'), u('1')],
    ])
  })

  it('expires what an IOC order cannot fill: IocNoFill or IocExpire', () => {
    const { exchange } = setup()
    exchange.place(0, pair, SELL, GTE, u('30'), u('1'))
    exchange.place(1, pair, BUY, IOC, u('29'), u('1'))
    exchange.place(2, pair, BUY, IOC, u('30'), u('4'))
    expect(exchange.events[1].map((e) => e.status)).toEqual(['Ack', 'IocNoFill'])
    expect(exchange.events[2].map((e) => e.status)).toEqual(['Ack', 'PartialFill', 'IocExpire'])
    expect(exchange.books[0].bids.top(5)).toEqual([])
  })

  it('moves funds exactly: the buyer pays the execution price, both sides pay a 0.04% fee', () => {
    const { ledger, exchange } = setup()
    exchange.place(0, pair, SELL, GTE, u('30'), u('2'))
    expect(ledger.balance(0, 'BNB')).toEqual({ free: u('998'), locked: u('2') })
    exchange.place(1, pair, BUY, GTE, u('31'), u('1'))
    // Seller: 1 BNB out of locked, 30 USDT in less a 0.012 fee.
    // Buyer: 30 USDT paid (31 were reserved), 1 BNB in less a 0.0004 fee.
    expect(ledger.balance(0, 'BNB')).toEqual({ free: u('998'), locked: u('1') })
    expect(ledger.balance(0, 'USDT.B-B7C')).toEqual({ free: u('1029.988'), locked: 0n })
    expect(ledger.balance(1, 'BNB')).toEqual({ free: u('1000.9996'), locked: 0n })
    expect(ledger.balance(1, 'USDT.B-B7C')).toEqual({ free: u('970'), locked: 0n })
    expect([...ledger.fees]).toEqual([
      ['BNB', u('0.0004')],
      ['USDT.B-B7C', u('0.012')],
    ])
    expect(exchange.events[1][1].fee).toBe('BNB:0.00040000')
    expect(exchange.events[0][1].fee).toBe('USDT.B-B7C:0.01200000')
  })

  it('releases the whole reservation on cancel and reports the net level change once per block', () => {
    const { ledger, exchange } = setup()
    const order = exchange.place(0, pair, BUY, GTE, u('29'), u('2'))
    expect(ledger.balance(0, 'USDT.B-B7C')).toEqual({ free: u('942'), locked: u('58') })
    exchange.books[0].bids.takeDiff()
    exchange.place(1, pair, BUY, GTE, u('29'), u('1'))
    exchange.cancel(order, 'Canceled')
    exchange.place(1, pair, BUY, GTE, u('28'), u('1'))
    exchange.cancel(exchange.open[0].find((o) => o.price === u('28'))!, 'Canceled')
    expect(ledger.balance(0, 'USDT.B-B7C')).toEqual({ free: u('1000'), locked: 0n })
    // 29 went from 2 to 1; 28 appeared and vanished within the block, so it is not a net change.
    expect(exchange.books[0].bids.takeDiff()).toEqual([[u('29'), u('1')]])
    expect(exchange.events[0].map((e) => e.status)).toEqual(['Ack', 'Canceled'])
    expect(order.id).toBe('AA-1')
  })
})
