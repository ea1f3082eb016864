import { Subscription, type Observable } from 'rxjs'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { DexSocket, type ConnectionStatus, type DexError } from '../src'
import { startSim, waitUntil, type SimHarness } from './helpers/simHarness'
import * as w from './helpers/wireSamples'

// Fault tests against the simulator's fault injection, over real sockets. Figures worth reporting are
// printed (never asserted: the machine is shared and timings drift).

let h: SimHarness
let dex: DexSocket
let load: NodeJS.Timeout | undefined
let subs: Subscription

beforeEach(() => {
  subs = new Subscription()
})

afterEach(async () => {
  if (load) clearInterval(load)
  load = undefined
  subs.unsubscribe()
  dex?.close()
  await h?.stop()
})

/** Publishes a trade per symbol, a height, and an order event every few ms, as a busy market would. */
function startLoad(): void {
  let n = 0
  load = setInterval(() => {
    n++
    h.sim.publish('trades', [w.trade(w.SYM, `${n}-0`), w.trade(w.OTHER, `${n}-1`)])
    h.sim.publish('blockheight', { h: n })
    h.sim.publishToAddress(w.ADDR, 'orders', [w.order()])
  }, 3)
}

/** Subscribe messages per connection, keyed `topic|symbol-or-address`, to catch duplicates. */
function subscribesPerConnection(): Map<number, string[]> {
  const map = new Map<number, string[]>()
  for (const m of h.seen) {
    if (m.json?.method !== 'subscribe') continue
    const keys = (m.json.symbols ?? [m.json.address]).map((k: string) => `${m.json.topic}|${k}`)
    map.set(m.connectionId, [...(map.get(m.connectionId) ?? []), ...keys])
  }
  return map
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

it('survives 50 drops in a row under load: every stream resumes, nothing lost or doubled, no stream error', async () => {
  h = await startSim()
  dex = new DexSocket({ url: h.sim.url, reconnect: { initialDelayMs: 5, maxDelayMs: 50 } })
  const counts = { a: 0, b: 0, height: 0, orders: 0 }
  const streamErrors: unknown[] = []
  const statuses: ConnectionStatus[] = []
  const sink = <T>(key: keyof typeof counts) => ({
    next: (_: T) => counts[key]++,
    error: (e: unknown) => streamErrors.push(e),
    complete: () => streamErrors.push(new Error('completed')),
  })
  subs.add(dex.status$.subscribe((s) => statuses.push(s)))
  subs.add(dex.trades(w.SYM).subscribe(sink('a')))
  subs.add(dex.trades(w.OTHER).subscribe(sink('b')))
  subs.add(dex.blockHeight().subscribe(sink('height')))
  subs.add(dex.orders(w.ADDR).subscribe(sink('orders')))
  startLoad()

  const resumeMs: number[] = []
  for (let drop = 0; drop < 50; drop++) {
    const before = { ...counts }
    const flowing = () => (Object.keys(counts) as (keyof typeof counts)[]).every((k) => counts[k] > before[k])
    const started = Date.now()
    const restored = () => h.sim.connections().flatMap((c) => c.subscriptions).length === 4
    await waitUntil(() => restored() && flowing(), `every stream delivered after drop ${drop}`)
    if (drop > 0) resumeMs.push(Date.now() - started)
    expect(h.sim.dropConnections({ abrupt: drop % 2 === 0 })).toBe(2)
  }
  await waitUntil(() => h.sim.connections().flatMap((c) => c.subscriptions).length === 4, 'both connections are back')

  expect(streamErrors).toEqual([])
  for (const [conn, keys] of subscribesPerConnection()) {
    expect({ conn, keys: [...new Set(keys)].sort() }).toEqual({ conn, keys: [...keys].sort() })
  }
  const serverSubs = h.sim.connections().flatMap((c) => c.subscriptions).sort()
  expect(serverSubs).toEqual([`blockheight:$all`, `orders:${w.ADDR}`, `trades:${w.OTHER}`, `trades:${w.SYM}`].sort())
  const reconnected = statuses.filter((s) => s.state === 'reconnected')
  expect(reconnected.filter((s) => s.connection === 'market')).toHaveLength(50)
  expect(reconnected.filter((s) => s.connection === w.ADDR)).toHaveLength(50)
  console.log(
    `[resilience] 50 drops survived; time to resume every stream: median ${median(resumeMs)} ms, ` +
      `max ${Math.max(...resumeMs)} ms; reported downtime median ${median(reconnected.map((s) => s.downtimeMs!))} ms`,
  )
})

it('rides out a server that refuses connections: backoff grows and is capped, then streams resume', async () => {
  h = await startSim()
  const initialDelayMs = 10
  const maxDelayMs = 80
  dex = new DexSocket({ url: h.sim.url, reconnect: { initialDelayMs, maxDelayMs } })
  const statuses: ConnectionStatus[] = []
  const heights: number[] = []
  subs.add(dex.status$.subscribe((s) => statuses.push(s)))
  subs.add(dex.blockHeight().subscribe((x) => heights.push(x)))
  await waitUntil(() => h.sim.connections().length === 1, 'connected')

  h.sim.refuseConnections(true)
  h.sim.dropConnections()
  const reconnecting = () => statuses.filter((s) => s.state === 'reconnecting')
  await waitUntil(() => reconnecting().length >= 8, 'eight refused attempts')
  h.sim.refuseConnections(false)
  await waitUntil(() => h.sim.connections().length === 1, 'reconnected once the server came back')
  // The socket opens before the re-sent subscribe arrives; a frame published in between reaches nobody.
  await waitUntil(() => h.sim.hasSubscribers('blockheight'), 'the subscription re-sent')
  h.sim.publish('blockheight', { h: 7 })
  await waitUntil(() => heights.includes(7), 'the stream resumed')

  const attempts = reconnecting()
  expect(attempts.map((s) => s.attempt)).toEqual(attempts.map((_, i) => i + 1))
  attempts.forEach((s, i) => {
    const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** (i + 1))
    expect(s.delayMs).toBeGreaterThanOrEqual(initialDelayMs)
    expect(s.delayMs).toBeLessThanOrEqual(ceiling)
  })
  expect(statuses.at(-1)).toMatchObject({ connection: 'market', state: 'reconnected' })
  console.log(`[resilience] refused ${attempts.length} times; delays ${attempts.map((s) => s.delayMs).join(', ')} ms`)
})

