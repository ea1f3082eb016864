import { firstValueFrom, take, toArray } from 'rxjs'
import { DexSocket, type DexLogger } from '../src'
import { startSim, waitUntil, type SimHarness } from './helpers/simHarness'
import * as w from './helpers/wireSamples'

// The `logger` option, through the real client against the simulator on 127.0.0.1.

type Line = { level: keyof DexLogger; message: string; details?: Record<string, unknown> }

function recorder(): { logger: DexLogger; lines: Line[] } {
  const lines: Line[] = []
  const at = (level: keyof DexLogger) => (message: string, details?: Record<string, unknown>) =>
    lines.push({ level, message, details })
  return { logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines }
}

let h: SimHarness
beforeEach(async () => {
  h = await startSim()
})
afterEach(async () => {
  await h.stop()
})

it('logs the lifecycle at info, raw frames in and out at debug, a drop at warn', async () => {
  const { logger, lines } = recorder()
  const dex = new DexSocket({ url: h.sim.url, logger, reconnect: { initialDelayMs: 10, maxDelayMs: 20 } })
  const statuses: string[] = []
  dex.status$.subscribe((s) => statuses.push(s.state))
  const trades = firstValueFrom(dex.trades(w.SYM).pipe(take(2), toArray()))
  await waitUntil(() => h.sim.hasSubscribers('trades', w.SYM), 'the trades subscription arrived')
  h.sim.publish('trades', [w.trade()])
  await waitUntil(() => lines.some((l) => l.level === 'debug' && /received/.test(l.message)), 'a received frame was logged')
  h.sim.dropConnections({ code: 1011 })
  await waitUntil(() => statuses.includes('reconnected'), 'the connection came back')
  await waitUntil(() => h.sim.hasSubscribers('trades', w.SYM), 'the subscription was sent again')
  h.sim.publish('trades', [w.trade()])
  await trades
  dex.close()

  const info = lines.filter((l) => l.level === 'info').map((l) => l.message)
  expect(info[0]).toBe(`connection "market" connecting to ${h.sim.url.replace(/\/$/, '')}/ws`)
  expect(info).toContain('connection "market" open')
  expect(info.some((m) => /^connection "market" reconnecting in \d+ ms \(attempt 1\)$/.test(m))).toBe(true)
  expect(info.some((m) => /^connection "market" reconnected after \d+ ms$/.test(m))).toBe(true)
  expect(info.at(-1)).toBe('connection "market" closed: no subscriptions left')
  const warn = lines.filter((l) => l.level === 'warn')
  expect(warn).toHaveLength(1)
  expect(warn[0].message).toMatch(/dropped: closed with code 1011/)
  expect(warn[0].details).toMatchObject({ connection: 'market', code: 1011 })
  const sent = lines.filter((l) => l.level === 'debug' && /sent/.test(l.message)).map((l) => l.details?.frame)
  expect(sent).toContain(`{"method":"subscribe","topic":"trades","symbols":["${w.SYM}"]}`)
  const received = lines.filter((l) => l.level === 'debug' && /received/.test(l.message)).map((l) => l.details?.frame)
  expect(received.filter((f) => typeof f === 'string' && f.includes('"stream":"trades"'))).toHaveLength(2)
  expect(lines.filter((l) => l.level === 'error')).toEqual([])
})

it('logs rejected frames at warn and a connection given up at error', async () => {
  const { logger, lines } = recorder()
  const dex = new DexSocket({ url: h.sim.url, logger, reconnect: false })
  const failed = new Promise((resolve) => dex.blockHeight().subscribe({ error: resolve }))
  await waitUntil(() => h.sim.hasSubscribers('blockheight', '$all'), 'the blockheight subscription arrived')
  h.sim.sendRaw('not json')
  await waitUntil(() => lines.some((l) => l.level === 'warn'), 'the bad frame was logged')
  h.sim.dropConnections({ code: 4000 })
  await failed
  dex.close()
  expect(lines.filter((l) => l.level === 'warn').map((l) => l.message)[0]).toMatch(/^Malformed JSON frame/)
  const errors = lines.filter((l) => l.level === 'error')
  expect(errors).toHaveLength(1)
  expect(errors[0].message).toMatch(/reconnection is off/)
  expect(errors[0].details).toMatchObject({ code: 4000 })
})

it('keeps streaming when the logger throws, and logs nothing by default', async () => {
  const throwing: DexLogger = {
    debug: () => {
      throw new Error('debug broke')
    },
    info: () => {
      throw new Error('info broke')
    },
    warn: () => {
      throw new Error('warn broke')
    },
    error: () => {
      throw new Error('error broke')
    },
  }
  const spies = (['debug', 'info', 'warn', 'error', 'log'] as const).map((m) => jest.spyOn(console, m).mockImplementation(() => {}))
  for (const options of [{ logger: throwing }, {}]) {
    const dex = new DexSocket({ url: h.sim.url, ...options })
    const next = firstValueFrom(dex.trades(w.SYM))
    await waitUntil(() => h.sim.hasSubscribers('trades', w.SYM), 'the trades subscription arrived')
    h.sim.sendRaw('not json')
    h.sim.publish('trades', [w.trade()])
    await expect(next).resolves.toMatchObject({ symbol: w.SYM })
    dex.close()
    await waitUntil(() => !h.sim.hasSubscribers('trades', w.SYM), 'the subscription was released')
  }
  for (const spy of spies) {
    expect(spy).not.toHaveBeenCalled()
    spy.mockRestore()
  }
})

it('rejects a logger that is not an object', () => {
  expect(() => new DexSocket({ url: h.sim.url, logger: 'console' as never })).toThrow(/Invalid logger/)
})
