import { either } from 'fp-ts'
import fc from 'fast-check'
import type { DexEvent } from '../../src/codecs'
import { literal, objectOf } from '../../src/codecs/canonical'
import { parseFrame, stringifyFrame } from '../../src/internal/parseFrame'
import { loadFixtures } from './loadFixtures'
import { topicDecoder } from '../../src/internal/topicTable'

// The canonical readers are the fast path: they must never deliver what the general route (parseFrame, then
// the topic's io-ts decoder) would reject, and what they deliver must equal what the general route delivers.
// They may refuse anything (the general route then takes the frame), but not the real server's own frames.

const STREAMS = ['trades', 'orders', 'marketDiff', 'marketDepth', 'marketDepth1000', 'ticker', 'allTickers', 'miniTicker', 'allMiniTickers']

/** What the canonical reader of `stream` makes of `text` (a whole frame), or undefined when it refuses. */
function fast(stream: string, text: string): unknown {
  const prefix = `{"stream":${JSON.stringify(stream)}`
  if (!text.startsWith(prefix)) return undefined
  const reader = topicDecoder(stream)?.canonical
  if (!reader) throw new Error(`no canonical reader for ${stream}`)
  return reader.read(text, prefix.length)
}

/** The general route's events, or undefined when it would reject any of them (or the envelope). */
function general(stream: string, text: string): unknown {
  let frame: unknown
  try {
    frame = parseFrame(text)
  } catch {
    return undefined
  }
  const { stream: named, data } = (frame ?? {}) as { stream?: unknown; data?: unknown }
  if (named !== stream) return undefined
  const decoder = topicDecoder(stream)!
  const decode = (element: unknown): DexEvent | undefined => {
    const result = decoder.decode(element)
    return either.isRight(result) ? result.right : undefined
  }
  if (!decoder.array) return decode(data)
  if (!Array.isArray(data)) return undefined
  const events = data.map(decode)
  return events.includes(undefined) ? undefined : events
}

/** The fast path's contract on one text. */
function agrees(stream: string, text: string): boolean {
  const read = fast(stream, text)
  if (read === undefined) return false
  expect(read).toStrictEqual(general(stream, text))
  expect(() => JSON.parse(text)).not.toThrow()
  return true
}

// ---------------------------------------------------------------------------------------------------------
// wire values, in the real server's key order
// ---------------------------------------------------------------------------------------------------------

