import { either } from 'fp-ts'
import { bech32Decode, convertBits } from '../../../src/internal/bech32'
import { parseFrame, stringifyFrame } from '../../../src/internal/parseFrame'
import type { MarketFrame } from '../../../src/simulator/market/SimulatedMarket'
import { SimulatedMarket } from '../../../src/simulator/market/SimulatedMarket'
import { INTERVALS, drive, type Step } from './driveMarket'
import { topicDecoder } from '../../../src/internal/topicTable'

// 650 blocks: enough for GTE orders to expire (after 600 blocks), so every order status is on the wire.
const START = Date.UTC(2024, 4, 1, 12)
const BLOCKS = 650

let market: SimulatedMarket
let steps: Step[]
const all = (): { frame: MarketFrame; step: Step }[] =>
  steps.flatMap((step) => [...step.block, ...step.second].map((frame) => ({ frame, step })))

beforeAll(() => {
  market = new SimulatedMarket({ seed: 7 })
  steps = drive(market, { blocks: BLOCKS, startMs: START, stepMs: 500, secondEvery: 2 })
})

const KEYS: Record<string, string> = {
  trades: 'e E s t p q b a T sa ba tt',
  orders: 'e E s S o f q p x X i l z L n T t O',
  accounts: 'e E B',
  transfers: 'e E H M f t',
  marketDiff: 'e E s b a',
  marketDepth: 'lastUpdateId symbol bids asks',
  kline: 'e E s k',
  ticker: 'e E s p P w x c Q b B a A o h l v q O C F L n',
  miniTicker: 'e E s c o h l v q',
  blockheight: 'h',
}
const ARRAY_OF: Record<string, string> = { allTickers: 'ticker', allMiniTickers: 'miniTicker' }
const family = (stream: string): string => {
  if (stream.startsWith('kline_')) return 'kline'
  return stream.startsWith('marketDepth') ? 'marketDepth' : (ARRAY_OF[stream] ?? stream)
}

const hexOf = (address: string): string => {
  const decoded = bech32Decode(address)
  if (!decoded.ok) throw new Error(decoded.reason)
  return convertBits(decoded.words, 5, 8, false)
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase()
}

describe('SimulatedMarket wire format', () => {
  it('produces every topic of the wire protocol', () => {
    const streams = new Set(all().map(({ frame }) => frame.stream))
    const expected = [
      ...['trades', 'orders', 'accounts', 'transfers', 'marketDiff', 'blockheight'],
      ...['marketDepth', 'marketDepth100', 'marketDepth500', 'marketDepth1000'],
      ...['ticker', 'miniTicker', 'allTickers', 'allMiniTickers'],
      ...INTERVALS.map((interval) => `kline_${interval}`),
    ]
    expect([...streams].sort()).toEqual(expected.sort())
  })

  it('decodes with the client codecs, after a round trip through the frame text', () => {
    const failures: string[] = []
    for (const { frame, step } of all()) {
      // Every user frame (they carry every order status); of the market frames, every 10th block's.
      // The text round trip (bigint times survive it) is slower: every 50th block's frames.
      if (frame.address === undefined && step.height % 10 !== 0) continue
      if (step.height % 50 === 0) {
        const text = stringifyFrame({ stream: frame.stream, data: frame.data })
        if (stringifyFrame(parseFrame(text)) !== text) failures.push(`${frame.stream}: round trip ${text}`)
      }
      const decoder = topicDecoder(frame.stream)
      if (!decoder) throw new Error(`no decoder for ${frame.stream}`)
      for (const element of decoder.array ? (frame.data as unknown[]) : [frame.data]) {
        const result = decoder.decode(element)
        if (either.isLeft(result)) failures.push(`${frame.stream}: ${result.left}`)
      }
    }
    expect(failures).toEqual([])
  })

  it('uses exactly the wire keys, in their documented order, with their units', () => {
    const bad: string[] = []
    const seconds = (step: Step) => Math.floor(step.nowMs / 1000)
    const nanos = (step: Step, value: unknown) =>
      typeof value === 'bigint' && value.toString().length === 19 && value / 1_000_000n === BigInt(step.nowMs)
    for (const { frame, step } of all()) {
      const kind = family(frame.stream)
      for (const item of Array.isArray(frame.data) ? frame.data : [frame.data]) {
        const keys = Object.keys(item).join(' ')
        if (keys !== KEYS[kind]) bad.push(`${frame.stream} keys ${keys}`)
        const x = item as Record<string, any>
        const ok: Record<string, () => boolean> = {
          trades: () => x.E === step.height && nanos(step, x.T) && (x.tt === 1 || x.tt === 2),
          orders: () => x.E === step.height && nanos(step, x.T) && typeof x.O === 'bigint' && x.O <= x.T,
          accounts: () => x.E === step.height && x.B.every((b: any) => Object.keys(b).join() === 'a,f,r,l'),
          transfers: () => x.E === step.height && /^[0-9A-F]{64}$/.test(x.H),
          marketDiff: () => x.E === seconds(step),
          marketDepth: () => x.lastUpdateId === step.height,
          kline: () => x.E === seconds(step) && x.k.t <= step.nowMs && x.k.T > x.k.t && x.k.s === x.s,
          ticker: () => x.E === seconds(step) && x.C === step.nowMs && x.C - x.O === 86_400_000,
          miniTicker: () => x.E === seconds(step) && x.e === '24hrMiniTicker',
          blockheight: () => x.h === step.height,
        }
        if (!ok[kind]()) bad.push(`${frame.stream} units ${stringifyFrame(item)}`)
      }
    }
    expect(bad).toEqual([])
  })

  it('names orders <address bytes hex>-<sequence> and addresses in valid bech32', () => {
    const hexes = new Map(market.addresses.map((address) => [address, hexOf(address)]))
    expect(market.addresses.every((a) => a.startsWith('tbnb1') && bech32Decode(a).ok)).toBe(true)
    const bad: string[] = []
    for (const { frame } of all()) {
      if (frame.stream === 'trades') {
        for (const t of frame.data as any[]) {
          if (!t.b.startsWith(`${hexes.get(t.ba)}-`) || !t.a.startsWith(`${hexes.get(t.sa)}-`)) bad.push(t.t)
        }
      }
      if (frame.stream === 'orders') {
        for (const o of frame.data as any[]) {
          if (!/^[0-9A-F]{40}-\d+$/.test(o.i) || !o.i.startsWith(hexes.get(frame.address!))) bad.push(o.i)
        }
      }
    }
    expect(bad).toEqual([])
    const mainnet = new SimulatedMarket({ network: 'mainnet' }).addresses
    expect(mainnet.every((a) => /^bnb1[a-z0-9]{38}$/.test(a) && bech32Decode(a).ok)).toBe(true)
  })
})
