import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { firstValueFrom, take, toArray } from 'rxjs'
import WebSocket from 'ws'
import { DexSocket } from '../../../src/DexSocket'
import { parseFrame } from '../../../src/internal/parseFrame'
import { DexSimulator } from '../../../src/simulator'
import { startInProcess, type InProcessSimulator } from '../../../src/simulator/inProcess'
import { tapeEntryLine, tapeHeaderLine, type Tape } from '../../../src/simulator/tape/tape'
import { TAPE_ENDED } from '../../../src/simulator/tape/TapeReplay'
import { MARKET_STREAMS, recordSession } from './recordSession'
import { framesOf } from './framesOf'

let session: { text: string; tape: Tape; address: string }
const running: (DexSimulator | InProcessSimulator)[] = []
const sockets: { terminate(): void }[] = []

beforeAll(async () => {
  session = await recordSession(12)
})
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate()
  await Promise.all(running.splice(0).map((sim) => sim.stop()))
})

async function replaying(options: { speed?: number; loop?: boolean } = {}): Promise<DexSimulator> {
  const sim = await DexSimulator.start({ replay: { tape: session.text, ...options } })
  running.push(sim)
  return sim
}

/** A raw `ws` client that collects every text frame until it has `count`. */
function collect(url: string, count: number): Promise<string[]> {
  const ws = new WebSocket(url)
  sockets.push(ws)
  const texts: string[] = []
  return new Promise((resolve, reject) => {
    ws.on('message', (data) => {
      texts.push(data.toString())
      if (texts.length === count) resolve(texts)
    })
    ws.on('error', reject)
  })
}

const streamOf = (frame: string): string => (parseFrame(frame) as { stream: string }).stream

describe('record and replay', () => {
  it('records every stream, user topics on their own connection, with non-decreasing times', () => {
    const { tape, address } = session
    expect(tape.header).toMatchObject({ tape: 1, streams: [...MARKET_STREAMS, address] })
    expect(Number.isNaN(Date.parse(tape.header.start))).toBe(false)
    const streams = new Set(framesOf(tape).map((e) => streamOf(e.frame)))
    for (const topic of ['trades', 'marketDiff', 'marketDepth', 'blockheight', 'orders', 'accounts']) {
      expect(streams).toContain(topic)
    }
    for (const e of framesOf(tape)) {
      const userTopic = ['orders', 'accounts', 'transfers'].includes(streamOf(e.frame))
      expect(e.conn).toBe(userTopic ? address : 'market')
    }
    const times = framesOf(tape).map((e) => e.at)
    expect(times).toEqual([...times].sort((a, b) => a - b))
    // Orders carry 19-digit nanosecond times; the tape keeps them as text.
    expect(framesOf(tape).some((e) => /"T":\d{19}/.test(e.frame))).toBe(true)
  })

  it('replays to a raw ws client on a path URL exactly the taped frames, in taped order', async () => {
    const sim = await replaying({ speed: 8 })
    const expected = framesOf(session.tape).map((e) => e.frame)
    const path = [...MARKET_STREAMS, session.address].map(encodeURIComponent).join('/')
    const received = await collect(`${sim.url}stream?streams=${path}`, expected.length)
    expect(received).toEqual(expected)
  })

  it('gives a connection only what it subscribed to, byte for byte', async () => {
    const sim = await replaying({ speed: 8 })
    const expected = framesOf(session.tape)
      .filter((e) => e.conn === 'market' && e.frame.includes('"blockheight"'))
      .map((e) => e.frame)
    const received = await collect(`${sim.url}ws/$all@blockheight`, expected.length)
    expect(received).toEqual(expected)
  })

  it('replays to DexSocket: the taped orders of an address, exact to the nanosecond', async () => {
    const sim = await replaying({ speed: 8 })
    const data = (topic: string) =>
      framesOf(session.tape)
        .map((e) => parseFrame(e.frame) as { stream: string; data: any })
        .filter((f) => f.stream === topic)
        .flatMap((f) => f.data)
    const taped = data('orders')
    expect(taped.length).toBeGreaterThan(0)
    const dex = new DexSocket({ url: sim.url })
    try {
      const orders = await firstValueFrom(dex.orders(session.address).pipe(take(taped.length), toArray()))
      expect(orders.map((o) => [o.orderId, o.status, o.price, o.transactionTime])).toEqual(
        taped.map((o: any) => [o.i, o.X, o.p, o.T]),
      )
      expect(typeof orders[0].transactionTime).toBe('bigint')
    } finally {
      dex.close()
    }
  })

  it('replays to DexSocket: the taped trades of one symbol', async () => {
    const sim = await replaying({ speed: 8 })
    const taped = framesOf(session.tape)
      .map((e) => parseFrame(e.frame) as { stream: string; data: any })
      .filter((f) => f.stream === 'trades')
      .flatMap((f) => f.data)
      .filter((t: any) => t.s === 'BNB_BTCB-1DE')
    expect(taped.length).toBeGreaterThan(0)
    const dex = new DexSocket({ url: sim.url })
    try {
      const trades = await firstValueFrom(dex.trades('BNB_BTCB-1DE').pipe(take(taped.length), toArray()))
      expect(trades.map((t) => [t.tradeId, t.price, t.quantity, t.tradeTime])).toEqual(
        taped.map((t: any) => [t.t, t.p, t.q, t.T]),
      )
    } finally {
      dex.close()
    }
  })

  it('loops: after the last frame the tape starts over', async () => {
    const sim = await replaying({ speed: 16, loop: true })
    const expected = framesOf(session.tape)
      .filter((e) => e.conn === 'market' && e.frame.includes('"blockheight"'))
      .map((e) => e.frame)
    const received = await collect(`${sim.url}ws/$all@blockheight`, expected.length * 2 + 1)
    expect(received).toEqual([...expected, ...expected, expected[0]])
  })

  it('a connection that subscribes mid-tape gets the frames from then on, none of the earlier ones', async () => {
    const sim = await replaying({ speed: 4 })
    const heights = framesOf(session.tape).filter((e) => e.frame.includes('"blockheight"')).map((e) => e.frame)
    const first = new WebSocket(`${sim.url}ws/$all@blockheight`)
    sockets.push(first)
    await new Promise<void>((resolve) => {
      let n = 0
      first.on('message', () => ++n === 3 && resolve())
    })
    const late = await collect(`${sim.url}ws/$all@blockheight`, 1)
    const index = heights.indexOf(late[0])
    // Not the first frames: the late connection joined the shared clock where it was.
    expect(index).toBeGreaterThanOrEqual(3)
  })
})