it('heals a half-open connection (server silent, socket up) through stale detection', async () => {
  h = await startSim()
  const staleAfterMs = 300
  dex = new DexSocket({ url: h.sim.url, staleAfterMs, reconnect: { initialDelayMs: 5, maxDelayMs: 20 } })
  const heights: number[] = []
  const statuses: ConnectionStatus[] = []
  const errors: DexError[] = []
  subs.add(dex.status$.subscribe((s) => statuses.push(s)))
  subs.add(dex.errors$.subscribe((e) => errors.push(e)))
  subs.add(dex.blockHeight().subscribe((x) => heights.push(x)))
  startLoad()
  await waitUntil(() => heights.length > 5, 'heights flow')
  h.sim.freeze(true)
  const frozenAt = Date.now()
  const seen = heights.length
  await waitUntil(() => statuses.some((s) => s.state === 'reconnected'), 'the stale connection was replaced')
  await waitUntil(() => heights.length > seen + 5, 'heights flow again')
  const healedMs = Date.now() - frozenAt
  expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/no data for \d+ ms \(stale\)/)])
  expect(h.sim.connections().filter((c) => !c.frozen)).toHaveLength(1)
  console.log(`[resilience] half-open healed ${healedMs} ms after the freeze (staleAfterMs ${staleAfterMs})`)
})

it('sends keepAlive on time on busy and idle connections, so the server never expires them', async () => {
  h = await startSim({ keepAliveExpiryMs: 1000 })
  dex = new DexSocket({ url: h.sim.url, keepAliveIntervalMs: 100 })
  const closes: unknown[] = []
  subs.add(h.sim.connections$.subscribe((e) => e.type === 'close' && closes.push(e)))
  subs.add(dex.trades(w.SYM).subscribe()) // busy: trades every 3 ms
  subs.add(dex.transfers(w.ADDR).subscribe()) // idle: nothing is ever published to it
  startLoad()
  await waitUntil(() => h.sim.connections().length === 2, 'both connections open')
  await new Promise((r) => setTimeout(r, 3000)) // three server expiry periods
  expect(closes).toEqual([])
  const [a, b] = h.sim.connections()
  expect(Math.min(a.keepAlives, b.keepAlives)).toBeGreaterThanOrEqual(10)
  console.log(`[resilience] keepAlives in 3 s at 100 ms: busy/idle ${a.keepAlives}/${b.keepAlives}; no expiry`)
})

