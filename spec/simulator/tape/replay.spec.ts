import { firstValueFrom, take, toArray } from 'rxjs'
import { framesOf } from './framesOf'
import WebSocket from 'ws'
import { DexSocket } from '../../../src/DexSocket'
import { parseFrame } from '../../../src/internal/parseFrame'
import { DexSimulator } from '../../../src/simulator'
import { startInProcess, type InProcessSimulator } from '../../../src/simulator/inProcess'
import type { Tape } from '../../../src/simulator/tape/tape'
import { MARKET_STREAMS, recordSession } from './recordSession'

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
