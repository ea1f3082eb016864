import fc from 'fast-check'
import * as t from 'io-ts'
import {
  AccountUpdateWire,
  BlockHeightWire,
  DepthSnapshotWire,
  DepthUpdateWire,
  KlineWire,
  MiniTickerWire,
  OrderUpdateWire,
  TickerWire,
  TradeWire,
  TransferUpdateWire,
} from '../src/codecs'
import type { DexDecodeError, DexError } from '../src/errors'
import type { RawMessage } from '../src/facade/types'
import { FrameRouter } from '../src/internal/FrameRouter'
import { parseFrame, stringifyFrame } from '../src/internal/parseFrame'
import { loadFixtures } from './codecs/loadFixtures'
import { topicDecoder, topicSpec } from '../src/internal/topicTable'

// The router has a quick route (canonical readers) and the exact route (lossless parse of everything, then
// io-ts). Topics with raw observers always take the exact route,
// which makes the exact route a reference: any frame must give the same events and the same errors on both.

interface Seen {
  events: { topic: string; key: string; event: unknown }[]
  errors: { name: string; message: string; topic?: string; reason?: string; raw?: string }[]
}

const TOPICS = ['trades', 'orders', 'marketDiff', 'marketDepth', 'ticker', 'allTickers', 'miniTicker', 'allMiniTickers', 'accounts', 'transfers', 'kline_1m', 'blockheight']
const USER = new Set(['accounts', 'orders', 'transfers'])
const ALL = new Set(['allTickers', 'allMiniTickers', 'blockheight'])

function router(keys: string[], exact: boolean): { router: FrameRouter; seen: Seen } {
  const seen: Seen = { events: [], errors: [] }
  const r = new FrameRouter((e: DexError) => {
    const d = e as DexDecodeError
    seen.errors.push({ name: e.name, message: e.message, topic: d.topic, reason: d.reason, raw: d.raw })
  })
  for (const topic of TOPICS) {
    const list = USER.has(topic) ? [''] : ALL.has(topic) ? ['$all'] : keys
    for (const key of list) {
      const channel = r.acquire(topicSpec(topic)!, key)
      channel.events.subscribe((event) => seen.events.push({ topic, key, event }))
      if (exact) r.rawOf(channel)
    }
  }
  return { router: r, seen }
}

