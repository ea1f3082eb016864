import { SimulatedMarket } from '../../../src/simulator/market/SimulatedMarket'
import { INTERVALS, decimal, drive, framesOf, text, type Step } from './driveMarket'

// 3 000 blocks 6 minutes apart (12.5 days from Thursday 25 January 2024), `second()` every third block:
// days, Monday weeks, a month and the 24 h ticker window all turn over, several short candles close
// between two pushes, and trades fall exactly on window edges. Depth and user frames are skipped.
const START = Date.UTC(2024, 0, 25, 5, 3)
const STEP = 6 * 60_000
const UNIT: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }
const DAY = 86_400_000

interface T {
  ms: number
  id: string
  p: bigint
  q: bigint
  quote: bigint
}

let market: SimulatedMarket
let steps: Step[]
const tradesOf = new Map<string, T[]>()

beforeAll(() => {
  market = new SimulatedMarket({ seed: 11 })
  const wants = (stream: string) => stream === 'trades' || /^(kline_|ticker|miniTicker|all)/.test(stream)
  steps = drive(market, { blocks: 3000, startMs: START, stepMs: STEP, secondEvery: 3, wants })
  for (const symbol of market.symbols) {
    const trades = framesOf(steps, 'trades', symbol).flat()
    tradesOf.set(
      symbol,
      trades.map((t) => {
        const [p, q] = [decimal(t.p), decimal(t.q)]
        return { ms: Number(t.T / 1_000_000n), id: t.t, p, q, quote: (p * q) / 100_000_000n }
      }),
    )
  }
})

/** The trades with from ≤ time ≤ to (trades are in time order). */
function between(trades: T[], from: number, to: number): T[] {
  const first = (time: number) => {
    let [lo, hi] = [0, trades.length]
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (trades[mid].ms < time) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  return trades.slice(first(from), first(to + 1))
}

/** What a candle or ticker over `trades` must say; `open` is the price when there is no trade. */
function summary(trades: T[], open: bigint) {
  const prices = trades.map((t) => t.p)
  const sum = (f: (t: T) => bigint) => trades.reduce((s, t) => s + f(t), 0n)
  return {
    o: prices[0] ?? open,
    c: prices[prices.length - 1] ?? open,
    h: prices.reduce((a, b) => (b > a ? b : a), prices[0] ?? open),
    l: prices.reduce((a, b) => (b < a ? b : a), prices[0] ?? open),
    v: sum((t) => t.q),
    q: sum((t) => t.quote),
    n: trades.length,
  }
}

/** The length of the candle opening at `t`, and whether it opens on its interval's boundary. */
function period(interval: string, t: number): { length: number; aligned: boolean } {
  const date = new Date(t)
  const unit = interval.slice(-1)
  if (unit === 'M') {
    return { length: Date.UTC(2024, date.getUTCMonth() + 1) - t, aligned: date.getUTCDate() === 1 }
  }
  const length = Number(interval.slice(0, -1)) * UNIT[unit]
  return { length, aligned: unit === 'w' ? date.getUTCDay() === 1 : t % length === 0 }
}

describe('SimulatedMarket candles over twelve days', () => {
  it('makes every candle from exactly the trades of its period, each published closed once', () => {
    const bad: string[] = []
    for (const symbol of market.symbols) {
      const trades = tradesOf.get(symbol)!
      for (const interval of INTERVALS) {
        const where = `${symbol} ${interval}`
        const klines = framesOf(steps, `kline_${interval}`, symbol).map((f) => f.k)
        const closed = klines.filter((k) => k.x)
        const total = [...closed, klines[klines.length - 1]].reduce((sum, k) => sum + decimal(k.v), 0n)
        if (total !== trades.reduce((sum, t) => sum + t.q, 0n)) bad.push(`${where} total volume`)
        if (closed.length === 0) bad.push(`${where} never closed`)
        let previousClose: bigint | undefined
        closed.forEach((k, i) => {
          const { length, aligned } = period(interval, k.t)
          if (i > 0 && k.t <= closed[i - 1].T) bad.push(`${where} overlap at ${k.t}`)
          if (k.T - k.t + 1 !== length || !aligned) bad.push(`${where} period ${k.t}`)
          const inside = between(trades, k.t, k.T)
          const want = summary(inside, previousClose ?? decimal(k.o))
          const [o, c, h, l, v, q] = [k.o, k.c, k.h, k.l, k.v, k.q].map(decimal)
          const got = { o, c, h, l, v, q, n: k.n }
          if (text(got) !== text(want)) bad.push(`${where} ${k.t}: ${text(got)} != ${text(want)}`)
          const ids = [inside[0]?.id ?? '', inside[inside.length - 1]?.id ?? '']
          if (k.f !== ids[0] || k.L !== ids[1]) bad.push(`${where} ids`)
          previousClose = c
        })
      }
    }
    expect(bad).toEqual([])
  })

  it('computes 24 h tickers from exactly the trades of the last 24 hours', () => {
    const bad: string[] = []
    for (const symbol of market.symbols) {
      const trades = tradesOf.get(symbol)!
      const tickers = framesOf(steps, 'ticker', symbol)
      const minis = framesOf(steps, 'miniTicker', symbol)
      const alls = framesOf(steps, 'allTickers')
      expect(tickers.length).toBe(1000)
      tickers.forEach((x, i) => {
        const last = between(trades, 0, x.C).pop()
        if (i % 5 !== 0 || !last) return
        const where = `${symbol} ${x.C}`
        const inside = between(trades, x.C - DAY + 1, x.C)
        const before = between(trades, 0, x.C - DAY)
        const s = summary(inside, last.p)
        const got = [x.o, x.c, x.h, x.l, x.v, x.q].map(decimal)
        if (got.join() !== [s.o, s.c, s.h, s.l, s.v, s.q].join() || x.n !== s.n) bad.push(`${where} stats`)
        const ids = x.F === (inside[0] ?? last).id && x.L === last.id
        if (!ids || decimal(x.Q) !== last.q) bad.push(`${where} ids`)
        if (before.length > 0 && decimal(x.x) !== before[before.length - 1].p) bad.push(`${where} prevClose`)
        const percent = ((s.c - s.o) * 10_000_000_000n) / s.o
        if (decimal(x.p) !== s.c - s.o || decimal(x.P) !== percent) bad.push(`${where} change`)
        if (s.v > 0n && decimal(x.w) !== (s.q * 100_000_000n) / s.v) bad.push(`${where} weighted average`)
        if (!(decimal(x.b) < decimal(x.a))) bad.push(`${where} best bid/ask`)
        const mini = minis[i]
        const same = (keys: string[]) => keys.every((key) => mini[key] === x[key])
        if (!same(['E', 's', 'c', 'o', 'h', 'l', 'v', 'q'])) bad.push(`${where} miniTicker`)
        if (text(alls[i].find((a: any) => a.s === symbol)) !== text(x)) bad.push(`${where} allTickers`)
      })
      // Twelve days in, the window holds about a day of trades, not all of them.
      const lastTicker = tickers[tickers.length - 1]
      expect(lastTicker.n).toBeLessThan(trades.length / 5)
      expect(lastTicker.n).toBeGreaterThan(0)
    }
    expect(bad).toEqual([])
  })
})
