import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  bufferTime,
  filter,
  lastValueFrom,
  map,
  merge,
  timer,
  toArray,
  type Observable,
  type SchedulerLike,
} from 'rxjs'
import { DexConnectionError, DexInputError, type DexError } from '../../../src'
import type { DexSocket } from '../../../src/DexSocket'
import { stringifyFrame } from '../../../src/internal/parseFrame'
import type { ConnectionStatus } from '../../../src/internal/types'
import { replayTape, type TapeSource } from '../../../src/simulator/inProcess'
import { TapeSocket } from '../../../src/simulator/tape/TapeSocket'
import { depth, diff, OTHER, SYM, trade } from '../../helpers/wireSamples'

const EXAMPLE = readFileSync('examples/tapes/testnet-2019.tape', 'utf8')
const EXAMPLE_ADDRESS = 'tbnb1r4gc5ftrkr9ez2khph4h5xxd0mf0hd75jf06gw'
const START = '2020-01-01T00:00:00.000Z'
const T0 = Date.parse(START)

type Line = readonly [at: number, stream: string, data: unknown] | readonly [at: number, 'disconnect']

/** A tape's text from frames given as `[at, stream, data]` (or `[at, 'disconnect']`), all on the market connection. */
function tapeOf(lines: readonly Line[], header: object = { tape: 1, start: START, url: 'test', streams: [] }): string {
  const body = lines.map((line) =>
    line[1] === 'disconnect'
      ? JSON.stringify({ at: line[0], conn: 'market', disconnect: true })
      : JSON.stringify({ at: line[0], conn: 'market', frame: stringifyFrame({ stream: line[1], data: line[2] }) }),
  )
  return [JSON.stringify(header), ...body, ''].join('\n')
}

const tradeAt = (at: number, id: string, s = SYM): Line => [at, 'trades', [trade(s, id)]]

/** Everything a replay reported, for comparing runs. */
function watch(dex: DexSocket): { errors: DexError[]; status: ConnectionStatus[] } {
  const seen = { errors: [] as DexError[], status: [] as ConnectionStatus[] }
  dex.errors$.subscribe((e) => seen.errors.push(e))
  dex.status$.subscribe((s) => seen.status.push(s))
  return seen
}

const all = <T>(source: Observable<T>): Promise<T[]> => lastValueFrom(source.pipe(toArray()))

/** The frames of the example tape for a stream label (and symbol), as the tape has them. */
function taped(label: string, symbol?: string): string[] {
  return EXAMPLE.split('\n')
    .slice(1)
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l).frame as string)
    .filter((f) => f.startsWith(`{"stream":"${label}"`) && (symbol === undefined || f.includes(`"${symbol}"`)))
}

