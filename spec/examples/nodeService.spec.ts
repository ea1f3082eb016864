import { spawn, type ChildProcess } from 'node:child_process'
import { get, request, type IncomingMessage } from 'node:http'
import { join } from 'node:path'
import { DexSimulator } from '../../src/simulator'
import { waitUntil } from '../helpers/simHarness'
import { depth, diff, trade as wireTrade } from '../helpers/wireSamples'

// examples/node-service as its users run it: `node main.mjs` in a child process (it imports the built package
// by name), spoken to over HTTP, stopped with real signals. Frames are published by hand, so every figure is
// checked exactly.

const MAIN = join(__dirname, '..', '..', 'examples', 'node-service', 'main.mjs')
const SYM = 'BNB_BTCB-1DE'
const OTHER = 'BNB_USDT.B-B7C'
const MINUTE_NS = 60_000_000_000n
const T0 = 1554964166437515341n // 2019-04-11T06:29:26.437Z

interface Service {
  readonly url: string
  readonly child: ChildProcess
  /** Everything printed so far. */
  output(): string
  /** Resolves with the exit code (or signal) once the process has ended. */
  readonly exited: Promise<number | string | null>
}

const running: Service[] = []

function startService(args: string[]): Promise<Service> {
  const child = spawn(process.execPath, [MAIN, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  )
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /^service (http\S+)/m.exec(out)
      if (match) {
        const service = { url: match[1], child, output: () => out, exited }
        running.push(service)
        resolve(service)
      }
    })
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`main.mjs exited (${code}) before listening: ${out}`)))
  })
}

afterEach(async () => {
  for (const s of running.splice(0)) {
    if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL')
    await s.exited
  }
})

/** GET (or another method) without keep-alive, so no socket outlives the test. */
function call(url: string, method = 'GET'): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false }, (res) => {
      let text = ''
      res.on('data', (c: Buffer) => (text += c.toString()))
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }))
    })
    req.on('error', reject)
    req.end()
  })
}

/** An open Server-Sent Events stream: its events so far, and whether the server ended it. */
interface EventStream {
  readonly events: { event: string; data: any }[]
  ended: boolean
  close(): void
}

function openEvents(url: string): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent: false }, (res: IncomingMessage) => {
      expect(res.headers['content-type']).toBe('text/event-stream')
      const stream: EventStream = { events: [], ended: false, close: () => req.destroy() }
      let buffer = ''
      res.on('data', (c: Buffer) => {
        buffer += c.toString()
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const event = /^event: (.*)$/m.exec(block)?.[1]
          const data = /^data: (.*)$/m.exec(block)?.[1]
          if (event !== undefined && data !== undefined) stream.events.push({ event, data: JSON.parse(data) })
        }
      })
      res.on('end', () => (stream.ended = true))
      resolve(stream)
    })
    req.on('error', reject)
  })
}

const trade = (symbol: string, id: string, p: string, q: string, T: bigint) => ({ ...wireTrade(symbol, id), p, q, T })

