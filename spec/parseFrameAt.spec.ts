import fc from 'fast-check'
import { parseFrame, stringifyFrame } from '../src/internal/parseFrame'
import { parseFrameAt } from '../src/internal/parseFrameAt'
import { lossy } from './helpers/lossy'

// parseFrameAt may refuse (undefined) whenever it likes, but when it answers, the keys it was asked for must
// hold exactly what parseFrame gives them on every element of `data`, and everything else must be JSON.parse's.

const MAX = BigInt(Number.MAX_SAFE_INTEGER)

/** The contract, checked on one text; returns whether parseFrameAt answered. */
function check(text: string, keys: readonly string[]): boolean {
  let expected: unknown
  try {
    expected = JSON.parse(text)
  } catch {
    expect(() => parseFrameAt(text, keys)).toThrow(SyntaxError)
    return false
  }
  const got = parseFrameAt(text, keys)
  if (got === undefined) return false
  expect(lossy(got)).toEqual(expected)
  const exact = (parseFrame(text) as { data?: unknown }).data
  const data = (got as { data?: unknown }).data
  if (keys.length > 0 && Array.isArray(data)) {
    data.forEach((element, i) => {
      if (typeof element !== 'object' || element === null || Array.isArray(element)) return
      for (const key of keys.filter((k) => Object.prototype.hasOwnProperty.call(element, k))) {
        // The key's own value is exact; numbers nested inside it are not asked for (no decoder keeps them).
        const want = (exact as Record<string, unknown>[])[i][key]
        const have = (element as Record<string, unknown>)[key]
        expect(have).toEqual(typeof want === 'object' ? lossy(want) : want)
      }
    })
  }
  return true
}

const unsafe = fc.oneof(
  fc.bigInt({ min: MAX + BigInt(1), max: BigInt(10) ** BigInt(22) }),
  fc.bigInt({ min: -(BigInt(10) ** BigInt(22)), max: -(MAX + BigInt(1)) }),
)
const scalar = fc.oneof(
  unsafe,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  fc.constantFrom('T', 'O', '"T"', 'x"T":1', '\\', 'T"', '', '1554890366040313451'),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
)
/** Keys that collide with the exact ones, index-like keys, and ordinary ones. */
const key = fc.oneof(
  fc.constantFrom('T', 'O', 't', 'E', '0', '1', 'data', 'stream', 'constructor', 'length', '__proto__'),
  fc.string({ maxLength: 3 }),
)
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    scalar,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(key, tie('value'), { maxKeys: 4 }),
  ),
}))
const element = fc.oneof(
  fc.record({ e: fc.constant('trade'), T: unsafe, s: fc.string() }),
  fc.record({ T: fc.oneof(unsafe, scalar), O: fc.oneof(unsafe, scalar) }, { requiredKeys: [] }),
  fc.dictionary(key, value, { maxKeys: 4 }),
  value,
)

/** An object's text with a key repeated: JSON.parse keeps the last value at the first key's place. */
const repeated = fc.tuple(fc.dictionary(key, value, { maxKeys: 3 }), fc.constantFrom('T', 'O', 'x'), value, value).map(
  ([rest, k, first, last]) => {
    const inner = stringifyFrame(rest).slice(1, -1)
    return `{${JSON.stringify(k)}:${stringifyFrame(first)}${inner ? `,${inner}` : ''},${JSON.stringify(k)}:${stringifyFrame(last)}}`
  },
)