it('10,000 subscribe/unsubscribe cycles over 100 symbols: one connection, no leaked subscriptions, flat heap', async () => {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as () => void
  h = await startSim()
  dex = new DexSocket({ url: h.sim.url })
  const symbols = Array.from({ length: 100 }, (_, i) => `S${i}_BNB`)
  const live = new Map<string, Subscription>()
  let maxConnections = 0
  let seed = 7
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n)

  const cycle = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const topic = rand(2) ? 'trades' : 'ticker'
      const key = `${topic}:${symbols[rand(100)]}`
      const existing = live.get(key)
      if (existing) {
        existing.unsubscribe()
        live.delete(key)
      } else {
        const sym = key.split(':')[1]
        const stream: Observable<unknown> = topic === 'trades' ? dex.trades(sym) : dex.ticker(sym)
        live.set(key, stream.subscribe())
      }
      if (i % 250 === 0) {
        await new Promise((r) => setImmediate(r))
        maxConnections = Math.max(maxConnections, h.sim.connections().length)
      }
    }
  }
  const settled = () => {
    const server = h.sim.connections().flatMap((c) => c.subscriptions).sort()
    return JSON.stringify(server) === JSON.stringify([...live.keys()].sort())
  }

  await cycle(1000) // warm-up: JIT, pools
  await waitUntil(settled, 'the server holds exactly the live subscriptions (warm-up)')
  h.seen.length = 0 // the harness's own message log would otherwise be measured too
  gc()
  const heapBefore = process.memoryUsage().heapUsed
  await cycle(10_000)
  await waitUntil(settled, 'the server holds exactly the live subscriptions')
  h.seen.length = 0
  gc()
  const heapAfter = process.memoryUsage().heapUsed
  expect(maxConnections).toBe(1)
  expect(h.sim.connections()).toHaveLength(1)

  for (const s of live.values()) s.unsubscribe()
  live.clear()
  await waitUntil(() => h.sim.connections().length === 0, 'the last unsubscribe closed the connection')
  const deltaKb = Math.round((heapAfter - heapBefore) / 1024)
  expect(deltaKb).toBeLessThan(512)
  console.log(`[resilience] 10,000 cycles: max ${maxConnections} connection, heap delta ${deltaKb} KiB`)
})

// Sockets must all be gone, and no timer of ours may remain (jest and the simulator keep a few of their own).
const count = (kind: string) => process.getActiveResourcesInfo().filter((r) => r === kind).length
const resources = () => `sockets ${count('TCPSocketWrap')}, timers ${count('Timeout')}`

/** The resources of a quiet process, to compare with once the client is done. */
async function settledResources(): Promise<string> {
  await new Promise((r) => setTimeout(r, 50))
  return resources()
}

it('leaves no timers, sockets or listeners behind after close() or the last unsubscribe', async () => {
  h = await startSim()
  const baseline = await settledResources()

  dex = new DexSocket({ url: h.sim.url })
  const a = dex.trades(w.SYM).subscribe()
  const b = dex.orders(w.ADDR).subscribe()
  await waitUntil(() => h.sim.connections().length === 2, 'two connections open')
  expect(resources()).not.toBe(baseline)
  a.unsubscribe()
  b.unsubscribe()
  await waitUntil(() => h.sim.connections().length === 0, 'both connections closed by the last unsubscribe')
  await waitUntil(() => resources() === baseline, 'resources returned to the baseline (unsubscribe)').catch((e) => {
    throw new Error(`${e.message}: ${resources()} vs ${baseline}`)
  })

  subs.add(dex.trades(w.SYM).subscribe())
  subs.add(dex.userEvents(w.ADDR).subscribe())
  await waitUntil(() => h.sim.connections().length === 2, 'two connections open again')
  h.sim.refuseConnections(true)
  h.sim.dropConnections() // now both wait on a backoff timer
  await waitUntil(() => h.sim.connections().length === 0, 'dropped')
  dex.close()
  await waitUntil(() => resources() === baseline, 'resources returned to the baseline (close)')
})

it('leaves no timers behind when the last observer of a throttled orderBook leaves mid-window', async () => {
  h = await startSim()
  const baseline = await settledResources()

  dex = new DexSocket({ url: h.sim.url })
  const books: unknown[] = []
  const book = dex.orderBook(w.SYM, { throttleMs: 60_000 }).subscribe((x) => books.push(x))
  await waitUntil(() => h.sim.hasSubscribers('marketDiff', w.SYM), 'the book subscribed')
  const snapshot = (height: number) => ({ lastUpdateId: height, symbol: w.SYM, bids: [['1.00000000', '1.00000000']], asks: [] })
  h.sim.publish('marketDepth', snapshot(1))
  h.sim.publish('marketDepth', snapshot(2)) // lands inside the window: a trailing emission is now pending
  await waitUntil(() => books.length === 1, 'the leading emission')
  book.unsubscribe()
  await waitUntil(() => h.sim.connections().length === 0, 'the connection closed by the last unsubscribe')
  await waitUntil(() => resources() === baseline, 'resources returned to the baseline').catch((e) => {
    throw new Error(`${e.message}: ${resources()} vs ${baseline}`)
  })
  expect(books).toHaveLength(1)
})
