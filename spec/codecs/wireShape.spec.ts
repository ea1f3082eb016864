import { either } from 'fp-ts'
import * as t from 'io-ts'
import * as codecs from '../../src/codecs'
import * as table from '../../src/internal/topicTable'
import { CODE, literal } from '../../src/codecs/canonical'
import { explain } from '../../src/codecs/explain'
import { Integer, numericCode, PriceLevels, toBigInt, WireTime } from '../../src/codecs/primitives'
import { listOf, optional, shape } from '../../src/codecs/wireShape'
import { stringifyFrame } from '../../src/internal/parseFrame'
import { loadFixtures } from './loadFixtures'

// A shape's spec is the only list of its wire keys: the codec, the mapping to the event, the exact keys
// and the canonical reader all come from it, and `shape<Event>()` ties it to the event's type.

describe('shape<Event>() at compile time', () => {
  it('refuses a spec that builds another type than the declared one, in either direction', () => {
    type Ab = { readonly a: string; readonly b: number }
    // @ts-expect-error the spec lacks `b`
    shape<Ab>()('X', { a: ['a', t.string] })
    // @ts-expect-error the spec has `c`, the type does not
    shape<Ab>()('X', { a: ['a', t.string], b: ['b', Integer], c: ['c', t.string] })
    // @ts-expect-error `b` is a string in the spec, a number in the type
    shape<Ab>()('X', { a: ['a', t.string], b: ['b', t.string] })
    // @ts-expect-error a renamed field
    shape<Ab>()('X', { a: ['a', t.string], b: ['bb', Integer] })
    // @ts-expect-error a conversion to another type
    shape<Ab>()('X', { a: ['a', t.string], b: ['b', WireTime, toBigInt] })
    // @ts-expect-error an optional key without a fallback makes an optional field
    shape<Ab>()('X', { a: ['a', t.string], b: ['b', optional(Integer)] })
    // @ts-expect-error fields are read-only
    shape<{ a: string }>()('X', { a: ['a', t.string] })
    const fine = [
      shape<Ab>()('X', { a: ['a', t.string], b: ['b', Integer] }),
      shape<Ab>()('X', { a: ['a', t.string], x: [null, t.string], b: ['b', optional(Integer, () => 0)] }),
      shape<{ readonly a: string; readonly b?: number }>()('X', { a: ['a', t.string], b: ['b', optional(Integer)] }),
    ]
    expect(fine).toHaveLength(3)
  })
})