const frame = fc
  .tuple(
    fc.array(fc.oneof(element.map((e) => stringifyFrame(e)), repeated), { maxLength: 4 }),
    fc.option(fc.dictionary(key, value, { maxKeys: 2 }), { nil: undefined }),
    fc.boolean(),
  )
  .map(([elements, extra, spaced]) => {
    const tail = extra === undefined ? '' : `,${stringifyFrame(extra).slice(1, -1)}`
    const text = `{"stream":"trades","data":[${elements.join(',')}]${tail === ',' ? '' : tail}}`
    return spaced ? text.replace(/":/g, '" : ').replace(/,"/g, ', "') : text
  })

describe('parseFrameAt', () => {
  it('makes the named keys of the elements exact, and leaves the rest as JSON.parse does', () => {
    const text =
      '{"stream":"orders","data":[{"E":1554890366040313451,"T":1554890366040313451,"O":1554890366040313452},' +
      '{"T":5,"O":1e30}]}'
    const frame = parseFrameAt(text, ['T', 'O']) as { data: Record<string, unknown>[] }
    expect(frame.data[0]).toEqual({ E: 1554890366040313451, T: BigInt('1554890366040313451'), O: BigInt('1554890366040313452') })
    expect(frame.data[1]).toEqual({ T: 5, O: 1e30 })
  })

  it('is JSON.parse when no key is named', () => {
    const text = '{"stream":"marketDiff","data":{"E":1554890366040313451}}'
    expect(parseFrameAt(text, [])).toEqual(JSON.parse(text))
  })

  it('refuses what it cannot place with certainty', () => {
    const refused = [
      '{"stream":"trades","data":[{"T":1554890366040313451,"s":"a\\"b"}]}', // an escape somewhere
      '{"stream":"trades","data":{"T":1554890366040313451}}', // data not an array
      '{"stream":"trades","T":1,"data":[{"T":1554890366040313451}]}', // the key outside the elements
      '{"stream":"trades","data":[{"T":1554890366040313451,"x":{"T":1}}]}', // nested
      '{"stream":"trades","data":[{"T":1,"T":1554890366040313451}]}', // repeated
      '{"stream":"trades","data":[{"s":"T","T":1554890366040313451}]}', // a value spelled like the key
    ]
    for (const text of refused) expect(parseFrameAt(text, ['T'])).toBeUndefined()
    // Inherited and index keys are not the elements' own: they must not take another object's token.
    expect(parseFrameAt('{"stream":"t","data":[[9007199254740993]],"x":{"0":0}}', ['0'])).toBeUndefined()
    const inherited = '{"stream":"t","data":[{},{"constructor":9007199254740993,"z":{"constructor":9007199254740995}}]}'
    expect(parseFrameAt(inherited, ['constructor'])).toBeUndefined()
  })

  it('answers for the real servers\' frames', () => {
    const text =
      '{"stream":"trades","data":[{"e":"trade","E":7549438,"s":"100K-9BC_BNB","t":"7549438-0","p":"3333.00000000",' +
      '"q":"0.02611100","b":"1D518A2563B0CB912AD70DEB7A18CD7ED2FBB7D4-11","a":"EA1AE716501D1DB0B9F295A30891D9E562828678-12",' +
      '"T":1554964166437515341,"sa":"tbnb1agdww9jsr5wmpw0jjk3s3yweu43g9pnc4p5kg7","ba":"tbnb1r4gc5ftrkr9ez2khph4h5xxd0mf0hd75jf06gw"}]}'
    expect(check(text, ['T'])).toBe(true)
  })

  it('keeps its contract on any frame: nested, repeated and index-like keys, tricky strings, spaces', () => {
    let answered = 0
    fc.assert(
      fc.property(frame, fc.constantFrom(['T'], ['T', 'O'], ['O'], ['0'], ['constructor'], ['length']), (text, keys) => {
        if (check(text, keys)) answered++
      }),
      { numRuns: 1500 },
    )
    expect(answered).toBeGreaterThan(300)
  })

  it('throws exactly when JSON.parse throws, for damaged texts', () => {
    const damage = fc.constantFrom('', '"', '\\', '1', '-', ',', '}', ']', 'T', ':')
    fc.assert(
      fc.property(frame, fc.nat(), damage, fc.constantFrom(['T', 'O'], ['0']), (text, at, insert, keys) => {
        const i = at % (text.length + 1)
        check(text.slice(0, i) + insert + text.slice(i + 1), keys)
      }),
      { numRuns: 800 },
    )
  })
})