describe('replayTape over the example tape', () => {
  it('plays every stream, user streams included, and completes each at the end of the tape', async () => {
    const { dex, done } = replayTape(EXAMPLE)
    const symbol = '100K-9BC_BNB'
    const streams = {
      trades: all(dex.trades(symbol)),
      marketDiff: all(dex.marketDiff(symbol)),
      marketDepth: all(dex.marketDepth(symbol)),
      ticker: all(dex.ticker(symbol)),
      blockheight: all(dex.blockHeight()),
      orders: all(dex.orders(EXAMPLE_ADDRESS)),
      accounts: all(dex.accounts(EXAMPLE_ADDRESS)),
      transfers: all(dex.transfers(EXAMPLE_ADDRESS)),
    }
    await done
    for (const [label, events] of Object.entries(streams)) {
      const frames = taped(label, ['orders', 'accounts', 'transfers', 'blockheight'].includes(label) ? undefined : symbol)
      expect(frames.length).toBeGreaterThan(0)
      // A trades or orders frame carries a list; every other frame one event.
      const expected = frames.flatMap((f) => (/^\{"stream":"\w+","data":\[/.test(f) ? JSON.parse(f).data : [f]))
      expect([label, (await events).length]).toEqual([label, expected.length])
    }
    // 19-digit nanosecond times arrive exact, as bigints.
    const [order] = await streams.orders
    expect(order.transactionTime).toBe(1554890366040313451n)
  })

  it('hands the client only the frames of what it subscribed to', async () => {
    const received = jest.spyOn(TapeSocket.prototype, 'receive')
    const { dex, done } = replayTape(EXAMPLE)
    const tickers = all(dex.ticker('BNB_BTC.B-918'))
    await done
    const symbols = new Set((await tickers).map((t) => t.symbol))
    expect([...symbols]).toEqual(['BNB_BTC.B-918'])
    expect((await tickers).length).toBe(taped('ticker', 'BNB_BTC.B-918').length)
    // The other symbol's tickers and every other topic's frames never reached the socket.
    expect(received).toHaveBeenCalledTimes(taped('ticker', 'BNB_BTC.B-918').length)
    received.mockRestore()
  })
})

describe('the clock', () => {
  const windows = (clock: SchedulerLike, dex: DexSocket) =>
    all(dex.trades(SYM).pipe(bufferTime(60_000, clock), map((ts) => ts.map((t) => t.tradeId))))

  it('windows by recorded time at full speed: a timer due at t fires before the first frame after t', async () => {
    const tape = tapeOf([
      tradeAt(0, 'a'),
      tradeAt(30_000, 'b'),
      tradeAt(59_999, 'c'),
      tradeAt(60_000, 'd'),
      tradeAt(60_001, 'e'),
      tradeAt(250_000, 'f'),
    ])
    const { dex, clock, done } = replayTape(tape, { speed: 'max' })
    const result = windows(clock, dex)
    await done
    // Windows close at 60 s (before the frame taped at 60 s), 120, 180 and 240 s; the last one at the end.
    expect(await result).toEqual([['a', 'b', 'c'], ['d', 'e'], [], [], ['f']])
  })

  it('reads recorded time: now() is the start plus the frame\'s at, and work due between frames runs in order', async () => {
    const tape = tapeOf([tradeAt(1_000, 'a'), tradeAt(5_000, 'b')])
    const { dex, clock, done } = replayTape(tape)
    expect(clock.now()).toBe(T0)
    const log: string[] = []
    dex.trades(SYM).subscribe((t) => log.push(`${t.tradeId}@${clock.now() - T0}`))
    merge(timer(3_000, clock).pipe(map(() => 'three')), timer(2_000, clock).pipe(map(() => 'two'))).subscribe(
      (what) => log.push(`${what}@${clock.now() - T0}`),
    )
    // Due after the last frame: never runs, and holds nothing open.
    timer(10_000, clock).subscribe(() => log.push('late'))
    await done
    expect(log).toEqual(['a@1000', 'two@2000', 'three@3000', 'b@5000'])
  })

  it("does not let the socket's own timers misfire across a long recorded silence", async () => {
    const hour = 3_600_000
    const tape = tapeOf([tradeAt(0, 'a'), tradeAt(hour, 'b'), tradeAt(5 * hour, 'c')])
    const { dex, done } = replayTape(tape)
    const seen = watch(dex)
    const trades = all(dex.trades(SYM).pipe(map((t) => t.tradeId)))
    await done
    expect(await trades).toEqual(['a', 'b', 'c'])
    expect(seen.errors).toEqual([])
    expect(seen.status.map((s) => s.state)).toEqual(['connecting', 'open', 'closed'])
  })
})

describe('a disconnect on the tape', () => {
  it('drops the replayed connection there; it reconnects before the next frame, and a book resyncs from the next snapshot', async () => {
    const snapshot = depth(SYM)
    const tape = tapeOf([
      [0, 'marketDepth', snapshot],
      tradeAt(10, 'a'),
      [20, 'disconnect'],
      tradeAt(20, 'b'),
      [30, 'marketDiff', diff(SYM)],
      [40, 'marketDepth', snapshot],
    ])
    const { dex, done } = replayTape(tape)
    const seen = watch(dex)
    const trades = all(dex.trades(SYM).pipe(map((t) => t.tradeId)))
    const books = all(dex.orderBook(SYM).pipe(map((b) => b.inSync)))
    await done
    expect(await trades).toEqual(['a', 'b'])
    expect(await books).toEqual([true, false, false, true])
    expect(seen.errors).toHaveLength(1)
    expect(seen.errors[0]).toBeInstanceOf(DexConnectionError)
    expect(seen.errors[0].message).toMatch(/1006 \(the recording lost its connection here\)/)
    expect(seen.status.map((s) => s.state)).toEqual(['connecting', 'open', 'reconnecting', 'reconnected', 'closed'])
  })
})

describe('a throttled order book', () => {
  it('completes at the end of the tape with the last state, which its window would have shown after the end', async () => {
    const level = (q: string) => ({ ...diff(SYM), b: [['3333.00000000', q]] })
    const tape = tapeOf([
      [0, 'marketDepth', depth(SYM)],
      [10, 'marketDiff', level('1.00000000')],
      [20, 'marketDiff', level('2.00000000')],
    ])
    const { dex, done } = replayTape(tape)
    const throttled = all(dex.orderBook(SYM, { throttleMs: 1_000 }))
    const every = all(dex.orderBook(SYM))
    await done
    const [slow, fast] = await Promise.all([throttled, every])
    expect(slow).toHaveLength(2) // the first state at once, the last held back to the end
    expect(slow.at(-1)).toEqual(fast.at(-1))
    expect(slow.at(-1)!.bids.find(([p]) => p === '3333.00000000')).toEqual(['3333.00000000', '2.00000000'])
  })
})

describe('determinism', () => {
  const tape = tapeOf(
    Array.from({ length: 3_000 }, (_, i): Line =>
      i % 3 === 2 ? [i * 700, 'marketDiff', diff(i % 2 ? SYM : OTHER)] : tradeAt(i * 700, `t${i}`, i % 2 ? SYM : OTHER),
    ),
  )

  async function run(speed: number | 'max'): Promise<unknown> {
    const { dex, clock, done } = replayTape(tape, { speed })
    const perMinute = all(
      merge(dex.trades(SYM), dex.trades(OTHER), dex.marketDiff(SYM)).pipe(
        bufferTime(60_000, clock),
        map((events) => `${clock.now() - T0}:${events.length}`),
      ),
    )
    const late = all(dex.marketDiff(OTHER).pipe(filter((_, i) => i % 50 === 0), map(() => clock.now() - T0)))
    await done
    return { perMinute: await perMinute, late: await late }
  }

  it('gives the same output every run, however busy the event loop is', async () => {
    const first = await run('max')
    // Hog the event loop: every turn, a task that burns a few milliseconds.
    const hog = setInterval(() => {
      const until = performance.now() + 3
      while (performance.now() < until);
    }, 0)
    try {
      expect(await run('max')).toEqual(first)
    } finally {
      clearInterval(hog)
    }
    expect((first as { perMinute: string[] }).perMinute.length).toBeGreaterThan(30)
  })
})

describe('sources', () => {
  const tape = tapeOf(Array.from({ length: 2_500 }, (_, i) => tradeAt(i, `t${i}`)))
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'replay-tape-'))
    writeFileSync(join(dir, 'a.tape'), tape)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const ids = async (source: TapeSource): Promise<string[]> => {
    const { dex, done } = replayTape(source)
    const trades = all(dex.trades(SYM).pipe(map((t) => t.tradeId)))
    await done
    return trades
  }

  it('reads text, lines, async lines, a Node stream in small chunks and a web stream alike', async () => {
    const expected = Array.from({ length: 2_500 }, (_, i) => `t${i}`)
    const lines = tape.split('\n')
    async function* asyncLines(): AsyncGenerator<string> {
      for (const line of lines) yield line
    }
    const bytes = new TextEncoder().encode(tape)
    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        // Cut inside lines and inside a multi-byte character's neighbourhood.
        for (let i = 0; i < bytes.length; i += 777) controller.enqueue(bytes.subarray(i, i + 777))
        controller.close()
      },
    })
    expect(await ids(tape)).toEqual(expected)
    expect(await ids(lines)).toEqual(expected)
    expect(await ids(asyncLines())).toEqual(expected)
    expect(await ids(createReadStream(join(dir, 'a.tape'), { highWaterMark: 100 }))).toEqual(expected)
    expect(await ids(web)).toEqual(expected)
  })

  it('refuses what is not a source, and a bad speed', () => {
    expect(() => replayTape(42 as never)).toThrow(DexInputError)
    expect(() => replayTape(tape, { speed: 0 })).toThrow(/speed/)
    expect(() => replayTape(tape, { speed: 'fast' as never })).toThrow(/'max' or a positive number/)
  })
})

