import { DexInputError } from '../../../src/errors'
import { formatFixed8, parseFixed8 } from '../../../src/simulator/market/fixed8'
import { klinePeriod } from '../../../src/simulator/market/klinePeriod'
import { buildPairs, startingBalances } from '../../../src/simulator/market/pairs'
import { Prng } from '../../../src/simulator/market/Prng'
import { SimulatedMarket } from '../../../src/simulator/market/SimulatedMarket'

describe('fixed8', () => {
  it('formats 1e-8 units as 8-decimal strings', () => {
    expect(formatFixed8(1500n)).toBe('0.00001500')
    expect(formatFixed8(6666600000000n)).toBe('66666.00000000')
    expect(formatFixed8(-123n)).toBe('-0.00000123')
    expect(formatFixed8(0n)).toBe('0.00000000')
  })

  it('parses decimals exactly and rejects anything else', () => {
    expect(parseFixed8('0.000015')).toBe(1500n)
    expect(parseFixed8('28.5')).toBe(2_850_000_000n)
    expect(parseFixed8('7')).toBe(700_000_000n)
    for (const bad of ['1e-8', '0.000000001', '-1', '', '1.']) {
      expect(() => parseFixed8(bad)).toThrow(DexInputError)
    }
  })
})

describe('klinePeriod', () => {
  const at = Date.UTC(2024, 1, 29, 13, 47, 12, 345) // Thursday 29 February 2024 (a leap day)
  it.each([
    ['1m', Date.UTC(2024, 1, 29, 13, 47), Date.UTC(2024, 1, 29, 13, 48)],
    ['15m', Date.UTC(2024, 1, 29, 13, 45), Date.UTC(2024, 1, 29, 14, 0)],
    ['8h', Date.UTC(2024, 1, 29, 8), Date.UTC(2024, 1, 29, 16)],
    ['1d', Date.UTC(2024, 1, 29), Date.UTC(2024, 2, 1)],
    ['1w', Date.UTC(2024, 1, 26), Date.UTC(2024, 2, 4)],
    ['1M', Date.UTC(2024, 1, 1), Date.UTC(2024, 2, 1)],
  ] as const)('%s candles are UTC-aligned and close 1 ms before the next', (interval, open, next) => {
    expect(klinePeriod(interval, at)).toEqual({ openTime: open, closeTime: next - 1 })
    expect(klinePeriod(interval, next - 1)).toEqual({ openTime: open, closeTime: next - 1 })
    expect(klinePeriod(interval, next).openTime).toBe(next)
  })
})

describe('pairs', () => {
  it('derives ticks with five significant digits and lots that make every notional exact', () => {
    const symbols = ['BNB_BTCB-1DE', '100K-9BC_BNB', 'BNB_USDT.B-B7C', 'XYZ-123_BNB']
    const prices = { 'XYZ-123_BNB': '1234567.891' }
    const pairs = buildPairs(symbols, prices, startingBalances(symbols, prices))
    const shown = pairs.map((p) => [p.tick, p.lot, p.startPrice].map(formatFixed8))
    expect(shown).toEqual([
      ['0.00000010', '0.10000000', '0.00245000'],
      ['0.00000001', '1.00000000', '0.00001500'],
      ['0.00100000', '0.00001000', '28.50000000'],
      ['100.00000000', '0.00000001', '1234500.00000000'],
    ])
    for (const p of pairs) expect((p.tick * p.lot) % 100_000_000n).toBe(0n)
    const typical = pairs.map((p) => formatFixed8(p.typicalQty))
    expect(typical).toEqual(['5.00000000', '250000.00000000', '5.00000000', '0.00000250'])
  })
})

describe('Prng', () => {
  it('replays the same numbers for the same seed, in [0, 1)', () => {
    const a = new Prng(9)
    const b = new Prng(9)
    const xs = Array.from({ length: 1000 }, () => a.next())
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b.next()))
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true)
    expect(new Set(xs).size).toBe(1000)
    expect(new Prng(10).next()).not.toBe(xs[0])
  })
})

describe('SimulatedMarket options', () => {
  it.each([
    [{ symbols: [] }, /symbols/],
    [{ symbols: ['BNB'] }, /BNB/],
    [{ symbols: ['A_B', 'a_b'] }, /distinct/],
    [{ traders: 1 }, /traders/],
    [{ activity: 0 }, /activity/],
    [{ blockIntervalMs: -5 }, /blockIntervalMs/],
    [{ startHeight: 0 }, /startHeight/],
    [{ network: 'moonnet' as 'mainnet' }, /network/],
    [{ startPrices: { 'BNB_BTCB-1DE': '0' } }, /startPrices/],
    [{ startPrices: { 'BNB_BTCB-1DE': 'cheap' } }, /cheap/],
  ])('rejects %j with a DexInputError', (options, message) => {
    expect(() => new SimulatedMarket(options)).toThrow(DexInputError)
    expect(() => new SimulatedMarket(options)).toThrow(message)
  })

  it('applies the defaults and the options it is given', () => {
    const market = new SimulatedMarket()
    expect(market.symbols).toEqual(['BNB_BTCB-1DE', '100K-9BC_BNB', 'BNB_USDT.B-B7C'])
    expect([market.addresses.length, market.blockIntervalMs, market.height]).toEqual([6, 500, 99_999_999])
    const options = { symbols: ['abc-1_bnb'], traders: 3, startHeight: 5, blockIntervalMs: 9 }
    const custom = new SimulatedMarket(options)
    custom.block(0)
    const { symbols, addresses, height, blockIntervalMs } = custom
    expect([symbols, addresses.length, height, blockIntervalMs]).toEqual([['ABC-1_BNB'], 3, 5, 9])
    expect(custom.depth('ABC-1_BNB', 1).bids[0][0]).toMatch(/^0\.99\d{6}$/)
    expect(() => custom.depth('BNB_BTCB-1DE', 1)).toThrow(DexInputError)
    expect(() => custom.balances('tbnb1nobody')).toThrow(DexInputError)
  })
})

describe('SimulatedMarket calls', () => {
  it('rejects a bad time or depth without changing the market', () => {
    const market = new SimulatedMarket({ seed: 1 })
    market.block(1_000)
    const before = market.depth('BNB_BTCB-1DE', 1000)
    expect(() => market.block(Number.NaN)).toThrow(DexInputError)
    expect(() => market.second(-1)).toThrow(DexInputError)
    expect(() => market.depth('BNB_BTCB-1DE', -1)).toThrow(DexInputError)
    expect(market.height).toBe(100_000_000)
    expect(market.depth('BNB_BTCB-1DE', 1000)).toEqual(before)
  })
})
