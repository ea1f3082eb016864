import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { DexSimulator } from '../../src/simulator'
import { waitUntil } from '../helpers/simHarness'
import * as accounts from '../../docs/examples/accounts'
import * as allMiniTickers from '../../docs/examples/all-mini-tickers'
import * as allTickers from '../../docs/examples/all-tickers'
import * as blockHeight from '../../docs/examples/block-height'
import * as candleWindow from '../../docs/examples/candle-window'
import * as candlesFromTrades from '../../docs/examples/candles-from-trades'
import * as errors from '../../docs/examples/errors'
import * as forAwait from '../../docs/examples/for-await'
import { checkHistoryCandles } from '../history/historyCandles'
import * as gettingStarted from '../../docs/examples/getting-started'
import * as inProcess from '../../docs/examples/in-process'
import * as inProcessUnitTest from '../../docs/examples/in-process-unit-test'
import * as klines from '../../docs/examples/klines'
import * as marketDepth from '../../docs/examples/market-depth'
import * as marketDiff from '../../docs/examples/market-diff'
import * as mergeStreams from '../../docs/examples/merge-streams'
import * as migrating from '../../docs/examples/migrating'
import * as miniTicker from '../../docs/examples/mini-ticker'
import * as orderBook from '../../docs/examples/order-book'
import * as orders from '../../docs/examples/orders'
import * as resilience from '../../docs/examples/resilience'
import * as replay from '../../docs/examples/replay'
import * as replayTape from '../../docs/examples/replay-tape'
import * as simulator from '../../docs/examples/simulator'
import * as simulatorFaults from '../../docs/examples/simulator-faults'
import * as svelteStore from '../../docs/examples/svelte-store'
import * as throttle from '../../docs/examples/throttle'
import * as tickerAndBook from '../../docs/examples/ticker-and-book'
import * as ticker from '../../docs/examples/ticker'
import * as trades from '../../docs/examples/trades'
import * as transfers from '../../docs/examples/transfers'
import * as userEvents from '../../docs/examples/user-events'

// Every example of docs/ runs here against a simulator with its simulated market, so none can rot.
// Blocks come every 100 ms (instead of 500) to keep the suite quick; the per-second frames are real time.

const DECIMAL = /^\d+\.\d{8}$/
const SYMBOLS = ['BNB_BTCB-1DE', '100K-9BC_BNB', 'BNB_USDT.B-B7C']
const ASSETS = ['BNB', 'BTCB-1DE', '100K-9BC', 'USDT.B-B7C']
const num = Number

let sim: DexSimulator
let address: string
let log: jest.SpyInstance

beforeAll(async () => {
  sim = await DexSimulator.start({ market: { blockIntervalMs: 100 } })
  address = sim.market!.addresses[0]
})

afterAll(() => sim.stop())

beforeEach(() => {
  log = jest.spyOn(console, 'log').mockImplementation(() => undefined)
})

afterEach(async () => {
  log.mockRestore()
  // Each example closes its socket: nothing may be left connected after it.
  await waitUntil(() => sim.connections().length === 0, 'the example left no connection open')
})

const drop = (): void => void sim.dropConnections({ abrupt: true })

