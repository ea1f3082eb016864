import {
  clock,
  compactAmount,
  decimalColumn,
  fit,
  fromUnits,
  percent,
  toMillis,
  toUnits,
  trimZeros,
} from '../../src/cli/demo/format'
import { toNdjson } from '../../src/cli/ndjson'

describe('toNdjson', () => {
  it('writes one line with bigints as strings, digits intact', () => {
    const line = toNdjson({ tradeTime: 1554890366040313451n, price: '0.1', nested: [{ t: 2n ** 64n }] })
    expect(line).toBe(
      '{"tradeTime":"1554890366040313451","price":"0.1","nested":[{"t":"18446744073709551616"}]}\n',
    )
    expect(toNdjson(100_000_001)).toBe('100000001\n')
  })
})

describe('demo formatting', () => {
  it('fit pads and cuts to the exact width', () => {
    expect(fit('ab', 4)).toBe('ab  ')
    expect(fit('ab', 4, 'right')).toBe('  ab')
    expect(fit('abcdef', 4)).toBe('abc…')
    expect(fit('abc', 0)).toBe('')
  })

  it('decimalColumn lines up decimal points, drops zeros all share, cuts what does not fit', () => {
    expect(decimalColumn(['0.00245000', '0.00244900'], 12)).toEqual(['0.002450', '0.002449'])
    expect(decimalColumn(['12.50000000', '3.00000000'], 14)).toEqual(['12.5', '3.0'])
    expect(decimalColumn(['5.00000000'], 14)).toEqual(['5'])
    expect(decimalColumn(['2283435.12345678', '1.5'], 10)).toEqual(['2283435.12', '1.50'])
    expect(decimalColumn(['123456789.5'], 9)).toEqual(['123456789'])
  })

  it('trimZeros, compactAmount and percent shorten summary values', () => {
    expect(trimZeros('28.50000000')).toBe('28.5')
    expect(trimZeros('12.00000000')).toBe('12')
    expect(trimZeros('100')).toBe('100')
    expect(compactAmount('123.45000000')).toBe('123.45')
    expect(compactAmount('45678.90000000')).toBe('45678.9')
    expect(compactAmount('0.123456789')).toBe('0.12345678')
    expect(compactAmount('123456.7')).toBe('123.5k')
    expect(compactAmount('2500000')).toBe('2.50M')
    expect(compactAmount('7100000000')).toBe('7.10B')
    expect(percent('1.5')).toBe('+1.50%')
    expect(percent('-0.04081632')).toBe('-0.04%')
    expect(percent('0.00000000')).toBe('0.00%')
  })

  it('toUnits and fromUnits compute in exact 1e-8 units', () => {
    expect(toUnits('0.00245300')).toBe(245_300n)
    expect(toUnits('-1.5')).toBe(-150_000_000n)
    expect(toUnits('1.123456789')).toBe(112_345_678n)
    expect(toUnits('abc')).toBeUndefined()
    expect(fromUnits(100n)).toBe('0.00000100')
    expect(fromUnits(-150_000_000n)).toBe('-1.50000000')
  })

  it('toMillis reads nano-, micro- and milliseconds; clock prints UTC or local time', () => {
    expect(toMillis(1_709_296_496_123_456_789n)).toBe(1_709_296_496_123)
    expect(toMillis(1_709_296_496_123_456n)).toBe(1_709_296_496_123)
    expect(toMillis(1_709_296_496_123)).toBe(1_709_296_496_123)
    expect(clock(1_709_296_496_123, 'utc')).toBe('12:34:56')
    expect(clock(1_709_296_496_123, 'utc', false)).toBe('12:34')
    expect(clock(1_709_296_496_123, 'local')).toMatch(/^\d\d:\d\d:\d\d$/)
    expect(clock(NaN, 'utc')).toBe('--:--')
  })
})
