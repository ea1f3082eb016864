import { DexConnectionError } from '../../src'
import { CASES, TOPICS, heightFrame, problems, reported, tradeText, tradesFrame } from './cases'
import { HostileServer, SilentServer } from './hostileServer'
import { Client } from './observe'

// The real client against a server that sends what no polite server would. For every case errors$ and status$
// must say what happened, and both the victim stream and a second, healthy stream on the same connection must
// keep delivering. Nothing may reach the process either: jest-circus owns the process's uncaughtException and
// unhandledRejection handlers while a test runs (listeners a test adds there never fire) and fails the running
// test with whatever escapes; hostile.child.spec.ts checks the same in a plain Node process with no handlers.

let server: HostileServer
const clients: Client[] = []
/** Case -> what the client reported, read when the suite ends (so a case that hung still shows its state). */
const table = new Map<string, () => string>()

beforeAll(async () => {
  server = await HostileServer.start()
})

afterEach(() => {
  for (const client of clients.splice(0)) client.close()
})

afterAll(async () => {
  await server.stop()
  const rows = [...table].map(([name, row]) => `${name.padEnd(32)} ${row()}`)
  console.log(`hostile server -> what the client (src/) reported\n${rows.join('\n')}`)
})

describe.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', (_name, c, i) => {
  test('is reported on errors$/status$, reaches nothing else, and every stream goes on', async () => {
    const before = server.accepted
    const client = new Client(server.url)
    clients.push(client)
    client.streams()
    await server.subscribed(TOPICS, before)

    const afterTrade = `after-${i}`
    const afterHeight = 1_000 + i
    const reconnectedFrom = server.accepted
    c.act(server)
    if (c.drops) await server.subscribed(TOPICS, reconnectedFrom)
    server.send(tradesFrame(tradeText(afterTrade)))
    server.send(heightFrame(afterHeight))
    table.set(
      c.name,
      () => reported(client.seen) + (client.ended.length > 0 ? ` | ended: ${client.ended.join('; ')}` : ''),
    )
    await client.until((seen) => seen.heights.includes(afterHeight) && seen.trades.includes(afterTrade))
    expect(problems(c, client.seen, afterTrade, afterHeight)).toEqual([])
    expect(client.ended).toEqual([])
  }, 20_000)
})

describe('a TCP server that never answers the upgrade', () => {
  let silent: SilentServer
  beforeAll(async () => {
    silent = await SilentServer.start()
  })
  afterAll(() => silent.stop())

  test('each handshake times out as a failed attempt, with backoff, until maxAttempts ends the streams', async () => {
    const client = new Client(silent.url, {
      reconnect: { initialDelayMs: 10, maxDelayMs: 20, maxAttempts: 2 },
      connectTimeoutMs: 300,
    })
    clients.push(client)
    client.tolerateEnds = true
    client.streams()
    table.set(
      'silent TCP (never upgrades)',
      () => `${reported(client.seen)} | ended: ${client.ended.join('; ') || '-'}`,
    )
    await client.until(() => client.ended.length === 2)

    expect(client.endErrors).toHaveLength(2)
    for (const error of client.endErrors) expect(error).toBeInstanceOf(DexConnectionError)
    const states = client.seen.statuses.map((s) => s.state)
    expect(states[0]).toBe('connecting')
    expect(states).toContain('reconnecting')
    expect(states).not.toContain('open')
    expect(client.seen.statuses.find((s) => s.state === 'reconnecting')?.attempt).toBe(1)
    expect(client.seen.errors.length).toBeGreaterThanOrEqual(1)
    for (const error of client.seen.errors)
      expect(error).toEqual(expect.objectContaining({ name: 'DexConnectionError', connection: 'market' }))
    // The first attempt and at least one retry reached the server.
    expect(silent.accepted).toBeGreaterThanOrEqual(2)
  }, 20_000)
})
