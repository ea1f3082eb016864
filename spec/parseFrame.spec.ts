import fc from 'fast-check'
import { parseFrame, stringifyFrame } from '../src/internal/parseFrame'
import { lossy } from './helpers/lossy'

const MAX = BigInt(Number.MAX_SAFE_INTEGER)

/** True when JSON.stringify writes no integer literal beyond 2^53 for `v`, and `v` holds no -0. */
function plain(v: unknown): boolean {
  if (typeof v === 'number') {
    if (Object.is(v, -0)) return false
    return !(Number.isInteger(v) && Math.abs(v) > Number.MAX_SAFE_INTEGER && Math.abs(v) < 1e21)
  }
  if (typeof v !== 'object' || v === null) return true
  return Object.values(v).every(plain)
}

const unsafeBigInt = fc.oneof(
  fc.bigInt({ min: MAX + BigInt(1), max: BigInt(2) ** BigInt(90) }),
  fc.bigInt({ min: -(BigInt(2) ** BigInt(90)), max: -(MAX + BigInt(1)) }),
)
/** Strings that try to fool the scanner: digits, quotes, backslashes, NULs and the marker's own text. */
const trickyString = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.stringMatching(/^[0-9"\\:,\u0000ns -]{0,30}$/),
  fc.constantFrom('\u0000n12345678901234567890', '\u0000s', 'x:12345678901234567890'),
  fc.constantFrom('\\"', '"1234567890123456789'),
)
/** Keys that include array-index-like ones, which objects enumerate first. */
const key = fc.oneof(fc.string(), fc.constantFrom('0', '1', '10', '2', '\u0000n1', 'T'))
const { value: exotic } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    unsafeBigInt,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => plain(n)),
    trickyString,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(key, tie('value'), { maxKeys: 5 }),
  ),
}))

