import { firstValueFrom, filter, take, toArray } from 'rxjs'
import { DexSocket } from '../../src'
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
