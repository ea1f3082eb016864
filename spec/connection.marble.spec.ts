import fc from 'fast-check'
import { TestScheduler } from 'rxjs/testing'
import { Subject } from 'rxjs'
import { backoffDelay } from '../src/internal/backoff'
import { Connection, type ConnectionConfig } from '../src/internal/Connection'
import type { ConnectionStatus } from '../src/internal/types'
import type { DexError } from '../src/errors'
import { MockWebSocket } from './helpers/MockWebSocket'

// Timing logic of one connection in virtual time: backoff, keepAlive, stale and ping watchdogs, queueing.

let scheduler: TestScheduler
beforeEach(() => {
  scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected))
  MockWebSocket.reset()
})

/** One letter per state in the marble diagrams. */
const LETTER: Record<ConnectionStatus['state'], string> = {
  connecting: 'c',
  open: 'o',
  reconnecting: 'r',
  reconnected: 'd',
  closed: 'x',
}

interface Harness {
  conn: Connection
  statuses: Subject<string>
  statusLog: ConnectionStatus[]
  errors: DexError[]
  failed: DexError[]
  idle: number
}

function harness(over: Partial<ConnectionConfig> = {}): Harness {
  const statuses = new Subject<string>()
  const h: Harness = { statuses, statusLog: [], errors: [], failed: [], idle: 0 } as never
  h.conn = new Connection(
    {
      name: 'market',
      url: 'ws://test/api/ws',
      WebSocketCtor: MockWebSocket as never,
      reconnect: { initialDelayMs: 500, maxDelayMs: 4000, maxAttempts: Infinity },
      keepAliveIntervalMs: 1000,
      staleAfterMs: 300,
      connectTimeoutMs: Infinity,
      pingTimeoutMs: 600,
      maxMessageBytes: 1024 * 1024,
      scheduler,
      random: () => 1,
      log: {},
      ...over,
    },
    {
      frame: () => {},
      status: (s) => {
        h.statusLog.push(s)
        statuses.next(LETTER[s.state])
      },
      error: (e) => h.errors.push(e),
      failed: (e) => h.failed.push(e),
      idle: () => h.idle++,
    },
  )
  return h
}

/** Makes every socket the connection creates fail right away. */
function refuseEverything(): void {
  const push = MockWebSocket.sockets.push.bind(MockWebSocket.sockets)
  MockWebSocket.sockets.push = (...socks: MockWebSocket[]) => {
    for (const s of socks) scheduler.schedule(() => s.fail(), 0)
    return push(...socks)
  }
}

describe('backoff', () => {
  it('doubles the ceiling from 2 x initialDelayMs up to maxDelayMs', () => {
    const cfg = { initialDelayMs: 500, maxDelayMs: 4000, maxAttempts: Infinity }
    expect([1, 2, 3, 4, 5, 20, 2000].map((n) => backoffDelay(cfg, n, () => 1))).toEqual([
      1000, 2000, 4000, 4000, 4000, 4000, 4000,
    ])
    expect([1, 2, 3].map((n) => backoffDelay(cfg, n, () => 0))).toEqual([500, 500, 500])
  })

  it('keeps every jittered delay within [initialDelayMs, min(maxDelayMs, initial * 2^n)]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        (initialDelayMs, extra, attempt, r) => {
          const maxDelayMs = initialDelayMs + extra
          const d = backoffDelay({ initialDelayMs, maxDelayMs, maxAttempts: Infinity }, attempt, () => r)
          const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** attempt)
          return d >= initialDelayMs && d <= Math.ceil(ceiling)
        },
      ),
    )
  })

  it('retries a refused connection on the backoff schedule, capped at maxDelayMs', () => {
    scheduler.run(({ expectObservable }) => {
      refuseEverything()
      const h = harness()
      expectObservable(h.statuses).toBe('(cr) 996ms r 1999ms r 3999ms r 3999ms r 3999ms r 3999ms x')
      scheduler.schedule(() => h.conn.add({ topic: 'trades', symbol: 'A_B' }), 0)
      scheduler.schedule(() => h.conn.close(), 19_000)
      // c(onnecting), then r(econnecting) after each failure: waits 1000, 2000, 4000, 4000 (capped) ...; x: closed
    })
    expect(MockWebSocket.sockets.length).toBe(6)
  })

  it('errors the streams once maxAttempts failures in a row are used up', () => {
    scheduler.run(() => {
      refuseEverything()
      const h = harness({ reconnect: { initialDelayMs: 100, maxDelayMs: 100, maxAttempts: 2 } })
      h.conn.add({ topic: 'trades', symbol: 'A_B' })
      scheduler.flush()
      expect(h.failed).toHaveLength(1)
      expect(h.failed[0].message).toMatch(/gave up after 2 reconnection attempts/)
      expect(MockWebSocket.sockets).toHaveLength(3)
      expect(h.statusLog.at(-1)).toMatchObject({ state: 'closed', error: h.failed[0] })
    })
  })

  it('starts the failure count over once a connection opens and delivers a frame', () => {
    scheduler.run(() => {
      const h = harness({ reconnect: { initialDelayMs: 100, maxDelayMs: 100, maxAttempts: 1 } })
      h.conn.add({ topic: 'trades', symbol: 'A_B' })
      for (let round = 0; round < 5; round++) {
        const s = MockWebSocket.last
        s.open()
        s.message('{}')
        s.serverClose()
        scheduler.flush()
      }
      expect(h.failed).toHaveLength(0)
      expect(MockWebSocket.sockets).toHaveLength(6)
      h.conn.close()
    })
  })

  it('counts a connection that opens but never delivers as a failure', () => {
    scheduler.run(() => {
      const h = harness({ reconnect: { initialDelayMs: 100, maxDelayMs: 100, maxAttempts: 1 } })
      h.conn.add({ topic: 'trades', symbol: 'A_B' })
      MockWebSocket.last.open()
      MockWebSocket.last.serverClose()
      scheduler.flush()
      MockWebSocket.last.open()
      MockWebSocket.last.serverClose()
      expect(h.failed).toHaveLength(1)
    })
  })

  it('with reconnect off, a drop fails at once', () => {
    scheduler.run(() => {
      const h = harness({ reconnect: false })
      h.conn.add({ topic: 'trades', symbol: 'A_B' })
      MockWebSocket.last.open()
      MockWebSocket.last.serverClose()
      expect(h.failed).toHaveLength(1)
      expect(h.failed[0].message).toMatch(/reconnection is off/)
      scheduler.flush()
      expect(MockWebSocket.sockets).toHaveLength(1)
    })
  })
})

