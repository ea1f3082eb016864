import { SimulatedMarket } from '../../../src/simulator/market/SimulatedMarket'
import {
  INTERVALS,
  applySide,
  blockFrame,
  decimal,
  drive,
  framesOf,
  sortedSide,
  text,
  type Step,
} from './driveMarket'

// 3 000 blocks of 500 ms from 23:55 UTC on 31 January: the run crosses a day and a month boundary.
// Expectations over many frames are collected and asserted once: millions of `expect` calls take minutes.
const START = Date.UTC(2024, 0, 31, 23, 55)
const BLOCKS = 3000

let market: SimulatedMarket
let steps: Step[]
const problems: string[] = []
const totals: Record<string, bigint>[] = []

/** What the open orders of `address` must hold locked, computed from the orders alone. */
function reservations(address: string): Record<string, bigint> {
  const out: Record<string, bigint> = {}
  for (const order of market.openOrders(address)) {
    const [base, quote] = order.symbol.split('_')
    const open = order.quantity - order.filled
    const [asset, amount] = order.side === 'buy' ? [quote, (order.price * open) / 100_000_000n] : [base, open]
    out[asset] = (out[asset] ?? 0n) + amount
  }
  return out
}

/** After each block: sums per asset, no negative balance, locked = reservations, accounts = balances. */
function audit(step: Step): void {
  const sum: Record<string, bigint> = { ...market.fees() }
  for (const address of market.addresses) {
    const reserved = step.height % 10 === 0 ? reservations(address) : undefined
    for (const [asset, { free, locked }] of Object.entries(market.balances(address))) {
      if (free < 0n || locked < 0n) problems.push(`${step.height} ${address} ${asset} negative`)
      if (reserved && locked !== (reserved[asset] ?? 0n)) problems.push(`${step.height} ${address} ${asset}`)
      sum[asset] += free + locked
    }
  }
  totals.push(sum)
  for (const frame of step.block.filter((f) => f.stream === 'accounts')) {
    const now = market.balances(frame.address as string)
    for (const { a, f, l } of (frame.data as any).B) {
      if (decimal(f) !== now[a].free || decimal(l) !== now[a].locked) problems.push(`${step.height} ${a}`)
    }
  }
}

const sameLevels = (a: string[][], b: string[][]) =>
  a.length === b.length && a.every(([p, q], i) => p === b[i][0] && q === b[i][1])

beforeAll(() => {
  market = new SimulatedMarket({ seed: 42 })
  steps = drive(market, { blocks: BLOCKS, startMs: START, stepMs: 500, secondEvery: 2 }, audit)
})

