import fc from 'fast-check'
import type { DepthSnapshotLike } from '../../src/internal/orderBook/depthInputs'
import { LevelTree } from '../../src/internal/orderBook/LevelTree'
import { LocalOrderBook } from '../../src/internal/orderBook/LocalOrderBook'
import type { PriceLevel } from '../../src/internal/orderBook/OrderBook'
import { InvalidLevelError } from '../../src/internal/orderBook/priceKey'
import type { Level, SortedLevels } from '../../src/internal/orderBook/SortedLevels'
import { type Op, scenario } from './arbitraries'
import { ReferenceBook, toUnits } from './referenceBook'

const S = 'BNB_BTC'
type Levels = PriceLevel[]
const snap = (lastUpdateId: number, bids: Levels, asks: Levels) => ({ lastUpdateId, symbol: S, bids, asks })
const diff = (time: number, bids: Levels, asks: Levels) => ({ time, symbol: S, bids, asks })
const prices = (levels: readonly PriceLevel[]) => levels.map(([p]) => p)

/** toEqual is slow in a hot loop: compare cheaply, and let jest render only a real difference. */
function same(got: unknown, want: unknown): void {
  if (JSON.stringify(got) !== JSON.stringify(want)) expect(got).toEqual(want)
}

function apply(book: LocalOrderBook | ReferenceBook, op: Op): boolean {
  if (book instanceof ReferenceBook) {
    if (op.kind === 'snapshot') return book.snapshot(op.snapshot)
    return op.kind === 'diff' ? book.diff(op.diff) : book.resync()
  }
  if (op.kind === 'snapshot') return book.applySnapshot(op.snapshot)
  return op.kind === 'diff' ? book.applyDiff(op.diff) : book.markOutOfSync()
}

/** No bound half of the time; otherwise a bound small enough for the scenarios' books to hit it often. */
const maxLevelsArb = fc.oneof(fc.constant(Infinity), fc.integer({ min: 1, max: 8 }))

describe('LocalOrderBook against the reference model', () => {
  // Small tree nodes (4) so that a few dozen levels already split, borrow and merge.
  for (const maxNode of [4, 32]) {
    it(`agrees after every snapshot, diff and resync (tree nodes of ${maxNode}, bounded or not)`, () => {
      fc.assert(
        fc.property(scenario, fc.nat(10), maxLevelsArb, ({ snapshotDepth, ops }, depth, maxLevels) => {
          const book = new LocalOrderBook(S, snapshotDepth, () => new LevelTree(maxNode), maxLevels)
          const model = new ReferenceBook(snapshotDepth, maxLevels)
          for (const op of ops) {
            const want = { returned: apply(model, op), ...model.view() }
            const got = {
              returned: apply(book, op),
              bids: book.bids(),
              asks: book.asks(),
              inSync: book.inSync,
              seeded: book.seeded,
              lastUpdateId: book.lastUpdateId,
              updateTime: book.updateTime,
            }
            same(got, want)
            const n = depth + 1
            same([book.bids(n), book.asks(n)], [want.bids.slice(0, n), want.asks.slice(0, n)])
            const [[bid], [ask]] = [book.bids(1), book.asks(1)]
            same([bid, ask], [want.bids[0], want.asks[0]])
            if (book.inSync && bid && ask) expect(toUnits(bid[0]) < toUnits(ask[0])).toBe(true)
            expect(book.bids().length).toBeLessThanOrEqual(maxLevels)
            expect(book.asks().length).toBeLessThanOrEqual(maxLevels)
          }
        }),
        { numRuns: 300 },
      )
    })
  }
})