describe('keepAlive', () => {
  it('is sent on a fixed timer on an idle connection', () => {
    scheduler.run(() => {
      const h = harness({ staleAfterMs: 1e9 })
      h.conn.add({ topic: 'orders' })
      MockWebSocket.last.open()
      scheduler.schedule(() => h.conn.close(), 3500)
      scheduler.flush()
      expect(MockWebSocket.last.sent.filter((m) => m === '{"method":"keepAlive"}')).toHaveLength(3)
    })
  })

  it('is sent on time on a busy connection too', () => {
    scheduler.run(({ cold }) => {
      const h = harness({ staleAfterMs: 1e9 })
      h.conn.add({ topic: 'trades', symbol: 'A_B' })
      const socket = MockWebSocket.last
      socket.open()
      const times: number[] = []
      const send = socket.send.bind(socket)
      socket.send = (d: string) => {
        if (d.includes('keepAlive')) times.push(scheduler.now())
        send(d)
      }
      cold('-a'.repeat(1500)).subscribe(() => socket.message('{}'))
      scheduler.schedule(() => h.conn.close(), 3500)
      scheduler.flush()
      expect(times).toEqual([1000, 2000, 3000])
    })
  })
})

describe('stale detection', () => {
  it('reconnects a connection whose periodic stream goes silent for staleAfterMs', () => {
    scheduler.run(({ expectObservable }) => {
      const h = harness()
      // silent from 100: stale at 400, reconnect after 1000 ms at 1400 (the new socket never opens)
      expectObservable(h.statuses).toBe('(co) 396ms r 1099ms x')
      scheduler.schedule(() => {
        h.conn.add({ topic: 'blockheight', symbol: '$all' })
        MockWebSocket.last.open()
      }, 0)
      scheduler.schedule(() => MockWebSocket.last.message('{}'), 100)
      scheduler.schedule(() => h.conn.close(), 1500)
    })
    expect(MockWebSocket.sockets[0].terminated).toBe(true)
    expect(MockWebSocket.sockets).toHaveLength(2)
  })

  it('never calls a pure user-stream connection stale', () => {
    scheduler.run(() => {
      const h = harness({ pingTimeoutMs: 1e9 })
      h.conn.add({ topic: 'orders' })
      MockWebSocket.last.open()
      scheduler.schedule(() => h.conn.close(), 10_000)
      scheduler.flush()
      expect(h.errors).toHaveLength(0)
      expect(MockWebSocket.sockets).toHaveLength(1)
    })
  })

  it('measures silence from when a periodic stream was added, not from the last frame before it', () => {
    scheduler.run(() => {
      const h = harness({ pingTimeoutMs: 1e9 })
      h.conn.add({ topic: 'orders' })
      MockWebSocket.last.open()
      scheduler.schedule(() => h.conn.add({ topic: 'trades', symbol: 'A_B' }), 5000)
      scheduler.schedule(() => expect(h.errors).toHaveLength(0), 5299)
      scheduler.schedule(() => expect(h.errors).toHaveLength(1), 5301)
      scheduler.schedule(() => h.conn.close(), 5400)
    })
  })

  it('treats missing server pings as a dead connection once pings were seen', () => {
    scheduler.run(() => {
      const h = harness({ staleAfterMs: 1e9 })
      h.conn.add({ topic: 'orders' })
      const socket = MockWebSocket.last
      socket.open()
      scheduler.schedule(() => socket.ping(), 100)
      scheduler.schedule(() => socket.ping(), 400)
      scheduler.schedule(() => expect(h.errors).toHaveLength(0), 999)
      scheduler.schedule(() => expect(h.errors.map((e) => e.message)).toEqual([expect.stringMatching(/no server ping for 600 ms/)]), 1001)
      scheduler.schedule(() => h.conn.close(), 1100)
    })
    expect(MockWebSocket.sockets[0].listenerCount).toBe(0)
  })

  it('reports downtime from the last frame on reconnected', () => {
    let h!: Harness
    scheduler.run(() => {
      h = harness()
      h.conn.add({ topic: 'trades', symbol: 'A_B' })
      MockWebSocket.last.open()
      scheduler.schedule(() => MockWebSocket.last.message('{}'), 50)
      scheduler.schedule(() => MockWebSocket.last.open(), 2000)
      scheduler.schedule(() => h.conn.close(), 2100)
    })
    // silent from 50, stale at 350, reopened at 2000: data was missing for 1950 ms
    expect(h.statusLog.map((s) => s.state)).toEqual(['connecting', 'open', 'reconnecting', 'reconnected', 'closed'])
    expect(h.statusLog[3]).toEqual({ connection: expect.any(String), state: 'reconnected', downtimeMs: 1950 })
  })
})

