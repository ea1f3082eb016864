import { SimulatedMarket, type Wants } from '../../../src/simulator/market/SimulatedMarket'
import { drive, fingerprint, frameKey, text, type Step } from './driveMarket'

const START = Date.UTC(2024, 2, 10, 8)
const BLOCKS = 400
const run = (blocks: number, wants?: Wants, seed = 3) =>
  drive(new SimulatedMarket({ seed }), { blocks, startMs: START, stepMs: 500, secondEvery: 2, wants })

let reference: Step[]
let referencePrint: string

beforeAll(() => {
  const market = new SimulatedMarket({ seed: 3 })
  reference = drive(market, { blocks: BLOCKS, startMs: START, stepMs: 500, secondEvery: 2 })
  referencePrint = text(fingerprint(market))
})

describe('SimulatedMarket determinism', () => {
  it('replays identical frames from the same seed and times', () => {
    expect(text(run(100))).toBe(text(reference.slice(0, 100)))
  })

  it('plays a different market from a different seed', () => {
    const trades = (steps: Step[]) => text(steps.flatMap((s) => s.block.filter((f) => f.stream === 'trades')))
    expect(trades(run(20, undefined, 4))).not.toBe(trades(reference.slice(0, 20)))
  })
})

describe('SimulatedMarket wants', () => {
  const addresses = new SimulatedMarket({ seed: 3 }).addresses
  const pick: Wants = (stream, key) =>
    (stream === 'trades' && key === 'BNB_BTCB-1DE') ||
    (stream === 'marketDiff' && key === 'BNB_USDT.B-B7C') ||
    (stream === 'marketDepth100' && key === '100K-9BC_BNB') ||
    (stream === 'orders' && key === addresses[2]) ||
    (stream === 'accounts' && key === addresses[0]) ||
    (stream === 'transfers' && key !== addresses[1]) ||
    (stream === 'kline_1m' && key === '100K-9BC_BNB') ||
    (stream === 'ticker' && key === 'BNB_BTCB-1DE') ||
    stream === 'allMiniTickers' ||
    stream === 'blockheight'

  it('builds exactly the wanted frames, and asks with the symbol, the address or no key', () => {
    const asked = new Set<string>()
    const picked = run(BLOCKS, (stream, key) => {
      asked.add(`${stream}:${key === undefined ? '-' : addresses.includes(key) ? 'address' : key}`)
      return pick(stream, key)
    })
    const only = (frames: Step['block']) => frames.filter((f) => pick(f.stream, frameKey(f)))
    const expected = reference.map((s) => ({ ...s, block: only(s.block), second: only(s.second) }))
    expect(text(picked)).toBe(text(expected))
    const seen = new Set(picked.flatMap((s) => [...s.block, ...s.second].map((f) => f.stream)))
    expect([...seen].sort()).toEqual([
      ...['accounts', 'allMiniTickers', 'blockheight', 'kline_1m', 'marketDepth100', 'marketDiff'],
      ...['orders', 'ticker', 'trades', 'transfers'],
    ])
    expect(asked).toContain('blockheight:-')
    expect(asked).toContain('allTickers:-')
    expect(asked).toContain('orders:address')
    expect(asked).toContain('marketDepth1000:BNB_BTCB-1DE')
    expect(asked).toContain('kline_1M:100K-9BC_BNB')
  })

  it('evolves the market identically whatever is skipped', () => {
    for (const wants of [pick, () => false]) {
      const market = new SimulatedMarket({ seed: 3 })
      const options = { blocks: BLOCKS - 1, startMs: START, stepMs: 500, secondEvery: 2, wants }
      const skipped = drive(market, options)
      if (wants !== pick) expect(skipped.every((s) => s.block.length + s.second.length === 0)).toBe(true)
      // The last block with everything wanted equals the reference's, klines and tickers included.
      const nowMs = START + (BLOCKS - 1) * 500
      const height = market.height + 1
      const last = { height, nowMs, block: market.block(nowMs), second: market.second(nowMs) }
      expect(text(last)).toBe(text(reference[BLOCKS - 1]))
      expect(text(fingerprint(market))).toBe(referencePrint)
    }
  })
})