describe('LocalOrderBook with maxLevels, against the same book without a bound', () => {
  // The documented guarantee: a bounded side is always a prefix of the unbounded side (the best levels, in
  // order, none skipped), as long as both saw the same frames in the same sync state. Only whether the book is
  // crossed can differ (a bounded side cannot see a crossing level beyond its frontier), so a run is compared
  // up to the first step where inSync differs.
  it('shows a prefix of what an unbounded book shows, after every step', () => {
    let compared = 0
    let shorter = 0
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 6 }), ({ snapshotDepth, ops }, maxLevels) => {
        const bounded = new LocalOrderBook(S, snapshotDepth, undefined, maxLevels)
        const unbounded = new LocalOrderBook(S, snapshotDepth)
        for (const op of ops) {
          same(apply(bounded, op), apply(unbounded, op))
          if (bounded.inSync !== unbounded.inSync) return
          compared++
          for (const side of ['bids', 'asks'] as const) {
            const kept = bounded[side]()
            const all = unbounded[side]()
            same(kept, all.slice(0, kept.length))
            expect(kept.length).toBeLessThanOrEqual(maxLevels)
            if (kept.length < Math.min(maxLevels, all.length)) shorter++
          }
          same([bounded.lastUpdateId, bounded.updateTime], [unbounded.lastUpdateId, unbounded.updateTime])
        }
      }),
      { numRuns: 300 },
    )
    // Not vacuous: many steps compared, and the frontier did make sides shorter than the bound allows.
    expect(compared).toBeGreaterThan(3000)
    expect(shorter).toBeGreaterThan(0)
  })
})