describe('against a simulator the test drives', () => {
  let sim: DexSimulator
  let service: Service

  beforeEach(async () => {
    sim = await DexSimulator.start({ market: false })
    service = await startService(['--url', sim.url, '--symbols', `${SYM},${OTHER}`])
    await waitUntil(
      () => [SYM, OTHER].every((s) => ['trades', 'marketDepth', 'marketDiff'].every((t) => sim.hasSubscribers(t, s))),
      'the service subscribed every stream of both symbols',
    )
  })

  afterEach(() => sim.stop())

  it('computes per-minute VWAP and volume by trade time, exactly, and serves them as JSON', async () => {
    sim.publish('trades', [
      trade(SYM, '1-0', '2.00000000', '1.00000000', T0),
      trade(SYM, '1-1', '4.00000000', '3.00000000', T0 + 1n),
      trade(SYM, '1-2', '1.00000000', '0.50000000', T0 + MINUTE_NS), // the next minute
      trade(OTHER, '1-3', '9.00000000', '1.00000000', T0),
    ])
    const metrics = async () => (await call(`${service.url}metrics/${SYM}`)).body
    await until(async () => (await metrics()).minutes.length === 2, 'both minutes were counted')
    expect(await metrics()).toEqual({
      symbol: SYM,
      spread: null,
      minutes: [
        { symbol: SYM, minute: '2019-04-11T06:29:00.000Z', trades: 2, volume: '4.00000000', quoteVolume: '14.00000000', vwap: '3.50000000' },
        { symbol: SYM, minute: '2019-04-11T06:30:00.000Z', trades: 1, volume: '0.50000000', quoteVolume: '0.50000000', vwap: '1.00000000' },
      ],
    })
    const all = (await call(`${service.url}metrics`)).body
    expect(Object.keys(all)).toEqual([SYM, OTHER])
    expect(all[OTHER].minutes).toEqual([
      { symbol: OTHER, minute: '2019-04-11T06:29:00.000Z', trades: 1, volume: '1.00000000', quoteVolume: '9.00000000', vwap: '9.00000000' },
    ])
  })

  it('keeps the spread from the order book and pushes minutes and spreads as Server-Sent Events', async () => {
    const events = await openEvents(`${service.url}events?symbol=${SYM}`)
    await until(async () => (await call(`${service.url}health`)).body.clients === 1, 'the event client is counted')

    sim.publish('trades', [trade(OTHER, '2-0', '9.00000000', '1.00000000', T0)]) // filtered out: other symbol
    sim.publish('marketDepth', { ...depth(SYM), bids: [['3.00000000', '1.00000000']], asks: [['3.50000000', '2.00000000']] })
    await waitUntil(() => events.events.length === 1, 'the first spread event')
    sim.publish('marketDiff', { ...diff(SYM), b: [['3.20000000', '1.00000000']], a: [] })
    sim.publish('trades', [trade(SYM, '2-1', '3.30000000', '2.00000000', T0)])
    await waitUntil(() => events.events.length === 3, 'the second spread and the minute')

    expect(events.events).toEqual([
      { event: 'spread', data: { symbol: SYM, bid: '3.00000000', ask: '3.50000000', spread: '0.50000000', inSync: true } },
      { event: 'spread', data: { symbol: SYM, bid: '3.20000000', ask: '3.50000000', spread: '0.30000000', inSync: true } },
      {
        event: 'minute',
        data: { symbol: SYM, minute: '2019-04-11T06:29:00.000Z', trades: 1, volume: '2.00000000', quoteVolume: '6.60000000', vwap: '3.30000000' },
      },
    ])
    expect((await call(`${service.url}metrics/${SYM}`)).body.spread).toEqual(events.events[1].data)

    events.close() // a client going away is forgotten
    await until(async () => (await call(`${service.url}health`)).body.clients === 0, 'the event client is gone')
  })

  it('answers what it does not serve with JSON errors', async () => {
    expect(await call(`${service.url}metrics/NOPE_BNB`)).toEqual({ status: 404, body: { error: 'unknown symbol NOPE_BNB' } })
    expect(await call(`${service.url}events?symbol=NOPE_BNB`)).toEqual({ status: 404, body: { error: 'unknown symbol NOPE_BNB' } })
    expect(await call(`${service.url}nothing`)).toEqual({ status: 404, body: { error: 'not found' } })
    expect(await call(`${service.url}metrics`, 'POST')).toEqual({ status: 405, body: { error: 'method not allowed' } })
    expect(await call(`${service.url}health`)).toEqual({ status: 200, body: { connection: 'open', clients: 0, failures: [] } })
  })

  it('SIGTERM: ends the event streams, closes the DexSocket and the server, and exits by itself with 0', async () => {
    const events = await openEvents(`${service.url}events`)
    await until(async () => (await call(`${service.url}health`)).body.clients === 1, 'the event client is counted')
    service.child.kill('SIGTERM')
    expect(await service.exited).toBe(0)
    expect(service.output()).toMatch(/SIGTERM: draining\nstopped\n$/)
    await waitUntil(() => events.ended, 'the server ended the event stream')
    expect(events.events.at(-1)).toEqual({ event: 'end', data: {} })
    await waitUntil(() => sim.connections().length === 0, 'the service closed its connection to the simulator')
  })
})

it('SIGINT: with its own simulator, serves live figures, then shuts down and exits with 0', async () => {
  const service = await startService(['--seed', '7'])
  await until(async () => {
    const metrics = (await call(`${service.url}metrics`)).body
    return Object.values(metrics).some((m: any) => m.minutes.length > 0 && m.spread !== null)
  }, 'live minutes and spreads from the simulated market')
  const metrics = (await call(`${service.url}metrics`)).body
  for (const { minutes, spread } of Object.values(metrics) as any[]) {
    for (const m of minutes) expect(m.vwap).toMatch(/^\d+\.\d{8}$/)
    if (spread) expect(Number(spread.ask)).toBeGreaterThan(Number(spread.bid))
  }
  service.child.kill('SIGINT')
  expect(await service.exited).toBe(0)
  expect(service.output()).toMatch(/SIGINT: draining\nstopped\n$/)
})

/** Polls an async condition. */
async function until(cond: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}
