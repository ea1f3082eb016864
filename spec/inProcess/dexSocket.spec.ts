import { firstValueFrom, filter, take, toArray } from 'rxjs'
import { BinanceChainSocket, DexInputError, DexSocket } from '../../src'
import { startInProcess, type InProcessSimulator } from '../../src/simulator/inProcess'

// The library over the in-process simulator in plain Node (jest's node environment: no jsdom, no global
// WebSocket on Node 20): no port is opened, and the streams are the ones a server would carry.

let sim: InProcessSimulator
let dex: DexSocket
afterEach(async () => {
  dex?.close()
  await sim?.stop()
})

it('streams trades, a live order book and klines of the simulated market', async () => {
  sim = startInProcess({ market: { seed: 1, blockIntervalMs: 20 } })
  dex = new DexSocket({ url: sim.url, WebSocketCtor: sim.WebSocket })
  const symbol = sim.symbols[0]
  const trades = firstValueFrom(dex.trades(symbol).pipe(take(3), toArray()))
  const book = firstValueFrom(dex.orderBook(symbol).pipe(filter((b) => b.inSync && b.bids.length > 0 && b.asks.length > 0)))
  const candle = firstValueFrom(dex.klines(symbol, '1m'))
  const [seen, firstBook, kline] = await Promise.all([trades, book, candle])
  expect(seen).toHaveLength(3)
  for (const trade of seen) expect(trade).toMatchObject({ symbol, price: expect.stringMatching(/^\d+\.\d+$/) })
  expect(Number(firstBook.bids[0][0])).toBeLessThan(Number(firstBook.asks[0][0]))
  expect(kline).toMatchObject({ symbol, interval: '1m' })
  expect(sim.connections()).toHaveLength(1)
})

it('reports a dropped connection and reconnects to the same simulator', async () => {
  sim = startInProcess({ market: { seed: 2, blockIntervalMs: 20 } })
  dex = new DexSocket({ url: sim.url, WebSocketCtor: sim.WebSocket, reconnect: { initialDelayMs: 1, maxDelayMs: 5 } })
  const states: string[] = []
  dex.status$.subscribe((s) => states.push(s.state))
  const reconnected = firstValueFrom(dex.status$.pipe(filter((s) => s.state === 'reconnected')))
  const error = firstValueFrom(dex.errors$)
  const trades = dex.trades(sim.symbols[0]).subscribe()
  await firstValueFrom(dex.status$.pipe(filter((s) => s.state === 'open')))
  expect(sim.dropConnections({ abrupt: true })).toBe(1)
  expect((await error).message).toMatch(/dropped/)
  await reconnected
  expect(states).toEqual(expect.arrayContaining(['connecting', 'open', 'reconnecting', 'reconnected']))
  trades.unsubscribe()
})

it("warms the market up: candles of the past minutes at once, the stream's current one among them", async () => {
  sim = startInProcess({ market: { seed: 3 }, warmUpMs: 5 * 60_000 })
  const symbol = sim.symbols[0]
  const candles = sim.market!.candles(symbol, '1m', 100)
  // Five minutes of history: five closed candles, then the current one (the first may be partial).
  expect(candles.length).toBeGreaterThanOrEqual(5)
  expect(candles.filter((k) => k.x).length).toBeGreaterThanOrEqual(4)
  expect(candles.reduce((n, k) => n + k.n, 0)).toBeGreaterThan(0)
  dex = new DexSocket({ url: sim.url, WebSocketCtor: sim.WebSocket })
  const kline = await firstValueFrom(dex.klines(symbol, '1m'))
  // A minute may turn between the two reads: the stream's candle is one of the last two.
  expect(sim.market!.candles(symbol, '1m', 2).map((k) => k.t)).toContain(kline.openTime)
  expect(() => startInProcess({ warmUpMs: -1 })).toThrow(/warmUpMs/)
})

// Issue 20: without the simulator's class, the default WebSocket would look the `.invalid` host up and retry
// for ever; the client refuses the options at once and says what to pass.
it("refuses an in-process URL given without the simulator's WebSocket class, saying what to pass", () => {
  sim = startInProcess({ market: false })
  const attempt = (): DexSocket => new DexSocket({ url: sim.url })
  expect(attempt).toThrow(DexInputError)
  expect(attempt).toThrow(`The url ${sim.url} is an in-process simulator's`)
  expect(attempt).toThrow('WebSocketCtor: sim.WebSocket')
  expect(() => new BinanceChainSocket({ url: sim.url.replace(/\/$/, '') })).toThrow(/WebSocketCtor: sim\.WebSocket/)
  // With the class, the same URL is fine; a server's URL never needs it.
  expect(() => new DexSocket({ url: sim.url, WebSocketCtor: sim.WebSocket }).close()).not.toThrow()
  expect(() => new DexSocket({ url: 'ws://in-process.example.org/api/' }).close()).not.toThrow()
})
