import { LEVEL_TEXT_LIMIT, levelText } from '../../src/internal/orderBook/levelText'

describe('levelText: a bad level as its JSON text, bounded', () => {
  it('renders a level exactly as JSON would', () => {
    expect(levelText(['abc', '1'])).toBe('["abc","1"]')
    expect(levelText(['1.123456789', '1.00000000'])).toBe('["1.123456789","1.00000000"]')
    expect(levelText(['"quoted"\n', 1.5, null, true])).toBe(JSON.stringify(['"quoted"\n', 1.5, null, true]))
    expect(levelText([undefined, ['x']])).toBe(JSON.stringify([undefined, ['x']]))
    expect(levelText('just text')).toBe('"just text"')
    expect(levelText(7)).toBe('7')
    expect(levelText(null)).toBe('null')
  })

  it('shows an object as {…}, without reading it', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('read')
        },
      },
    )
    expect(levelText(['1', hostile])).toBe('["1",{…}]')
  })

  it('cuts at the limit, however large or deep the value', () => {
    const long = levelText(['9'.repeat(10_000_000), '1'])
    expect(long).toBe(`["${'9'.repeat(LEVEL_TEXT_LIMIT - 2)}`)
    expect(levelText(new Array(10_000_000).fill('1'))).toHaveLength(LEVEL_TEXT_LIMIT)
    let deep: unknown = ['1', '1']
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(levelText(deep)).toBe('['.repeat(LEVEL_TEXT_LIMIT))
    expect(levelText(Array(1e9))).toHaveLength(LEVEL_TEXT_LIMIT) // a sparse array is not walked to its end
  })
})