describe('bad tapes', () => {
  const rejectsNaming = async (text: string, line: RegExp): Promise<{ trades: string[]; failure: unknown }> => {
    const { dex, done } = replayTape(text)
    const trades: string[] = []
    let failure: unknown
    dex.trades(SYM).subscribe({ next: (t) => trades.push(t.tradeId), error: (e) => (failure = e) })
    await expect(done).rejects.toThrow(line)
    return { trades, failure }
  }

  it('refuses a tape without a version 1 header, naming line 1', async () => {
    await rejectsNaming('{"tape":2,"start":"2020-01-01T00:00:00Z"}\n', /line 1 is not a version 1 header/)
    await rejectsNaming('hello\n', /line 1/)
    await rejectsNaming('{"tape":1,"start":"yesterday"}\n', /line 1 has no "start" time/)
  })

  it('stops at a garbage line: the streams error with the line named, after the frames before it', async () => {
    const text = tapeOf([tradeAt(0, 'a')]) + 'garbage\n' + tapeOf([tradeAt(1, 'b')]).split('\n')[1] + '\n'
    const { trades, failure } = await rejectsNaming(text, /not a tape: line 3 is not a frame/)
    expect(trades).toEqual(['a'])
    expect(failure).toBeInstanceOf(DexInputError)
    expect((failure as Error).message).toMatch(/line 3/)
  })

  it('leaves out a last line cut off mid-write', async () => {
    const text = tapeOf([tradeAt(0, 'a'), tradeAt(1, 'b')])
    const { dex, done } = replayTape(text.slice(0, -30))
    const trades = all(dex.trades(SYM).pipe(map((t) => t.tradeId)))
    await done
    expect(await trades).toEqual(['a'])
  })
})