// The tape is a frame source of the core both simulators share: the in-process one replays it the same.
describe('replay in process', () => {
  function replayingInProcess(speed: number): InProcessSimulator {
    const sim = startInProcess({ replay: { tape: session.text, speed } })
    running.push(sim)
    return sim
  }

  it('replays to an in-process socket on a path URL exactly the taped frames, in taped order', async () => {
    const sim = replayingInProcess(8)
    const expected = framesOf(session.tape).map((e) => e.frame)
    const path = [...MARKET_STREAMS, session.address].map(encodeURIComponent).join('/')
    const socket = new sim.WebSocket(`${sim.url}stream?streams=${path}`)
    sockets.push({ terminate: () => socket.close() })
    const received: string[] = []
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('message', (e) => received.push(e.data) === expected.length && resolve())
      socket.addEventListener('error', (e) => reject(new Error(e.message)))
    })
    expect(received).toEqual(expected)
  })

  it('replays to DexSocket over an in-process socket: the taped orders, to the nanosecond', async () => {
    const sim = replayingInProcess(8)
    const taped = framesOf(session.tape)
      .map((e) => parseFrame(e.frame) as { stream: string; data: any })
      .filter((f) => f.stream === 'orders')
      .flatMap((f) => f.data)
    expect(taped.length).toBeGreaterThan(0)
    const dex = new DexSocket({ url: sim.url, WebSocketCtor: sim.WebSocket })
    try {
      const orders = await firstValueFrom(dex.orders(session.address).pipe(take(taped.length), toArray()))
      expect(orders.map((o) => [o.orderId, o.status, o.price, o.transactionTime])).toEqual(
        taped.map((o: any) => [o.i, o.X, o.p, o.T]),
      )
    } finally {
      dex.close()
    }
  })

  it('has no market, and refuses a market beside a tape', () => {
    const sim = replayingInProcess(1)
    expect(sim.market).toBeUndefined()
    expect(() => startInProcess({ market: {}, replay: { tape: session.text } })).toThrow(/exclude each other/)
  })
})