const plainString = fc.stringMatching(/^[A-Za-z0-9_.:-]{0,20}$/)
const anyString = fc.oneof(plainString, fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('a"b', 'a\\b', '\u0000', '\u001f', 'é', ''))
const decimal = fc
  .tuple(fc.boolean(), fc.nat(), fc.option(fc.stringMatching(/^[0-9]{1,8}$/), { nil: undefined }))
  .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`)
// Up to 15 digits: the readers leave 16-digit integers (safe or not) to the general route.
const safeInt = fc.oneof(fc.nat(), fc.integer({ min: 0, max: 999_999_999_999_999 }))
const anyInt = fc.oneof(safeInt, fc.integer({ min: -1000, max: Number.MAX_SAFE_INTEGER }))
const nanos = fc.oneof(
  fc.bigInt({ min: BigInt(Number.MAX_SAFE_INTEGER) + BigInt(1), max: BigInt(10) ** BigInt(22) }),
  fc.nat().map(BigInt),
)
const levels = fc.array(fc.tuple(decimal, decimal), { maxLength: 6 })

function wire(str: fc.Arbitrary<string>, safeInt: fc.Arbitrary<number>): Record<string, fc.Arbitrary<Record<string, unknown>>> {
  const ticker = fc.record({
    e: fc.constant('24hrTicker'),
    E: safeInt,
    s: str,
    ...Object.fromEntries(['p', 'P', 'w', 'x', 'c', 'Q', 'b', 'B', 'a', 'A', 'o', 'h', 'l', 'v', 'q'].map((k) => [k, decimal])),
    O: safeInt,
    C: safeInt,
    F: str,
    L: str,
    n: safeInt,
  })
  const miniTicker = fc.record({
    e: fc.constantFrom('24hrMiniTicker', '24hrTicker'),
    E: safeInt,
    s: str,
    ...Object.fromEntries(['c', 'o', 'h', 'l', 'v', 'q'].map((k) => [k, decimal])),
  })
  const depth = fc.record({ lastUpdateId: safeInt, symbol: str, bids: levels, asks: levels })
  return {
    trades: fc.record(
      {
        e: fc.constant('trade'),
        E: safeInt,
        s: str,
        t: str,
        p: decimal,
        q: decimal,
        b: str,
        a: str,
        T: nanos,
        sa: str,
        ba: str,
        tt: fc.integer({ min: 0, max: 5 }),
      },
      { requiredKeys: ['e', 'E', 's', 't', 'p', 'q', 'b', 'a', 'T', 'sa', 'ba'] },
    ),
    orders: fc.record({
      e: fc.constant('executionReport'),
      E: safeInt,
      s: str,
      S: fc.constantFrom(1, 2),
      o: fc.constantFrom(1, 2),
      f: fc.constantFrom(1, 3),
      q: decimal,
      p: decimal,
      x: str,
      X: fc.constantFrom('Ack', 'Canceled', 'Expired', 'IocNoFill', 'IocExpire', 'PartialFill', 'FullyFill', 'FailedBlocking', 'FailedMatching', 'Unknown'),
      i: str,
      l: decimal,
      L: decimal,
      z: decimal,
      n: str,
      T: nanos,
      t: str,
      O: nanos,
    }),
    marketDiff: fc.record({ e: fc.constant('depthUpdate'), E: safeInt, s: str, b: levels, a: levels }),
    marketDepth: depth,
    marketDepth1000: depth,
    ticker,
    allTickers: ticker,
    miniTicker,
    allMiniTickers: miniTicker,
  }
}

const plain = wire(plainString, safeInt)
const wide = wire(anyString, anyInt)

function frameOf(stream: string, elements: Record<string, unknown>[]): string {
  const array = topicDecoder(stream)!.array
  return stringifyFrame({ stream, data: array ? elements : elements[0] })
}

const frames = (values: Record<string, fc.Arbitrary<Record<string, unknown>>>) =>
  fc.constantFrom(...STREAMS).chain((stream) =>
    fc.array(values[stream], { minLength: 1, maxLength: 4 }).map((elements) => ({ stream, elements })),
  )

/** JSON texts a field's value may be swapped for: right and wrong types, edge values, escapes. */
const REPLACEMENTS = [
  '12', '-1', '0', '1.5', '1e3', '-0', '9007199254740993', '1554890366040313451', '1554890366040313451.5',
  '"x"', '"1.5"', '"-0.5"', '"12"', '"1554890366040313451"', '".5"', '"1."', '"1e5"', '" 1"', '"\\u0031"',
  '"a\\"b"', '"\\u0041ck"', '"Ack"', '"24hrTicker"', '"trade"', 'null', 'true', 'false', '[]', '{}',
  '["1","2"]', '[["1","2","3"]]', '[["1",2]]', '6', '3', '00', '"\u0000"',
]

/** A frame with one element's field swapped, removed, repeated, moved, or joined by an extra field. */
const mutated = fc.tuple(frames(plain), fc.nat(), fc.nat(), fc.constantFrom(...REPLACEMENTS), fc.nat(4)).map(
  ([{ stream, elements }, which, field, replacement, how]) => {
    const copies = elements.map((element) => ({ ...element }))
    const target = copies[which % copies.length]
    const keys = Object.keys(target)
    const key = keys[field % keys.length]
    if (how === 2) {
      // A repeated key exists only as text: `"p":<replacement>,"p":"1.0"` (JSON.parse keeps the last).
      const pair = `${JSON.stringify(key)}:${stringifyFrame(target[key])}`
      return { stream, text: frameOf(stream, copies).replace(pair, `${JSON.stringify(key)}:${replacement},${pair}`) }
    }
    const MARK = '\u0001mark'
    const entries = Object.entries(target)
    const at = keys.indexOf(key)
    if (how === 0) entries[at] = [key, MARK]
    else if (how === 1) entries.splice(at, 1)
    else if (how === 3) entries.splice(at, 0, ['extra', MARK])
    else if (at > 0) [entries[at - 1], entries[at]] = [entries[at], entries[at - 1]]
    copies[which % copies.length] = Object.fromEntries(entries)
    return { stream, text: frameOf(stream, copies).replace('"\\u0001mark"', replacement) }
  },
)

/** A frame with one character inserted, replaced or removed anywhere. */
const damaged = fc.tuple(frames(plain), fc.nat(), fc.constantFrom('', '"', '\\', '1', '-', ',', '}', ']', '.', ' ', 'e', '0', 'x', '\u0000'), fc.boolean()).map(
  ([{ stream, elements }, at, insert, replace]) => {
    const text = frameOf(stream, elements)
    const i = at % (text.length + 1)
    return { stream, text: text.slice(0, i) + insert + text.slice(replace ? i + 1 : i) }
  },
)

describe('canonical readers', () => {
  it('read the real servers\' frames (the fixtures captured from them) exactly as the general route does', () => {
    let read = 0
    for (const fixture of loadFixtures()) {
      const frame = fixture.frame as { stream?: unknown }
      if (fixture.data_only || !fixture.kind.startsWith('real') || !STREAMS.includes(String(frame.stream))) continue
      const text = stringifyFrame(frame)
      if (agrees(String(frame.stream), text)) read++
      else if (fixture.kind === 'real') throw new Error(`refused the real ${fixture.topic} frame of line ${fixture.line}`)
    }
    expect(read).toBeGreaterThanOrEqual(10)
  })

  it('read every well-formed frame in the server\'s form, exactly as the general route does', () => {
    fc.assert(
      fc.property(frames(plain), ({ stream, elements }) => {
        expect(agrees(stream, frameOf(stream, elements))).toBe(true)
      }),
      { numRuns: 400 },
    )
  })

  it('deliver nothing the general route would not, for any strings (escapes, control characters, quotes)', () => {
    fc.assert(
      fc.property(frames(wide), ({ stream, elements }) => {
        agrees(stream, frameOf(stream, elements))
      }),
      { numRuns: 400 },
    )
  })

  it('refuse or agree when a field is swapped for a wrong value, removed, repeated or joined by another', () => {
    let refused = 0
    fc.assert(
      fc.property(mutated, ({ stream, text }) => {
        if (!agrees(stream, text)) refused++
      }),
      { numRuns: 1500 },
    )
    expect(refused).toBeGreaterThan(500)
  })

  it('refuse or agree for damaged texts, and refuse every text JSON.parse rejects', () => {
    fc.assert(
      fc.property(damaged, ({ stream, text }) => {
        agrees(stream, text)
      }),
      { numRuns: 1500 },
    )
  })

  it('refuse what their codecs reject, and leave unusual but valid forms to the general route', () => {
    const trade =
      '{"e":"trade","E":7549438,"s":"100K-9BC_BNB","t":"7549438-0","p":"3333.00000000","q":"0.02611100",' +
      '"b":"1D518A2563B0CB912AD70DEB7A18CD7ED2FBB7D4-11","a":"EA1AE716501D1DB0B9F295A30891D9E562828678-12",' +
      '"T":1554964166437515341,"sa":"tbnb1agdww9jsr5wmpw0jjk3s3yweu43g9pnc4p5kg7","ba":"tbnb1r4gc5ftrkr9ez2khph4h5xxd0mf0hd75jf06gw"'
    const frame = (element: string) => `{"stream":"trades","data":[${element}]}`
    expect(fast('trades', frame(`${trade}}`))).toHaveLength(1)
    expect(fast('trades', frame(`${trade},"tt":5}`))).toHaveLength(1)
    const rejected = [
      `${trade},"tt":6}`, // no such tick type
      `${trade.replace('"p":"3333.00000000"', '"p":3333')}}`, // a number, not decimal text
      `${trade.replace('"p":"3333.00000000"', '"p":"3,333.00"')}`,
      `${trade.replace('"e":"trade"', '"e":"trades"')}}`,
      `${trade.replace('"T":1554964166437515341', '"T":-1554964166437515341')}}`,
      `${trade.replace('"T":1554964166437515341', '"T":1.5e18')}}`,
      `${trade.replace('"s":"100K-9BC_BNB"', '"s":null')}}`,
    ]
    for (const element of rejected) {
      expect(fast('trades', frame(element))).toBeUndefined()
      expect(general('trades', frame(element))).toBeUndefined()
    }
    const unusual = [
      `${trade.replace('"E":7549438', '"E":-7549438')}}`,
      `${trade.replace('"T":1554964166437515341', '"T":"1554964166437515341"')}}`, // a relay's quoted time
      `${trade.replace('"s":"100K-9BC_BNB"', '"s":"100K\\u002d9BC_BNB"')}}`,
      `${trade.replace('"E":7549438,', '"E":7549438, ')}}`,
      `{"E":7549438,${trade.slice(1).replace(',"E":7549438', '')}}`,
    ]
    for (const element of unusual) {
      expect(fast('trades', frame(element))).toBeUndefined()
      expect(general('trades', frame(element))).toHaveLength(1)
    }
    expect(fast('trades', frame(trade))).toBeUndefined() // unterminated
    expect(fast('trades', '{"stream":"trades","data":[]}')).toBeUndefined()
    expect(fast('trades', `${frame(`${trade}}`)} `)).toBeUndefined()
  })
})

describe('canonical patterns', () => {
  it('quote literals and join fields in order, an optional one as an optional group', () => {
    expect(literal('a.b')).toBe('"a\\.b"')
    expect(objectOf([['e', literal('x')], ['n', '(\\d+)', 'optional']])).toBe('\\{"e":"x"(?:,"n":(\\d+))?\\}')
  })
})