describe('a shape', () => {
  const Code = numericCode('Code', { 1: 'one', 2: 'two' })
  const inner = shape<{ readonly n: number }>()('Inner', { n: ['n', Integer] })
  const sample = shape<{
    readonly kind: 'x'
    readonly time: bigint
    readonly code?: 'one' | 'two'
    readonly memo: string
    readonly items: readonly { readonly n: number }[]
    readonly bids: readonly (readonly [string, string])[]
    readonly asks: readonly (readonly [string, string])[]
  }>()(
    'Sample',
    {
      e: ['kind', t.literal('x')],
      T: ['time', WireTime, toBigInt],
      skip: [null, t.string],
      c: ['code', optional(Code), (c: 1 | 2) => (c === 1 ? 'one' : 'two')],
      M: ['memo', optional(t.string, () => '')],
      i: ['items', listOf(inner)],
      b: ['bids', PriceLevels],
      a: ['asks', PriceLevels],
    },
    [(w) => w.M !== 'forbidden', 'expected another memo'],
  )
  const wire = { e: 'x' as const, T: BigInt('1554890366040313451'), skip: 's', c: 2, M: 'm', i: [{ n: 1 }], b: [['1', '2'] as const], a: [] }

  it('maps the wire to the event in the spec order, converting and defaulting', () => {
    const decoded = sample.codec.decode(wire)
    expect(either.isRight(decoded)).toBe(true)
    const event = sample.fromWire(either.isRight(decoded) ? decoded.right : (undefined as never))
    expect(event).toStrictEqual({ kind: 'x', time: BigInt('1554890366040313451'), code: 'two', memo: 'm', items: [{ n: 1 }], bids: [['1', '2']], asks: [] })
    expect(Object.keys(event)).toEqual(['kind', 'time', 'code', 'memo', 'items', 'bids', 'asks'])
    const bare = sample.fromWire({ ...wire, c: undefined, M: undefined })
    expect(bare).toMatchObject({ code: undefined, memo: '' })
    expect(Object.keys(bare)).toContain('code')
  })

  it('validates every key, the unnamed ones and the check too', () => {
    const reason = (u: unknown) => {
      const r = sample.codec.decode(u)
      return either.isLeft(r) ? explain(r.left, 'data') : 'accepted'
    }
    expect(reason({ ...wire, skip: 1 })).toBe('data.skip: expected a string, got 1')
    expect(reason({ ...wire, c: 3 })).toBe('data.c: expected 1 (one) or 2 (two), got 3')
    expect(reason({ ...wire, i: [{ n: 'x' }] })).toBe('data.i[0].n: expected an integer, got "x"')
    expect(reason({ ...wire, M: 'forbidden' })).toBe('data: expected another memo, got an object')
    expect(reason({ ...wire, c: undefined, M: undefined })).toBe('accepted')
  })

  it('knows its keys and which of them hold exact times', () => {
    expect(sample.keys).toEqual(['e', 'T', 'skip', 'c', 'M', 'i', 'b', 'a'])
    expect(sample.exact).toEqual(['T'])
    expect(codecs.tradeShape.exact).toEqual(['T'])
    expect(codecs.orderShape.exact).toEqual(['T', 'O'])
    expect(codecs.tickerShape.exact).toEqual([])
  })

  it('has a canonical reader only where every key has a canonical form', () => {
    expect(() => sample.arrayReader()).toThrow('M has no canonical form')
    expect(() => codecs.klineShape.objectReader()).toThrow('has no canonical form')
    const flat = shape<{ readonly kind: 'x'; readonly code?: 'one' | 'two'; readonly time: bigint }>()('Flat', {
      e: ['kind', t.literal('x')],
      skip: [null, t.string],
      c: ['code', optional(Code), (c: 1 | 2) => (c === 1 ? 'one' : 'two')],
      T: ['time', WireTime, toBigInt],
    })
    const reader = flat.arrayReader()
    const frame = (data: string) => `{"stream":"s","data":[${data}]}`
    const from = '{"stream":"s"'.length
    expect(reader.read(frame('{"e":"x","skip":"a","c":1,"T":12345678901234567890}'), from)).toStrictEqual([
      { kind: 'x', code: 'one', time: BigInt('12345678901234567890') },
    ])
    expect(reader.read(frame('{"e":"x","skip":"a","T":1}'), from)).toStrictEqual([{ kind: 'x', code: undefined, time: BigInt(1) }])
    // The code's own `is` decides: 3 has the form of a code but is none.
    expect(reader.read(frame('{"e":"x","skip":"a","c":3,"T":1}'), from)).toBeUndefined()
    expect(reader.read(frame('{"e":"y","skip":"a","T":1}'), from)).toBeUndefined()
    expect(reader.read(frame('{"e":"x","skip":2,"T":1}'), from)).toBeUndefined()
    expect(CODE).toBe('(0|[1-9]\\d{0,2})')
    expect(literal('x')).toBe('"x"')
  })
})