describe('subscriptions across (re)connects', () => {
  it('collapses subscribe then unsubscribe while connecting into nothing', () => {
    scheduler.run(() => {
      const h = harness()
      h.conn.add({ topic: 'trades', symbol: 'A_B' })
      h.conn.add({ topic: 'trades', symbol: 'C_D' })
      h.conn.remove({ topic: 'trades', symbol: 'C_D' })
      h.conn.add({ topic: 'orders' })
      h.conn.remove({ topic: 'orders' })
      MockWebSocket.last.open()
      expect(MockWebSocket.last.messages).toEqual([{ method: 'subscribe', topic: 'trades', symbols: ['A_B'] }])
      h.conn.close()
    })
  })

  it('re-sends every active subscription exactly once after a drop', () => {
    scheduler.run(() => {
      const h = harness({ staleAfterMs: 1e9 })
      h.conn.add({ topic: 'trades', symbol: 'A_B' })
      h.conn.add({ topic: 'kline_1m', symbol: 'A_B' })
      MockWebSocket.last.open()
      h.conn.add({ topic: 'trades', symbol: 'C_D' })
      MockWebSocket.last.serverClose()
      h.conn.remove({ topic: 'kline_1m', symbol: 'A_B' }) // while down: never re-sent
      scheduler.flush()
      MockWebSocket.last.open()
      expect(MockWebSocket.last.messages).toEqual([{ method: 'subscribe', topic: 'trades', symbols: ['A_B', 'C_D'] }])
      h.conn.close()
    })
  })

  it('sends the unsubscribe and closes the socket when the last subscription goes, leaving no timers', () => {
    scheduler.run(() => {
      const h = harness()
      h.conn.add({ topic: 'trades', symbol: 'A_B' })
      MockWebSocket.last.open()
      h.conn.remove({ topic: 'trades', symbol: 'A_B' })
      expect(MockWebSocket.last.messages.at(-1)).toEqual({ method: 'unsubscribe', topic: 'trades', symbols: ['A_B'] })
      expect(MockWebSocket.last.closedByClient).toBe(true)
      expect(h.idle).toBe(1)
      expect((scheduler as any).actions).toHaveLength(0)
    })
  })

  it('close() sends {"method":"close"} and leaves no timers even while waiting to reconnect', () => {
    scheduler.run(() => {
      const h = harness()
      h.conn.add({ topic: 'trades', symbol: 'A_B' })
      MockWebSocket.last.open()
      h.conn.close()
      expect(MockWebSocket.last.sent.at(-1)).toBe('{"method":"close"}')
      expect((scheduler as any).actions).toHaveLength(0)

      const h2 = harness()
      h2.conn.add({ topic: 'trades', symbol: 'A_B' })
      MockWebSocket.last.open()
      MockWebSocket.last.serverClose()
      expect((scheduler as any).actions.length).toBeGreaterThan(0)
      h2.conn.close()
      expect((scheduler as any).actions).toHaveLength(0)
    })
  })

  it('sends user-topic subscribes with the address and unsubscribes with the topic', () => {
    scheduler.run(() => {
      const h = harness({ address: 'tbnb1xyz', name: 'tbnb1xyz' })
      h.conn.add({ topic: 'orders' })
      h.conn.add({ topic: 'accounts' })
      MockWebSocket.last.open()
      h.conn.remove({ topic: 'orders' })
      expect(MockWebSocket.last.messages).toEqual([
        { method: 'subscribe', topic: 'orders', address: 'tbnb1xyz' },
        { method: 'subscribe', topic: 'accounts', address: 'tbnb1xyz' },
        { method: 'unsubscribe', topic: 'orders' },
      ])
      h.conn.close()
    })
  })
})

