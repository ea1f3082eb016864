import fc from 'fast-check'
import { InvalidLevelError, isZeroQuantity, keyBefore, priceKey } from '../../src/internal/orderBook/priceKey'
import { formatUnits, priceUnits } from './arbitraries'

const cmp = (a: string, b: string) => {
  const [ka, kb] = [priceKey(a), priceKey(b)]
  return keyBefore(ka, kb) ? -1 : keyBefore(kb, ka) ? 1 : 0
}

describe('priceKey', () => {
  it('compares numerically, not as text', () => {
    expect(cmp('100.00000000', '99.00000000')).toBe(1)
    expect(cmp('0.5', '0.49')).toBe(1)
    expect(cmp('0.5', '0.51')).toBe(-1)
    expect(cmp('0.00000001', '0.0000001')).toBe(-1)
    expect(cmp('90000000000.00000000', '9007199254740993')).toBe(-1)
    expect(cmp('9007199254740993', '9007199254740992.99999999')).toBe(1) // beyond 2^53, still exact
    expect(cmp('0', '0.00000001')).toBe(-1)
    expect(cmp('10', '9.99999999')).toBe(1)
  })

  it('gives one key to every spelling of one number', () => {
    expect(new Set(['1.5', '1.50000000', '01.5', '1.500000000000', '001.50']).size).toBe(5)
    expect(new Set(['1.5', '1.50000000', '01.5', '1.500000000000', '001.50'].map(priceKey)).size).toBe(1)
    expect(priceKey('0')).toBe(priceKey('0.00000000'))
    expect(priceKey('100')).toBe(priceKey('100.0'))
    expect(priceKey('100')).not.toBe(priceKey('10'))
    expect(priceKey('00.5')).toBe('0.50000000')
  })

  it('uses the received text itself as the key when the server wrote it canonically', () => {
    expect(priceKey('3333.00000000')).toBe('3333.00000000')
    expect(priceKey('0.00001500')).toBe('0.00001500')
    expect(priceKey('90000000000.00000000')).toBe('90000000000.00000000')
  })

  it('rejects a nonzero digit past the 8th decimal, which no Binance Chain amount has', () => {
    expect(() => priceKey('1.000000001')).toThrow('order book: price "1.000000001" has more than 8 decimals')
    expect(priceKey('1.000000010000')).toBe('1.00000001')
  })

  it('orders like BigInt over 1e-8 .. 1e5 in any spelling', () => {
    const units = fc.oneof(priceUnits, fc.bigInt({ min: 0n, max: 10n ** 13n }))
    fc.assert(
      fc.property(units, units, fc.nat(3), fc.nat(3), (a, b, sa, sb) => {
        const ka = priceKey(formatUnits(a, sa))
        const kb = priceKey(formatUnits(b, sb))
        expect([keyBefore(ka, kb), ka === kb]).toEqual([a < b, a === b])
      }),
    )
  })

  const bad = ['', '-1', '+1', '1e5', '1.', '.5', '1..5', ' 1', '1 ', '1,5', 'abc', 'NaN', 'Infinity', '0x10']
  it.each([...bad, '1'.repeat(65)])('rejects %j', (text) => {
    expect(() => priceKey(text)).toThrow(InvalidLevelError)
    expect(() => isZeroQuantity(text)).toThrow(InvalidLevelError)
  })

  it('rejects non-strings with a readable message', () => {
    const message = 'order book: price 1.5 is not a non-negative decimal like "0.00150000"'
    expect(() => priceKey(1.5)).toThrow(message)
    expect(() => isZeroQuantity(null)).toThrow('order book: quantity null is not a non-negative decimal')
  })
})

describe('isZeroQuantity', () => {
  it('recognises zero in every spelling and nothing else', () => {
    expect(['0', '0.00000000', '00', '0.0'].map(isZeroQuantity)).toEqual([true, true, true, true])
    const positive = ['0.00000001', '1', '10', '100.00000000']
    expect(positive.map(isZeroQuantity)).toEqual([false, false, false, false])
  })
})