describe('LocalOrderBook', () => {
  it('orders prices numerically, not as strings (issue: string sorting of prices)', () => {
    const book = new LocalOrderBook(S)
    const bids: Levels = [['99.00000000', '1'], ['100.00000000', '1'], ['9.5', '1']]
    book.applySnapshot(snap(1, bids, [['1000', '1'], ['200.1', '1']]))
    expect(prices(book.bids())).toEqual(['100.00000000', '99.00000000', '9.5'])
    expect(prices(book.asks())).toEqual(['200.1', '1000'])
  })

  it('treats "1.5" and "1.50000000" as one level and shows the price text last received', () => {
    const book = new LocalOrderBook(S)
    book.applySnapshot(snap(1, [['1.5', '2']], []))
    book.applyDiff(diff(7, [['1.50000000', '3']], []))
    expect(book.bids()).toEqual([['1.50000000', '3']])
    book.applyDiff(diff(8, [['01.500', '0.00000000']], []))
    expect(book.bids()).toEqual([])
  })

  it('reconciles an in-sync snapshot: its range replaced, deeper levels kept (issue: stale levels)', () => {
    const book = new LocalOrderBook(S, 2)
    book.applySnapshot(snap(1, [['10', '1'], ['9', '1']], [['11', '1'], ['12', '1']]))
    book.applyDiff(diff(5, [['8', '1'], ['9.75', '1']], [['13', '1'], ['11.1', '1']]))
    // A full-depth snapshot speaks for bids >= 9.7 and asks <= 11.2: 10, 9.75, 11 and 11.1 are stale there.
    book.applySnapshot(snap(2, [['9.8', '2'], ['9.7', '2']], [['10.9', '2'], ['11.2', '2']]))
    expect(prices(book.bids())).toEqual(['9.8', '9.7', '9', '8'])
    expect(prices(book.asks())).toEqual(['10.9', '11.2', '12', '13'])
    expect([book.inSync, book.lastUpdateId, book.updateTime]).toEqual([true, 2, 5])
  })

  it('lets a snapshot with fewer levels than requested speak for the whole side', () => {
    const book = new LocalOrderBook(S, 3)
    book.applySnapshot(snap(1, [['10', '1'], ['9', '1'], ['8', '1']], [['11', '1']]))
    book.applySnapshot(snap(2, [['9.5', '1']], []))
    expect(book.bids()).toEqual([['9.5', '1']])
    expect(book.asks()).toEqual([])
  })

  it('goes out of sync when crossed and is replaced wholesale by the next snapshot', () => {
    const book = new LocalOrderBook(S, 1)
    book.applySnapshot(snap(1, [['10', '1']], [['11', '1']]))
    book.applyDiff(diff(3, [['5', '1']], []))
    book.applyDiff(diff(4, [['11', '2']], []))
    expect(book.inSync).toBe(false)
    book.applySnapshot(snap(2, [['10.5', '1']], [['11', '1']]))
    expect(book.bids()).toEqual([['10.5', '1']]) // '5' is gone although it lies beyond the snapshot's range
    expect([book.inSync, book.updateTime]).toEqual([true, 0])
  })

  it('keeps no stale level after a resync (issue: no resync after a reconnect)', () => {
    const book = new LocalOrderBook(S, 1)
    book.applySnapshot(snap(5, [['10', '1']], [['11', '1']]))
    book.applyDiff(diff(3, [['1', '1']], [['50', '1']]))
    expect(book.markOutOfSync()).toBe(true)
    expect(book.markOutOfSync()).toBe(false)
    expect(book.applyDiff(diff(4, [['2', '1']], []))).toBe(true) // applied, still out of sync
    expect(book.inSync).toBe(false)
    expect(book.applySnapshot(snap(1, [['9', '1']], [['12', '1']]))).toBe(true) // lower height accepted now
    expect([book.bids(), book.asks(), book.inSync, book.lastUpdateId]).toEqual([
      [['9', '1']],
      [['12', '1']],
      true,
      1,
    ])
  })

  it('ignores an older snapshot while in sync, and frames of another symbol', () => {
    const book = new LocalOrderBook(S, 1)
    book.applySnapshot(snap(5, [['10', '1']], [['11', '1']]))
    expect(book.applySnapshot(snap(4, [['9', '1']], [['12', '1']]))).toBe(false)
    expect(book.applySnapshot({ ...snap(6, [], []), symbol: 'XYZ_BNB' })).toBe(false)
    expect(book.applyDiff({ ...diff(1, [['10', '0']], []), symbol: 'XYZ_BNB' })).toBe(false)
    const old = { lastUpdateId: 9, bids: [['10', '1']], asks: [] } as unknown as DepthSnapshotLike
    expect(book.applySnapshot(old)).toBe(true) // servers before Feb 2019 sent no symbol
    expect(book.applyDiff({ ...diff(1, [['10', '0']], []), symbol: 'bnb_btc' })).toBe(true)
    expect([book.bids(), book.lastUpdateId]).toEqual([[], 9])
  })

  it('drops diffs before the first snapshot', () => {
    const book = new LocalOrderBook(S)
    expect(book.applyDiff(diff(1, [['10', '1']], []))).toBe(false)
    expect([book.seeded, book.bids()]).toEqual([false, []])
  })

  it('throws a clear error on bad text, goes out of sync and stays sound', () => {
    const book = new LocalOrderBook(S, 1)
    book.applySnapshot(snap(1, [['10', '1']], [['11', '1']]))
    expect(() => book.applyDiff(diff(2, [['9', '-1']], []))).toThrow(
      new InvalidLevelError('order book: quantity "-1" is not a non-negative decimal like "0.00150000"'),
    )
    expect(book.inSync).toBe(false)
    const bad = snap(2, [['1e3', '1']], [])
    expect(() => book.applySnapshot(bad)).toThrow(/price "1e3" is not a non-negative decimal/)
    expect(book.bids()).toEqual([['10', '1']]) // a bad snapshot changes nothing
    book.applySnapshot(snap(3, [['10', '2']], [['11', '2']]))
    expect([book.inSync, book.bids(), book.asks()]).toEqual([true, [['10', '2']], [['11', '2']]])
  })

  it('hands out frozen arrays of frozen levels that later changes never touch', () => {
    const book = new LocalOrderBook(S)
    const input: [string, string] = ['10', '1']
    book.applySnapshot(snap(1, [input], [['11', '1']]))
    const before = book.view()
    input[1] = '999'
    book.applyDiff(diff(2, [['10', '5'], ['9', '1']], [['11', '0']]))
    expect(before.bids).toEqual([['10', '1']])
    expect(before.asks).toEqual([['11', '1']])
    expect(Object.isFrozen(before.bids[0])).toBe(true)
    expect(Object.isFrozen(before.bids) && Object.isFrozen(before.asks)).toBe(true)
    expect(book.view()).toEqual({
      symbol: S,
      bids: [['10', '5'], ['9', '1']],
      asks: [],
      inSync: true,
      lastUpdateId: 1,
      updateTime: 2,
    })
  })
})