describe('connectTimeoutMs', () => {
  it('counts a handshake that never completes as a failed attempt, on the backoff schedule', () => {
    scheduler.run(({ expectObservable }) => {
      const h = harness({ connectTimeoutMs: 300, reconnect: { initialDelayMs: 500, maxDelayMs: 500, maxAttempts: 2 } })
      // c: connecting; each handshake times out after 300 ms (r), the next attempt starts 500 ms later;
      // the third timeout uses up maxAttempts (x).
      expectObservable(h.statuses).toBe('c 299ms r 799ms r 799ms x')
      scheduler.schedule(() => h.conn.add({ topic: 'trades', symbol: 'A_B' }), 0)
    })
    expect(MockWebSocket.sockets).toHaveLength(3)
    expect(MockWebSocket.sockets.every((s) => s.terminated)).toBe(true)
    expect(MockWebSocket.sockets.every((s) => s.onopen === null && s.onmessage === null && s.onclose === null)).toBe(true)
    expect(MockWebSocket.sockets.every((s) => s.listenerCount === 0)).toBe(true)
  })

  it('is cancelled once the socket opens', () => {
    scheduler.run(({ expectObservable }) => {
      const h = harness({ connectTimeoutMs: 300, staleAfterMs: 1e9, pingTimeoutMs: 1e9 })
      expectObservable(h.statuses).toBe('c 199ms o 1799ms x')
      scheduler.schedule(() => h.conn.add({ topic: 'trades', symbol: 'A_B' }), 0)
      scheduler.schedule(() => MockWebSocket.last.open(), 200)
      scheduler.schedule(() => h.conn.close(), 2000)
    })
    expect(MockWebSocket.sockets).toHaveLength(1)
    expect(MockWebSocket.last.terminated).toBe(false)
  })

  it('reports the timeout as a DexConnectionError without a close code', () => {
    scheduler.run(() => {
      const h = harness({ connectTimeoutMs: 300, reconnect: false })
      h.conn.add({ topic: 'trades', symbol: 'A_B' })
      scheduler.flush()
      expect(h.errors).toHaveLength(1)
      expect(h.errors[0].message).toMatch(/no handshake within 300 ms/)
      expect(h.failed[0]).toMatchObject({ name: 'DexConnectionError', connection: 'market', code: undefined })
    })
  })
})

describe('close codes', () => {
  it.each([
    [1000, 'keepAlive expired', true],
    [1001, 'going away', true],
    [1011, 'internal error', false],
    [4000, 'custom', true],
  ])('keeps code %i and its reason on the error and on status$', (code, reason, wasClean) => {
    scheduler.run(() => {
      const h = harness({ reconnect: { initialDelayMs: 100, maxDelayMs: 100, maxAttempts: 0 } })
      h.conn.add({ topic: 'trades', symbol: 'A_B' })
      MockWebSocket.last.open()
      MockWebSocket.last.readyState = 3
      MockWebSocket.last.onclose?.({ code, reason, wasClean })
      expect(h.errors[0]).toMatchObject({ code, reason })
      expect(h.errors[0].message).toContain(`code ${code} (${reason})`)
      expect(h.failed[0]).toMatchObject({ code, reason })
      expect(h.statusLog.at(-1)).toMatchObject({ state: 'closed', code, reason })
    })
  })

  it('puts the code on the reconnecting status too', () => {
    scheduler.run(() => {
      const h = harness()
      h.conn.add({ topic: 'trades', symbol: 'A_B' })
      MockWebSocket.last.open()
      MockWebSocket.last.serverClose(1001)
      expect(h.statusLog.at(-1)).toMatchObject({ state: 'reconnecting', code: 1001, reason: '' })
      h.conn.close()
    })
  })
})