describe('event builders', () => {
  // Where a Content-Security-Policy forbids code generation, `new Function` throws and the shapes build
  // their events with generic loops. Both must give the same events, key order included.
  function withoutCodeGeneration(): typeof table {
    const original = globalThis.Function
    let loaded: typeof table | undefined
    let refused = 0
    globalThis.Function = function refuse(): never {
      refused++
      throw new EvalError('Code generation from strings disallowed for this context')
    } as unknown as FunctionConstructor
    try {
      jest.isolateModules(() => {
        // The table loads its own copy of the codecs, built while generated code is refused.
        loaded = require('../../src/internal/topicTable') as typeof table
      })
    } finally {
      globalThis.Function = original
    }
    // Refused once, the table asks no more: each refusal is a console error in a browser.
    expect(refused).toBe(1)
    return loaded!
  }
  const loops = withoutCodeGeneration()
  const STREAMS = ['trades', 'orders', 'marketDiff', 'marketDepth', 'ticker', 'allTickers', 'miniTicker', 'allMiniTickers']

  it('are the same generated or not, on every fixture, on both routes', () => {
    let compared = 0
    for (const fixture of loadFixtures()) {
      if (fixture.data_only) continue
      const { stream, data } = fixture.frame as { stream: string; data: unknown }
      const [generated, looped] = [table, loops].map((c) => c.topicDecoder(stream))
      if (!generated || !looped) continue
      for (const element of generated.array ? (data as unknown[]) : [data]) {
        const [a, b] = [generated.decode(element), looped.decode(element)]
        expect(b).toStrictEqual(a)
        if (either.isRight(a) && either.isRight(b) && typeof a.right === 'object') {
          expect(Object.keys(b.right as object)).toEqual(Object.keys(a.right as object))
        }
        compared++
      }
      if (!STREAMS.includes(stream)) continue
      const text = stringifyFrame(fixture.frame)
      const from = `{"stream":${JSON.stringify(stream)}`.length
      const [a, b] = [generated, looped].map((d) => d.canonical!.read(text, from))
      expect(b).toStrictEqual(a)
      if (a !== undefined) compared++
    }
    expect(compared).toBeGreaterThan(40)
  })

  it('are the same generated or not when a key is missing, optional or refused', () => {
    const trade =
      '{"e":"trade","E":1,"s":"A_B","t":"1-0","p":"1.0","q":"2.0","b":"x","a":"y","T":1554964166437515341,"sa":"s","ba":"b"'
    const from = '{"stream":"trades"'.length
    for (const tail of ['}', ',"tt":0}', ',"tt":5}', ',"tt":6}']) {
      const text = `{"stream":"trades","data":[${trade}${tail}]}`
      const [a, b] = [table, loops].map((c) => c.topicDecoder('trades')!.canonical!.read(text, from))
      expect(b).toStrictEqual(a)
      expect(a === undefined).toBe(tail === ',"tt":6}')
    }
    const transfer = { e: 'outboundTransferInfo', E: 1, H: 'AB', f: 'a', t: [{ o: 'b', c: [{ a: 'BNB', A: '1.5' }] }] }
    const [a, b] = [table, loops].map((c) => c.topicDecoder('transfers')!.decode(transfer))
    expect(b).toStrictEqual(a)
    expect(a).toMatchObject({ right: { memo: '', outputs: [{ to: 'b', coins: [{ asset: 'BNB', amount: '1.5' }] }] } })
  })
})

describe('kline', () => {
  it('spreads k into the event, the symbol from s, else k.s', () => {
    const k = { t: 1, T: 2, s: 'K_S', i: '1m', f: '1', L: '2', o: '1', c: '1', h: '1', l: '1', v: '1', q: '1', n: 3, x: false }
    const decode = (data: unknown) => codecs.klineDecoder.decode(data)
    const event = decode({ e: 'kline', E: 5, k })
    expect(event).toStrictEqual(
      either.right({
        eventType: 'kline',
        time: 5,
        symbol: 'K_S',
        openTime: 1,
        closeTime: 2,
        interval: '1m',
        firstTradeId: '1',
        lastTradeId: '2',
        open: '1',
        close: '1',
        high: '1',
        low: '1',
        volume: '1',
        quoteVolume: '1',
        trades: 3,
        closed: false,
      }),
    )
    expect(decode({ e: 'kline', E: 5, s: 'TOP_S', k })).toMatchObject({ right: { symbol: 'TOP_S' } })
    expect(decode({ e: 'kline', E: 5, s: 'TOP_S', k: { ...k, s: undefined } })).toMatchObject({ right: { symbol: 'TOP_S' } })
  })
})