/** A LevelTree that counts the work done on it: levels visited by reads, inserts and removals. */
class CountingLevels implements SortedLevels {
  private readonly tree = new LevelTree()
  visited = 0
  changed = 0
  get size(): number {
    return this.tree.size
  }
  insert(level: Level): void {
    this.changed++
    this.tree.insert(level)
  }
  remove(key: string): boolean {
    this.changed++
    return this.tree.remove(key)
  }
  first = (): Level | undefined => this.tree.first()
  last = (): Level | undefined => this.tree.last()
  ascending(visit: (level: Level) => boolean): void {
    this.tree.ascending((level) => (this.visited++, visit(level)))
  }
  descending(visit: (level: Level) => boolean): void {
    this.tree.descending((level) => (this.visited++, visit(level)))
  }
  clear(): void {
    this.tree.clear()
  }
}

describe('LocalOrderBook: the cost of a diff does not grow with the book (issue 11)', () => {
  const units = (u: number) => `${Math.floor(u / 1e8)}.${String(u % 1e8).padStart(8, '0')}`
  const top = 10_000_000_000
  const bid = (rank: number, quantity = '1'): PriceLevel => [units(top - 100 * rank), quantity]

  for (const depth of [20, undefined]) {
    it(`fed a 200,000-level diff, keeps maxLevels and does O(diff + ${depth ?? 'maxLevels'}) work per one-level diff`, () => {
      const sides: CountingLevels[] = []
      const count = () => sides.reduce((n, s) => n + s.visited + s.changed, 0)
      const maxLevels = 1000
      const book = new LocalOrderBook(S, 1000, () => sides[sides.push(new CountingLevels()) - 1], maxLevels)
      const [bids, asks] = sides
      book.applySnapshot(snap(1, [bid(0)], [[units(top + 100), '1']]))
      book.applyDiff(diff(2, Array.from({ length: 200_000 }, (_, i) => bid(i + 1)), []))
      expect([bids.size, asks.size]).toEqual([maxLevels, 1])
      let last = book.view(depth)
      const perDiff: number[] = []
      for (let i = 0; i < 200; i++) {
        const before = count()
        // New levels at the top and removals push levels in and out at the bound; quantity updates in between.
        const changes = [bid(-1 - i), bid(i % 50, String(i + 2)), bid(3 * i + 1, '0'), bid(950 + (i % 40), '7')]
        book.applyDiff(diff(3 + i, [changes[i % 4]], []))
        const view = book.view(depth)
        perDiff.push(count() - before)
        expect(view.asks).toBe(last.asks) // an unchanged side is not copied
        expect(view.bids.length).toBeLessThanOrEqual(depth ?? maxLevels)
        expect(bids.size).toBeLessThanOrEqual(maxLevels)
        last = view
      }
      // Work per diff: the levels of the one side re-read for the view, plus an insert and a drop at most.
      expect(Math.max(...perDiff)).toBeLessThanOrEqual((depth ?? maxLevels) + 3)
      // And no more work when the change lies beyond the emitted levels: nothing is re-read then.
      if (depth !== undefined) {
        const before = count()
        book.applyDiff(diff(500, [bid(700, '3')], []))
        expect(book.view(depth)).toEqual({ ...last, updateTime: 500 })
        expect(count() - before).toBe(0)
      }
    })
  }
})