describe('SimulatedMarket: books', () => {
  it('never leaves a book crossed at block end, and keeps tens to hundreds of levels a side', () => {
    const bad: string[] = []
    for (const symbol of market.symbols) {
      const depths = framesOf(steps, 'marketDepth1000', symbol)
      expect(depths).toHaveLength(BLOCKS)
      for (const { bids, asks, lastUpdateId: h } of depths) {
        // Numbers order these 8-decimal prices exactly: none has more than 15 significant digits.
        const b = bids.map(([p]: string[]) => Number(p))
        const a = asks.map(([p]: string[]) => Number(p))
        if (!(b[0] < a[0])) bad.push(`${symbol} ${h} crossed`)
        if (b.some((p: number, i: number) => i > 0 && p >= b[i - 1])) bad.push(`${symbol} ${h} bids unsorted`)
        if (a.some((p: number, i: number) => i > 0 && p <= a[i - 1])) bad.push(`${symbol} ${h} asks unsorted`)
        const levels = [...bids, ...asks]
        if (levels.some(([, q]) => !/^\d+\.\d{8}$/.test(q) || Number(q) <= 0)) bad.push(`${symbol} ${h} qty`)
        const [fewest, most] = [Math.min(b.length, a.length), Math.max(b.length, a.length)]
        if (fewest < 20 || most > 800) bad.push(`${symbol} ${h} depth`)
      }
    }
    expect(bad).toEqual([])
  })

  it('full snapshot of block N + marketDiff of block N+1 = full snapshot of block N+1', () => {
    const bad: string[] = []
    for (const symbol of market.symbols) {
      const local = { bids: new Map<string, string>(), asks: new Map<string, string>() }
      let diffs = 0
      for (const step of steps) {
        const diff = blockFrame(step, 'marketDiff', symbol)
        if (diff) {
          diffs++
          applySide(local.bids, diff.b)
          applySide(local.asks, diff.a)
        }
        const depth = blockFrame(step, 'marketDepth1000', symbol)
        if (depth.lastUpdateId !== step.height) bad.push(`${symbol} ${step.height} lastUpdateId`)
        for (const side of ['bids', 'asks'] as const) {
          const levels: string[][] = depth[side]
          const same = levels.every(([p, q]) => local[side].get(p) === q)
          if (!same || levels.length !== local[side].size) bad.push(`${symbol} ${step.height} ${side}`)
        }
      }
      expect(diffs).toBeGreaterThan(BLOCKS * 0.9)
    }
    expect(bad).toEqual([])
  })

  it('top-20 snapshot + next diff is exact at every price down to the snapshot’s worst level', () => {
    const bad: string[] = []
    for (const symbol of market.symbols) {
      const tops = framesOf(steps, 'marketDepth', symbol)
      const fulls = framesOf(steps, 'marketDepth1000', symbol)
      for (let n = 0; n + 1 < steps.length; n++) {
        const diff = blockFrame(steps[n + 1], 'marketDiff', symbol)
        for (const [side, key, descending] of [['bids', 'b', true], ['asks', 'a', false]] as const) {
          const local = new Map<string, string>(tops[n][side])
          applySide(local, diff?.[key] ?? [])
          const worst = Number(tops[n][side][tops[n][side].length - 1][0])
          const inRange = ([p]: [string, string]) => (descending ? Number(p) >= worst : Number(p) <= worst)
          const got = sortedSide(local, descending).filter(inRange)
          if (!sameLevels(got, fulls[n + 1][side].filter(inRange))) bad.push(`${symbol} ${n} ${side}`)
        }
      }
    }
    expect(bad).toEqual([])
  })

  it('publishes marketDepth, marketDepth100 and marketDepth500 as prefixes of the full book', () => {
    const symbol = market.symbols[0]
    const full = framesOf(steps, 'marketDepth1000', symbol)
    const prefixes = [['marketDepth', 20], ['marketDepth100', 100], ['marketDepth500', 500]] as const
    for (const [stream, n] of prefixes) {
      const depths = framesOf(steps, stream, symbol)
      expect(depths).toHaveLength(full.length)
      const bad = depths.filter((d, i) => {
        const f = full[i]
        const same = d.lastUpdateId === f.lastUpdateId && d.symbol === f.symbol && Object.keys(d).length === 4
        return !same || !sameLevels(d.bids, f.bids.slice(0, n)) || !sameLevels(d.asks, f.asks.slice(0, n))
      })
      expect(bad).toEqual([])
    }
    const last = framesOf(steps, 'marketDepth', market.symbols[1]).pop()
    const expected = { ...last, bids: last.bids.slice(0, 5), asks: last.asks.slice(0, 5) }
    expect(market.depth(market.symbols[1].toLowerCase(), 5)).toEqual(expected)
  })
})