describe('the end of a replayed tape', () => {
  const ended = { code: TAPE_ENDED.code, reason: TAPE_ENDED.reason }

  /** The close a raw client gets, and the frames before it. */
  function closeOf(ws: { on(event: string, listener: (...args: any[]) => void): unknown }): Promise<{ frames: string[]; code: number; reason: string }> {
    const frames: string[] = []
    return new Promise((resolve) => {
      ws.on('message', (data: Buffer) => frames.push(data.toString()))
      ws.on('close', (code: number, reason: Buffer) => resolve({ frames, code, reason: reason.toString() }))
    })
  }

  it('is said: onEnd once, the connected client closed with 4000 and the reason, and a later one at once', async () => {
    const onEnd = jest.fn()
    const sim = await DexSimulator.start({ replay: { tape: session.text, speed: 16, onEnd } })
    running.push(sim)
    const heights = framesOf(session.tape).filter((e) => e.frame.includes('"blockheight"')).map((e) => e.frame)
    const first = new WebSocket(`${sim.url}ws/$all@blockheight`)
    sockets.push(first)
    expect(await closeOf(first)).toEqual({ frames: heights, ...ended })
    expect(onEnd).toHaveBeenCalledTimes(1)
    expect(onEnd).toHaveBeenCalledWith(undefined)
    const late = new WebSocket(`${sim.url}ws/$all@blockheight`)
    sockets.push(late)
    expect(await closeOf(late)).toEqual({ frames: [], ...ended })
  })

  it('of an unreadable tape closes clients with 1011 and the line, and tells onEnd', async () => {
    const onEnd = jest.fn()
    const lines = session.text.split('\n')
    const broken = [...lines.slice(0, 4), 'not a frame', ...lines.slice(4)]
    const sim = await DexSimulator.start({ replay: { tape: broken, speed: 16, onEnd } })
    running.push(sim)
    const ws = new WebSocket(`${sim.url}ws/$all@blockheight`)
    sockets.push(ws)
    const { code, reason } = await closeOf(ws)
    expect([code, reason]).toEqual([1011, expect.stringMatching(/^not a tape: line 5 is not a frame/)])
    expect(onEnd.mock.calls[0][0].message).toMatch(/line 5/)
  })

  it('in process: the same close, from a tape read as a stream of its file and reopened for each loop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-'))
    try {
      const file = join(dir, 'session.tape')
      writeFileSync(file, session.text)
      const heights = framesOf(session.tape).filter((e) => e.frame.includes('"blockheight"')).map((e) => e.frame)
      const looped = startInProcess({ replay: { tape: () => createReadStream(file, { highWaterMark: 64 }), speed: 32, loop: true } })
      running.push(looped)
      const socket = new looped.WebSocket(`${looped.url}ws/$all@blockheight`)
      const twice = await new Promise<string[]>((resolve) => {
        const got: string[] = []
        socket.addEventListener('message', (e) => got.push(e.data) === heights.length * 2 && resolve(got))
      })
      socket.close()
      expect(twice).toEqual([...heights, ...heights])

      const once = startInProcess({ replay: { tape: createReadStream(file), speed: 32 } })
      running.push(once)
      const closes: [number, string][] = []
      for (let i = 0; i < 2; i++) {
        const client = new once.WebSocket(`${once.url}ws/$all@blockheight`)
        closes.push(await new Promise((resolve) => client.addEventListener('close', (e) => resolve([e.code, e.reason]))))
      }
      expect(closes).toEqual([
        [TAPE_ENDED.code, TAPE_ENDED.reason],
        [TAPE_ENDED.code, TAPE_ENDED.reason],
      ])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('a taped disconnect drops the connections the recording lost; DexSocket reconnects and goes on', async () => {
    const tape = tapeHeaderLine({ start: '2020-01-01T00:00:00.000Z', url: 'test', streams: ['$all@blockheight'] }) +
      [1, 2, 3].map((h) => tapeEntryLine({ at: h * 100, conn: 'market', frame: `{"stream":"blockheight","data":{"h":${h}}}` })).join('') +
      tapeEntryLine({ at: 350, conn: 'market', disconnect: true }) +
      [4, 5].map((h) => tapeEntryLine({ at: 400 + h * 200, conn: 'market', frame: `{"stream":"blockheight","data":{"h":${h}}}` })).join('')
    const sim = await DexSimulator.start({ replay: { tape } })
    running.push(sim)
    const dex = new DexSocket({ url: sim.url, reconnect: { initialDelayMs: 0, maxDelayMs: 0 } })
    try {
      const states: string[] = []
      dex.status$.subscribe((s) => states.push(s.state))
      const heights = await firstValueFrom(dex.blockHeight().pipe(take(4), toArray()))
      // Height 3 went out just before the drop; 4 and 5 come on the new connection (the first of them may
      // fall in the reconnection's gap, as from a live server).
      expect(heights.slice(0, 3)).toEqual([1, 2, 3])
      expect(heights[3]).toBeGreaterThanOrEqual(4)
      expect(states).toContain('reconnecting')
    } finally {
      dex.close()
    }
  })
})