describe('lifetime', () => {
  const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length

  it('leaves no timer behind at the end, and close() before the end stops the tape', async () => {
    const before = timers()
    const a = replayTape(tapeOf([tradeAt(0, 'a'), tradeAt(100_000, 'b')]), { speed: 1 })
    const trades: string[] = []
    a.dex.trades(SYM).subscribe((t) => trades.push(t.tradeId))
    // Once the first frame is out, the tape waits on a timer: the second frame is 100 s away at speed 1.
    while (trades.length === 0) await new Promise((resolve) => setTimeout(resolve, 10))
    await new Promise((resolve) => setImmediate(resolve))
    expect(timers()).toBeGreaterThan(before)
    a.dex.close()
    await a.done
    expect(trades).toEqual(['a'])
    expect(timers()).toBe(before)

    const b = replayTape(tapeOf([tradeAt(0, 'a'), tradeAt(1, 'b')]))
    b.dex.trades(SYM).subscribe()
    await b.done
    expect(timers()).toBe(before)
  })

  it('plays at a finite speed to the same output as at full speed', async () => {
    const tape = tapeOf([tradeAt(0, 'a'), tradeAt(40, 'b'), tradeAt(80, 'c')])
    const outputs = []
    for (const speed of ['max', 4] as const) {
      const { dex, clock, done } = replayTape(tape, { speed })
      const trades = all(dex.trades(SYM).pipe(map((t) => `${t.tradeId}@${clock.now() - T0}`)))
      await done
      outputs.push(await trades)
    }
    expect(outputs[1]).toEqual(outputs[0])
    expect(outputs[0]).toEqual(['a@0', 'b@40', 'c@80'])
  })
})