describe('SimulatedMarket: accounts', () => {
  it('conserves every asset (with fees), never goes negative, locks exactly what open orders reserve', () => {
    expect(problems).toEqual([])
    expect(totals).toHaveLength(BLOCKS)
    expect(totals.map(text).filter((sum) => sum !== text(totals[0]))).toEqual([])
    expect(Object.keys(totals[0]).sort()).toEqual(['100K-9BC', 'BNB', 'BTCB-1DE', 'USDT.B-B7C'])
    expect(Object.values(market.fees()).every((fee) => fee > 0n)).toBe(true)
  })

  it('reports each trade to its buyer and seller as order events with its price and quantity', () => {
    const trades = market.symbols.flatMap((symbol) => framesOf(steps, 'trades', symbol).flat())
    const fills = new Map<string, any[]>()
    for (const event of framesOf(steps, 'orders').flat()) {
      if (event.t !== '') fills.set(event.t, [...(fills.get(event.t) ?? []), event])
    }
    expect(trades.length).toBeGreaterThan(BLOCKS)
    expect(new Set(trades.map((t) => t.t)).size).toBe(trades.length)
    const bad: string[] = []
    for (const trade of trades) {
      const pair = fills.get(trade.t) ?? []
      if (pair.map((e) => e.S).sort().join() !== '1,2') bad.push(`${trade.t}: ${pair.length} events`)
      if (pair.length !== 2) continue
      const [buyer, seller] = pair[0].S === 1 ? pair : [pair[1], pair[0]]
      const wanted = [trade.b, trade.q, trade.p, trade.E, trade.a, trade.q, trade.p, trade.E].join()
      const got = [buyer.i, buyer.l, buyer.L, buyer.E, seller.i, seller.l, seller.L, seller.E].join()
      if (got !== wanted || !trade.t.startsWith(`${trade.E}-`)) bad.push(`${trade.t}: ${got} != ${wanted}`)
      // The trade is at the resting (maker) order's limit; the taker's limit is at least as good.
      const [maker, taker] = trade.tt === 2 ? [seller, buyer] : [buyer, seller]
      const [limit, price] = [decimal(taker.p), decimal(trade.p)]
      const better = trade.tt === 2 ? limit >= price : limit <= price
      if (maker.p !== trade.p || !better) bad.push(`${trade.t}: tick type ${trade.tt}`)
    }
    expect(bad).toEqual([])
  })

  it('tells each order’s story consistently, using every status', () => {
    const byOrder = new Map<string, any[]>()
    for (const event of framesOf(steps, 'orders').flat()) {
      byOrder.set(event.i, [...(byOrder.get(event.i) ?? []), event])
    }
    const statuses = new Set<string>()
    const bad: string[] = []
    for (const [id, story] of byOrder) {
      let filled = 0n
      story.forEach((event, i) => {
        statuses.add(event.X)
        filled += decimal(event.l)
        if (decimal(event.z) !== filled || filled > decimal(event.q)) bad.push(`${id} ${i} cumulative`)
        const final = ['FullyFill', 'Canceled', 'Expired', 'IocNoFill', 'IocExpire'].includes(event.X)
        if (final && i !== story.length - 1) bad.push(`${id} ${i} after ${event.X}`)
        if ((event.X === 'FullyFill') !== (event.z === event.q)) bad.push(`${id} ${i} ${event.X} ${event.z}`)
      })
    }
    expect(bad).toEqual([])
    const all = ['Ack', 'Canceled', 'Expired', 'FullyFill', 'IocExpire', 'IocNoFill', 'PartialFill']
    expect([...statuses].sort()).toEqual(all)
  })

  it('sends transfers between the simulated addresses to the sender and every receiver', () => {
    const transfers = steps.flatMap((step) => step.block.filter((f) => f.stream === 'transfers'))
    expect(transfers.length).toBeGreaterThan(0)
    for (const { data, address } of transfers) {
      const { f, t } = data as any
      expect([f, ...t.map((out: any) => out.o)]).toContain(address)
      for (const out of t) expect(market.addresses).toContain(out.o)
    }
  })
})

describe('SimulatedMarket: candles and tickers', () => {
  it('trade volume = kline volume for every interval = ticker 24 h volume', () => {
    for (const symbol of market.symbols) {
      const trades = framesOf(steps, 'trades', symbol).flat()
      const volume = trades.reduce((sum, t) => sum + decimal(t.q), 0n)
      const quote = trades.reduce((sum, t) => sum + (decimal(t.p) * decimal(t.q)) / 100_000_000n, 0n)
      for (const interval of INTERVALS) {
        const klines = framesOf(steps, `kline_${interval}`, symbol).map((k) => k.k)
        const current = klines[klines.length - 1]
        const candles = [...klines.filter((k) => k.x), current]
        expect(current.x).toBe(false)
        expect(candles.reduce((sum, k) => sum + decimal(k.v), 0n)).toBe(volume)
        expect(candles.reduce((sum, k) => sum + decimal(k.q), 0n)).toBe(quote)
        expect(candles.reduce((sum, k) => sum + k.n, 0)).toBe(trades.length)
      }
      const ticker = framesOf(steps, 'ticker', symbol).pop()
      const last = trades[trades.length - 1]
      expect([decimal(ticker.v), decimal(ticker.q), ticker.n]).toEqual([volume, quote, trades.length])
      expect([ticker.F, ticker.L, ticker.c]).toEqual([trades[0].t, last.t, last.p])
    }
  })

  it('closes the 1d and 1M candles at midnight of 1 February, once', () => {
    for (const interval of ['1d', '1M']) {
      const closed = framesOf(steps, `kline_${interval}`, market.symbols[0]).filter((k) => k.k.x)
      expect(closed.map((k) => k.k.T)).toEqual([Date.UTC(2024, 1, 1) - 1])
    }
  })
})