const tested: Record<string, () => Promise<void>> = {
  'getting-started': async () => {
    const { height, prices } = await gettingStarted.main(sim.url)
    expect(height).toBeGreaterThanOrEqual(100_000_000)
    expect(prices.length).toBeGreaterThan(0)
    for (const price of prices) expect(price).toMatch(DECIMAL)
    expect(log).toHaveBeenCalledTimes(prices.length)
  },

  accounts: async () => {
    const balances = await accounts.main(sim.url, address)
    expect(Object.keys(balances).length).toBeGreaterThan(0)
    for (const [asset, free] of Object.entries(balances)) {
      expect(ASSETS).toContain(asset)
      expect(free).toMatch(DECIMAL)
    }
  },

  orders: async () => {
    const fills = await orders.main(sim.url, address)
    expect(fills).toHaveLength(3)
    for (const fill of fills) {
      expect(['PartialFill', 'FullyFill']).toContain(fill.status)
      expect(SYMBOLS).toContain(fill.symbol)
      expect(typeof fill.transactionTime).toBe('bigint')
    }
  },

  transfers: async () => {
    const result = transfers.main(sim.url, address)
    // Transfers are rare in the market (one every few seconds); send one by hand so the test is quick.
    await waitUntil(() => sim.hasSubscribers('transfers', address), 'the example subscribed')
    const other = sim.market!.addresses[1]
    sim.publishToAddress(address, 'transfers', {
      e: 'outboundTransferInfo', E: sim.market!.height, H: 'AB'.repeat(32), M: '', f: address,
      t: [{ o: other, c: [{ a: 'BNB', A: '1.50000000' }] }],
    })
    const lines = await result
    expect(lines.length).toBeGreaterThan(0)
    for (const line of lines) expect(line).toMatch(/^tbnb1[a-z0-9]{38} \+\d+\.\d{8} [A-Z0-9.-]+$/)
  },

  'user-events': async () => {
    const counts = await userEvents.main(sim.url, address)
    expect(Object.values(counts).reduce((a, b) => a + b)).toBe(10)
    for (const type of Object.keys(counts)) {
      expect(['outboundAccountInfo', 'executionReport', 'outboundTransferInfo']).toContain(type)
    }
  },

  trades: async () => {
    const got = await trades.main(sim.url)
    expect(got).toHaveLength(5)
    for (const t of got) {
      expect(t).toMatchObject({ eventType: 'trade', symbol: 'BNB_BTCB-1DE' })
      expect(t.price).toMatch(DECIMAL)
      expect(typeof t.tradeTime).toBe('bigint')
    }
    expect(got.map((t) => t.height)).toEqual([...got.map((t) => t.height)].sort((a, b) => a - b))
  },

  'market-diff': async () => {
    const got = await marketDiff.main(sim.url)
    expect(got).toHaveLength(3)
    for (const { set, removed } of got) expect(set + removed).toBeGreaterThan(0)
  },

  'market-depth': async () => {
    const { bid, ask, levels } = await marketDepth.main(sim.url)
    expect(num(bid[0])).toBeLessThan(num(ask[0]))
    expect(levels).toBeGreaterThan(40)
    expect(levels).toBeLessThanOrEqual(200)
  },

  klines: async () => {
    const got = await klines.main(sim.url)
    expect(got).toHaveLength(2)
    for (const k of got) expect(k).toMatchObject({ eventType: 'kline', symbol: 'BNB_BTCB-1DE', interval: '1m' })
    expect(got[1].time).toBeGreaterThanOrEqual(got[0].time)
  },

  ticker: async () => {
    const t = await ticker.main(sim.url)
    expect(t.last).toMatch(DECIMAL)
    expect(t.change).toMatch(/^-?\d+\.\d+%$/)
    expect(num(t.bid)).toBeLessThan(num(t.ask))
  },

  'all-tickers': async () => {
    const got = await allTickers.main(sim.url)
    expect(got.map(([symbol]) => symbol).sort()).toEqual([...SYMBOLS].sort())
    expect(got.map(([, volume]) => num(volume))).toEqual(got.map(([, volume]) => num(volume)).sort((a, b) => b - a))
  },

  'mini-ticker': async () => {
    const { symbol, low, high, lastPrice } = await miniTicker.main(sim.url)
    expect(symbol).toBe('100K-9BC_BNB')
    expect(num(low)).toBeLessThanOrEqual(num(lastPrice))
    expect(num(lastPrice)).toBeLessThanOrEqual(num(high))
  },

  'all-mini-tickers': async () => {
    const prices = await allMiniTickers.main(sim.url)
    expect(Object.keys(prices).sort()).toEqual([...SYMBOLS].sort())
    for (const price of Object.values(prices)) expect(price).toMatch(DECIMAL)
  },

  'block-height': async () => {
    const [a, b, c] = await blockHeight.main(sim.url)
    expect([b - a, c - b]).toEqual([1, 1])
  },

  'order-book': async () => {
    const { bids, asks, inSync } = await orderBook.main(sim.url)
    expect(inSync).toBe(true)
    expect(bids).toHaveLength(5)
    expect(asks).toHaveLength(5)
    expect(num(bids[0][0])).toBeLessThan(num(asks[0][0]))
    expect(bids.map(([p]) => num(p))).toEqual(bids.map(([p]) => num(p)).sort((x, y) => y - x))
  },

  resilience: async () => {
    const got = await resilience.main(sim.url, drop)
    expect(got.slice(0, 4)).toEqual(['market: connecting', 'market: open', 'market: reconnecting (attempt 1)', 'market: reconnected'])
    expect(got[4]).toMatch(/^height \d+ after \d+ ms without data$/)
    expect(got[5]).toBe('market: closed')
  },

  errors: async () => {
    expect(await errors.main(sim.url, drop)).toEqual([
      'thrown: DexInputError (BNB-BTCB)',
      'errors$: DexConnectionError',
      'stream error: DexConnectionError',
    ])
  },

  simulator: async () => {
    expect(await simulator.main()).toBe(2)
  },

  'in-process': async () => {
    const { bid, ask, prices } = await inProcess.main()
    expect(Number(bid)).toBeLessThan(Number(ask))
    expect(prices).toHaveLength(3)
    for (const price of [bid, ask, ...prices]) expect(price).toMatch(DECIMAL)
  },

  'in-process-unit-test': async () => {
    expect(await inProcessUnitTest.main()).toBe('BNB_BTCB-1DE 0.00251 (2 trades)')
  },

  'simulator-faults': async () => {
    expect(await simulatorFaults.main()).toEqual({ heights: [1, 2], errors: ['DexConnectionError', 'DexDecodeError'] })
  },

  migrating: async () => {
    const messages = await migrating.main(sim.url)
    expect(messages.map((m) => m.stream)).toEqual(['blockheight', 'kline_1m', 'trades', 'trades'])
    expect(messages[0].data).toEqual({ h: expect.any(Number) })
    const [trade] = messages[2].data as { s: string; T: bigint }[]
    expect(trade.s).toBe('BNB_BTCB-1DE')
    expect(typeof trade.T).toBe('bigint')
    expect(log).toHaveBeenCalledTimes(1) // the one-off call without a callback printed its message
    expect(log.mock.calls[0][0]).toBe(JSON.stringify(messages[0]))
  },

  'merge-streams': async () => {
    const lines = await mergeStreams.main(sim.url)
    expect(lines).toHaveLength(6)
    for (const line of lines) expect(line).toMatch(/^(BNB_BTCB-1DE|BNB_USDT\.B-B7C) \d+\.\d{8} @ \d+\.\d{8}$/)
  },

  'for-await': async () => {
    const { trades, books } = await forAwait.main(sim.url)
    expect(trades).toHaveLength(3)
    for (const t of trades) expect(t).toMatch(/^\d+\.\d{8} @ \d+\.\d{8}$/)
    expect(books).toHaveLength(2)
    expect(books[1]).toBeGreaterThan(books[0])
  },

  'svelte-store': async () => {
    expect(await svelteStore.main(sim.url)).toEqual([0, 1, 2, 3])
  },

  throttle: async () => {
    const [first, second] = await throttle.main(sim.url)
    expect(second).toBeGreaterThan(first)
  },

  'candles-from-trades': async () => {
    const candles = await candlesFromTrades.main(sim.url)
    expect(candles).toHaveLength(2)
    for (const c of candles) {
      expect(c.trades).toBeGreaterThan(0)
      for (const price of [c.open, c.close]) {
        expect(num(c.low)).toBeLessThanOrEqual(num(price))
        expect(num(price)).toBeLessThanOrEqual(num(c.high))
      }
    }
  },

  'candle-window': async () => {
    const window = await candleWindow.main(sim.url)
    expect(window.length).toBeGreaterThanOrEqual(1)
    expect(window.length).toBeLessThanOrEqual(2) // three pushes span at most one minute boundary
    expect(new Set(window.map((k) => k.openTime)).size).toBe(window.length)
  },

  replay: async () => {
    const tape = join(__dirname, '../../examples/tapes/testnet-2019.tape')
    expect(await replay.main(tape)).toEqual(['66666.00000000', '49999.00000000', '49999.00000000', '49999.00000000'])
  },

  // Over a tape, not the simulator: the check lives with the history suites.
  'history-candles': checkHistoryCandles,

  'replay-tape': async () => {
    const tape = join(__dirname, '../../examples/tapes/testnet-2019.tape')
    expect(await replayTape.main(tape)).toEqual([
      { end: '2019-04-10T00:00:02.000Z', tickers: 0 },
      { end: '2019-04-10T00:00:04.000Z', tickers: 1 },
      { end: '2019-04-10T00:00:06.000Z', tickers: 2 },
      { end: '2019-04-10T00:00:06.500Z', tickers: 1 },
    ])
  },

  'ticker-and-book': async () => {
    const views = await tickerAndBook.main(sim.url)
    expect(views).toHaveLength(3)
    for (const v of views) {
      expect(v.last).toMatch(DECIMAL)
      expect(num(v.bid)).toBeLessThan(num(v.ask))
      expect(v.spread).toBeGreaterThan(0)
    }
    for (let i = 1; i < views.length; i++) expect(views[i]).not.toEqual(views[i - 1])
  },
}

it('every file in docs/examples has a test here', () => {
  const files = readdirSync(join(__dirname, '../../docs/examples')).filter((f) => f.endsWith('.ts'))
  expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(Object.keys(tested).sort())
})

describe.each(Object.entries(tested))('docs/examples/%s.ts', (_name, run) => {
  it('runs against the simulator', run, 30_000)
})