const fixtures = loadFixtures().filter((f) => !f.data_only)
const texts = fixtures.map((f) => stringifyFrame(f.frame))
const symbols = [...new Set(texts.flatMap((text) => [...text.matchAll(/"(?:s|symbol)":"([^"]+)"/g)].map((m) => m[1])))]

function both(frames: string[]): [Seen, Seen] {
  const quick = router(symbols, false)
  const exact = router(symbols, true)
  for (const text of frames) {
    quick.router.dispatch(text)
    exact.router.dispatch(text)
  }
  return [quick.seen, exact.seen]
}

/** Texts like the fixtures with one value swapped for a wrong, unsafe or odd one. */
const REPLACEMENTS = ['1554890366040313451', '-1554890366040313451', '12', '"12"', '1.5', '1e400', 'null', '"a\\"b"', '[]', '{"T":1554890366040313451}']
const mutated = fc.tuple(fc.constantFrom(...texts), fc.nat(), fc.constantFrom(...REPLACEMENTS)).map(([text, at, replacement]) => {
  const values = [...text.matchAll(/:("[^"\\]*"|-?\d+(?:\.\d+)?|true|false|null)(?=[,}\]])/g)]
  if (values.length === 0) return text
  const m = values[at % values.length]
  const start = m.index! + 1
  return text.slice(0, start) + replacement + text.slice(start + m[1].length)
})
const damaged = fc.tuple(fc.constantFrom(...texts), fc.nat(), fc.constantFrom('', '"', '\\', '1', ',', '}', ']', ' ')).map(
  ([text, at, insert]) => {
    const i = at % (text.length + 1)
    return text.slice(0, i) + insert + text.slice(i + 1)
  },
)

describe('FrameRouter', () => {
  it('delivers the fixtures and reports their faults exactly as the exact route does', () => {
    const [quick, exact] = both(texts)
    expect(quick.events.length).toBeGreaterThan(20)
    expect(quick).toStrictEqual(exact)
  })

  it.each([
    ['a wrong value anywhere', mutated],
    ['damage anywhere', damaged],
  ])('gives the same events and errors as the exact route for frames with %s', (_what, frames) => {
    fc.assert(
      fc.property(fc.array(frames, { minLength: 1, maxLength: 5 }), (texts) => {
        const [quick, exact] = both(texts)
        expect(quick).toStrictEqual(exact)
      }),
      { numRuns: 600 },
    )
  })

  it('names an unsafe integer in a wrong field exactly, on the quick route too', () => {
    const text = texts[fixtures.findIndex((f) => f.topic === 'trades' && f.kind === 'real')].replace(
      '"E":7549438',
      '"E":1554890366040313451',
    )
    const [quick] = both([text])
    expect(quick.events).toEqual([])
    expect(quick.errors).toEqual([
      expect.objectContaining({ name: 'DexDecodeError', reason: 'element 0: data.E: expected an integer, got 1554890366040313451n' }),
    ])
  })

  it('hands raw observers every field exactly, unknown ones too', () => {
    const r = new FrameRouter(() => {})
    const channel = r.acquire(topicSpec('trades')!, '100K-9BC_BNB')
    const raw: RawMessage[] = []
    r.rawOf(channel).subscribe((m) => raw.push(m))
    const text = texts[fixtures.findIndex((f) => f.topic === 'trades' && f.kind === 'real')].replace(
      '"sa":',
      '"X":1554890366040313452,"sa":',
    )
    r.dispatch(text)
    expect((raw[0].data as { X: unknown }[])[0].X).toBe(BigInt('1554890366040313452'))
    expect(raw[0].data).toEqual((parseFrame(text) as { data: unknown }).data)
  })

  it('leaves topics with raw observers to the exact route, and takes the quick route again once they are gone', () => {
    const read = jest.spyOn(topicDecoder('trades')!.canonical!, 'read')
    const text =
      '{"stream":"trades","data":[{"e":"trade","E":1,"s":"B","t":"1-0","p":"1","q":"1","b":"x","a":"y",' +
      '"T":1554890366040313451,"sa":"s","ba":"b"}]}'
    const r = new FrameRouter(() => {})
    const rawChannel = r.acquire(topicSpec('trades')!, 'A')
    r.rawOf(rawChannel)
    const channel = r.acquire(topicSpec('trades')!, 'B')
    const events: unknown[] = []
    channel.events.subscribe((e) => events.push(e))
    r.dispatch(text)
    expect(read).not.toHaveBeenCalled()
    r.release(rawChannel)
    r.release(channel)
    r.acquire(topicSpec('trades')!, 'B').events.subscribe((e) => events.push(e))
    r.dispatch(text)
    expect(read).toHaveBeenCalledTimes(1)
    expect(events).toHaveLength(2)
    expect(events[1]).toStrictEqual(events[0])
    expect(events[1]).toEqual(expect.objectContaining({ symbol: 'B', tradeTime: BigInt('1554890366040313451') }))
    read.mockRestore()
  })

  it('routes a "marketDepth" frame to a deeper depth on the quick route as on the exact one', () => {
    const text =
      '{"stream":"marketDepth","data":{"lastUpdateId":7551469,"symbol":"100K-9BC_BNB","bids":[["3333.00000000","0.07398900"]],' +
      '"asks":[["66666.00000000","1.68270010"]]}}'
    const seen = [false, true].map((exact) => {
      const r = new FrameRouter(() => {})
      const channel = r.acquire(topicSpec('marketDepth1000')!, '100K-9BC_BNB')
      const events: unknown[] = []
      channel.events.subscribe((e) => events.push(e))
      if (exact) r.rawOf(channel)
      r.dispatch(text)
      return events
    })
    expect(seen[0]).toHaveLength(1)
    expect(seen[0]).toStrictEqual(seen[1])
  })

  // Only the nanosecond times may hold an integer beyond 2^53: every other field must reject one, or a
  // rounded value could pass for an exact one.
  it('has no field but its topic\'s exact keys that accepts an integer beyond 2^53', () => {
    const wires: Record<string, t.Mixed> = {
      accounts: AccountUpdateWire,
      orders: OrderUpdateWire,
      transfers: TransferUpdateWire,
      trades: TradeWire,
      marketDiff: DepthUpdateWire,
      marketDepth: DepthSnapshotWire,
      kline_1m: KlineWire,
      ticker: TickerWire,
      allTickers: TickerWire,
      miniTicker: MiniTickerWire,
      allMiniTickers: MiniTickerWire,
      blockheight: BlockHeightWire,
    }
    const big = BigInt('1554890366040313451')
    for (const [topic, wire] of Object.entries(wires)) {
      const exact = topicDecoder(topic)!.exact.map((k) => `.${k}`)
      const rounded: string[] = []
      const exactly: string[] = []
      leaves(wire, '', (path, leaf) => {
        if (leaf.is(Number(big)) || leaf.is(-Number(big))) rounded.push(path)
        if (leaf.is(big)) exactly.push(path)
      })
      expect({ topic, rounded, exactly }).toEqual({ topic, rounded: [], exactly: exact })
    }
  })
})

/** Calls `visit` with every leaf codec of `codec` and its path (`.B[].f`). */
function leaves(codec: t.Mixed, path: string, visit: (path: string, leaf: t.Mixed) => void): void {
  if (codec instanceof t.ReadonlyType || codec instanceof t.RefinementType) return leaves(codec.type, path, visit)
  if (codec instanceof t.InterfaceType || codec instanceof t.PartialType) {
    for (const [k, c] of Object.entries(codec.props as Record<string, t.Mixed>)) leaves(c, `${path}.${k}`, visit)
    return
  }
  if (codec instanceof t.IntersectionType || codec instanceof t.UnionType) {
    for (const c of codec.types as t.Mixed[]) leaves(c, path, visit)
    return
  }
  if (codec instanceof t.ArrayType || codec instanceof t.ReadonlyArrayType) return leaves(codec.type, `${path}[]`, visit)
  if (codec instanceof t.TupleType) {
    for (const c of codec.types as t.Mixed[]) leaves(c, `${path}[]`, visit)
    return
  }
  visit(path, codec)
}
