// Runs unchanged under Vitest (globals: true) and Jest: describe/it/expect and the hooks are globals in both.
import { DexSocket } from 'binance-dex-rx'
import { DexSimulator } from 'binance-dex-rx/simulator'
import { watchPrices, type PriceBoard } from '../src/priceBoard'
import { trade, until } from './helpers'

const SYMBOLS = ['BNB_BTCB-1DE', 'BNB_USDT.B-B7C']

describe('watchPrices against DexSimulator', () => {
  let sim: DexSimulator
  let dex: DexSocket
  let board: PriceBoard

  // One simulator per suite, without its market: every frame the app sees is one this file publishes.
  beforeAll(async () => {
    sim = await DexSimulator.start({ market: false })
  })
  afterAll(() => sim.stop())

  // A fresh client and app per test; frames go to subscribers only, so wait for the subscriptions.
  beforeEach(async () => {
    dex = new DexSocket({ url: sim.url, reconnect: { initialDelayMs: 10, maxDelayMs: 50 } })
    board = watchPrices(dex, SYMBOLS, { quietAfterMs: 300 })
    await until(() => SYMBOLS.every((s) => sim.hasSubscribers('trades', s)), 'the app subscribed')
  })
  afterEach(async () => {
    board.stop()
    dex.close()
    sim.freeze(false)
    await until(() => sim.connections().length === 0, 'the app left no connection open')
  })

  it('keeps the last price of each symbol, exactly as published', async () => {
    sim.publish('trades', [trade(SYMBOLS[0], '0.00245000'), trade(SYMBOLS[0], '0.00245100')])
    sim.publish('trades', [trade(SYMBOLS[1], '512.30000000')])
    await until(() => board.prices.size === 2 && board.prices.get(SYMBOLS[0]) === '0.00245100', 'both prices')
    expect(Object.fromEntries(board.prices)).toEqual({ [SYMBOLS[0]]: '0.00245100', [SYMBOLS[1]]: '512.30000000' })
  })

  it('survives a dropped connection: alerts, subscribes again, and goes on', async () => {
    sim.dropConnections({ abrupt: true }) // the TCP connection dies, as when the network fails
    await until(() => board.alerts.includes('reconnected'), 'the app saw the reconnection')
    await until(() => SYMBOLS.every((s) => sim.hasSubscribers('trades', s)), 'the app subscribed again')
    sim.publish('trades', [trade(SYMBOLS[0], '0.00250000')])
    await until(() => board.prices.get(SYMBOLS[0]) === '0.00250000', 'the price after the drop')
    expect(board.alerts.filter((a) => !a.startsWith('quiet'))).toEqual(['connection lost', 'reconnected'])
  })

  it('raises "quiet" for each market when the server goes silent', async () => {
    let price = 1
    const publishing = setInterval(() => {
      for (const s of SYMBOLS) sim.publish('trades', [trade(s, `${price}.00000000`)])
      price++
    }, 20)
    try {
      await until(() => board.prices.get(SYMBOLS[1]) === '3.00000000', 'trades flowing')
      sim.freeze(true) // the connection stays up, but nothing more arrives on it
      const alertsBefore = board.alerts.length
      const published = price
      await until(() => SYMBOLS.every((s) => board.alerts.slice(alertsBefore).includes(`quiet ${s}`)), 'both quiet')
      expect(price).toBeGreaterThan(published) // the market went on; the app heard none of it
      expect(Number(board.prices.get(SYMBOLS[0]))).toBeLessThan(price - 1)
    } finally {
      clearInterval(publishing)
    }
  })

  it('reports an unreadable frame and keeps going', async () => {
    sim.sendRaw('{"stream":"trades","data":[{"s":"BNB_BTCB-1DE","p":"not a price"}]}')
    sim.publish('trades', [trade(SYMBOLS[0], '0.00260000')])
    await until(() => board.prices.get(SYMBOLS[0]) === '0.00260000', 'the next good trade')
    expect(board.alerts).toContain('unreadable frame')
  })
})