describe('parseFrame', () => {
  it('reads the real servers\' 19-digit nanosecond times exactly', () => {
    const text = '{"stream":"orders","data":[{"T":1554890366040313451,"O":1554890366040313451}]}'
    const frame = parseFrame(text) as { data: { T: bigint; O: bigint }[] }
    expect(frame.data[0].T).toBe(BigInt('1554890366040313451'))
    expect(frame.data[0].O).toBe(BigInt('1554890366040313451'))
  })

  it('keeps safe integers, floats and exponents as numbers', () => {
    expect(parseFrame('[9007199254740991,-9007199254740991,1.5,-0.25,1e3,1554964484]')).toEqual([
      9007199254740991, -9007199254740991, 1.5, -0.25, 1000, 1554964484,
    ])
    // 16 digits, one past the limit; a float and an exponent beyond 2^53 stay what JSON.parse makes of them.
    expect(parseFrame('[9007199254740992,12345678901234567890.5,1.5e300,1e20]')).toEqual([
      BigInt('9007199254740992'),
      12345678901234567890.5,
      1.5e300,
      1e20,
    ])
    // The largest safe integers stay numbers beside an unsafe one.
    expect(parseFrame('[9007199254740991,12345678901234567890,-9007199254740991,1000000000000000]')).toEqual([
      9007199254740991,
      BigInt('12345678901234567890'),
      -9007199254740991,
      1000000000000000,
    ])
  })

  it('reads negative big integers', () => {
    expect(parseFrame('{"a":-12345678901234567890,"b":[-9007199254740993]}')).toEqual({
      a: BigInt('-12345678901234567890'),
      b: [BigInt('-9007199254740993')],
    })
  })

  it('leaves digits inside strings untouched', () => {
    const text = '{"M":"x:12345678901234567890","H":"08B71F862CDB8","T":12345678901234567890}'
    expect(parseFrame(text)).toEqual({
      M: 'x:12345678901234567890',
      H: '08B71F862CDB8',
      T: BigInt('12345678901234567890'),
    })
  })

  it('tracks strings across escaped quotes and backslashes', () => {
    const text = String.raw`{"a":"say \"12345678901234567890\"","b":"\\","c":12345678901234567891,` +
      String.raw`"d":"\\\"99999999999999999999"}`
    expect(parseFrame(text)).toEqual({
      a: 'say "12345678901234567890"',
      b: '\\',
      c: BigInt('12345678901234567891'),
      d: '\\"99999999999999999999',
    })
  })

  it('handles nested arrays and a bare big integer', () => {
    expect(parseFrame('[[["1","2"]],[[12345678901234567890,[-1.5]]]]')).toEqual([
      [['1', '2']],
      [[BigInt('12345678901234567890'), [-1.5]]],
    ])
    expect(parseFrame(' 12345678901234567890 ')).toBe(BigInt('12345678901234567890'))
  })

  it('gives repeated keys the last value, as JSON.parse does', () => {
    expect(parseFrame('{"T":"x","b":11111111111111111111,"T":22222222222222222222}')).toEqual({
      T: BigInt('22222222222222222222'),
      b: BigInt('11111111111111111111'),
    })
    expect(parseFrame('{"T":11111111111111111111,"T":"x"}')).toEqual({ T: 'x' })
  })

  it('pairs values with their text when index-like keys reorder the object', () => {
    // Both literals round to the same double, so only their text tells them apart.
    expect(parseFrame('{"2":11111111111111111111,"1":11111111111111111112}')).toEqual({
      1: BigInt('11111111111111111112'),
      2: BigInt('11111111111111111111'),
    })
  })

  it('cannot be fooled by strings that look like its own markers', () => {
    const text = String.raw`{"1":"\u0000n5","\u0000n7":"\u0000s","0":12345678901234567890}`
    expect(parseFrame(text)).toEqual({
      0: BigInt('12345678901234567890'),
      1: '\u0000n5',
      '\u0000n7': '\u0000s',
    })
  })

  it('stores a big integer under a "__proto__" key as an own property', () => {
    // JSON.parse makes "__proto__" an own data property; the result must keep it so, not set the prototype.
    const value = parseFrame('{"__proto__":12345678901234567890}') as object
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toBe(BigInt('12345678901234567890'))
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype)
  })

  it('throws SyntaxError on malformed JSON', () => {
    const malformed = ['', '{', '{"a":1,}', 'NaN', '{"a":01}']
    malformed.push('[0012345678901234567]', '{"a":"12345678901234567890}')
    for (const text of malformed) {
      expect(() => parseFrame(text)).toThrow(SyntaxError)
    }
  })

  it('equals JSON.parse for any JSON text without big integers', () => {
    fc.assert(
      fc.property(
        fc.jsonValue().filter(plain),
        fc.boolean(),
        (value, pretty) => {
          const text = JSON.stringify(value, null, pretty ? 2 : undefined)
          expect(parseFrame(text)).toEqual(JSON.parse(text))
          expect(parseFrame(text)).toEqual(value)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('round-trips any value with big integers through stringifyFrame', () => {
    fc.assert(
      fc.property(exotic, (value) => {
        expect(parseFrame(stringifyFrame(value))).toEqual(value)
      }),
      { numRuns: 300 },
    )
  })

  it('keeps the last of repeated keys for any values', () => {
    fc.assert(
      fc.property(exotic, exotic, (first, last) => {
        const text = `{"k":${stringifyFrame(first)},"k":${stringifyFrame(last)}}`
        expect(parseFrame(text)).toEqual({ k: last })
      }),
      { numRuns: 200 },
    )
  })

  it('throws exactly when JSON.parse throws, for damaged texts', () => {
    const damage = fc.constantFrom('', '"', '\\', '1', '-', ',', '}', '.')
    fc.assert(
      fc.property(exotic, fc.nat(), damage, (value, at, insert) => {
        const text = stringifyFrame(value)
        const i = at % (text.length + 1)
        const damaged = text.slice(0, i) + insert + text.slice(i + 1)
        let expected: unknown
        try {
          expected = JSON.parse(damaged)
        } catch {
          expect(() => parseFrame(damaged)).toThrow(SyntaxError)
          return
        }
        expect(lossy(parseFrame(damaged))).toEqual(expected)
      }),
      { numRuns: 300 },
    )
  })
})

describe('stringifyFrame', () => {
  it('writes bigints as bare integer literals', () => {
    const value = { T: BigInt('1554890366040313451'), n: [BigInt(-5)] }
    expect(stringifyFrame(value)).toBe('{"T":1554890366040313451,"n":[-5]}')
  })

  it('equals JSON.stringify on plain data', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(stringifyFrame(value)).toBe(JSON.stringify(value))
      }),
      { numRuns: 300 },
    )
    const withUndefined = { a: undefined, b: [undefined, () => 1], c: new Date(0), d: NaN }
    expect(stringifyFrame(withUndefined)).toBe(JSON.stringify(withUndefined))
  })

  it('throws TypeError for a value with no JSON form', () => {
    expect(() => stringifyFrame(undefined)).toThrow(TypeError)
  })
})
