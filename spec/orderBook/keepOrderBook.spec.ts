import { NEVER, Subject } from 'rxjs'
import { TestScheduler } from 'rxjs/testing'
import { DexInputError } from '../../src/errors'
import type { DepthSnapshotLike, DepthUpdateLike } from '../../src/internal/orderBook/depthInputs'
import { type KeepOrderBookOptions, keepOrderBook } from '../../src/internal/orderBook/keepOrderBook'
import type { OrderBook, PriceLevel } from '../../src/internal/orderBook/OrderBook'
import { InvalidLevelError } from '../../src/internal/orderBook/priceKey'

const S = 'BNB_BTC'
type Levels = PriceLevel[]
const snap = (lastUpdateId: number, bids: Levels, asks: Levels): DepthSnapshotLike => ({
  lastUpdateId,
  symbol: S,
  bids,
  asks,
})
const diff = (time: number, bids: Levels, asks: Levels): DepthUpdateLike => ({ time, symbol: S, bids, asks })
const book = (o: Partial<OrderBook>): OrderBook => ({
  symbol: S,
  bids: [],
  asks: [],
  inSync: true,
  lastUpdateId: 0,
  updateTime: 0,
  ...o,
})

let scheduler: TestScheduler
beforeEach(() => {
  scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected))
})

describe('keepOrderBook', () => {
  it('emits first after the first snapshot, dropping earlier diffs, then after every diff', () => {
    scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const snapshots = hot('---s------', { s: snap(7, [['10', '1']], [['11', '1']]) })
      const diffs = hot('-d---e----', { d: diff(1, [['9', '1']], []), e: diff(2, [], [['12', '3']]) })
      const resyncs = cold('----------')
      expectObservable(keepOrderBook(S, snapshots, diffs, resyncs)).toBe('---a-b----', {
        a: book({ bids: [['10', '1']], asks: [['11', '1']], lastUpdateId: 7 }),
        b: book({ bids: [['10', '1']], asks: [['11', '1'], ['12', '3']], lastUpdateId: 7, updateTime: 2 }),
      })
      for (const source of [snapshots, diffs, resyncs]) expectSubscriptions(source.subscriptions).toBe('^')
    })
  })

  it('marks the book out of sync on a resync and lets the next snapshot replace every level', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const snapshots = hot('-s-----t--', {
        s: snap(5, [['10', '1']], [['11', '1']]),
        t: snap(2, [['9', '4']], [['11', '1']]),
      })
      const diffs = hot('---d------', { d: diff(30, [['1', '1']], []) })
      const resyncs = hot('r----rr---')
      const kept: Partial<OrderBook> = {
        bids: [['10', '1'], ['1', '1']],
        asks: [['11', '1']],
        lastUpdateId: 5,
        updateTime: 30,
      }
      expectObservable(keepOrderBook(S, snapshots, diffs, resyncs)).toBe('-a-b-c-e--', {
        a: book({ bids: [['10', '1']], asks: [['11', '1']], lastUpdateId: 5 }),
        b: book(kept),
        c: book({ ...kept, inSync: false }), // one emission although the resync came twice
        e: book({ bids: [['9', '4']], asks: [['11', '1']], lastUpdateId: 2 }), // no stale '1', no stale '10'
      })
    })
  })

  it('throttles with leading and trailing emissions, showing the latest state', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const snapshots = hot('s---------', { s: snap(1, [['10', '1']], [['11', '1']]) })
      const diffs = hot('-de-f---g-', {
        d: diff(1, [['10', '2']], []),
        e: diff(2, [['10', '3']], []),
        f: diff(3, [['10', '4']], []),
        g: diff(4, [['10', '5']], []),
      })
      const at = (q: string, updateTime: number) =>
        book({ bids: [['10', q]], asks: [['11', '1']], lastUpdateId: 1, updateTime })
      expectObservable(keepOrderBook(S, snapshots, diffs, NEVER, { throttleMs: 5 })).toBe('a----b----c', {
        a: at('1', 0),
        b: at('4', 3),
        c: at('5', 4),
      })
    })
  })

  it('limits each emitted side to depth levels', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const s = snap(1, [['8', '1'], ['10', '1'], ['9', '1']], [['12', '1'], ['11', '1']])
      const snapshots = hot('s-', { s })
      expectObservable(keepOrderBook(S, snapshots, NEVER, NEVER, { depth: 2 })).toBe('a-', {
        a: book({ bids: [['10', '1'], ['9', '1']], asks: [['11', '1'], ['12', '1']], lastUpdateId: 1 }),
      })
    })
  })

  it('reconciles according to the requested snapshot depth (levels)', () => {
    const full: PriceLevel[] = Array.from({ length: 20 }, (_, i) => [String(100 - i), '1'])
    const run = (levels?: 100) => {
      const out: OrderBook[] = []
      const snapshots = new Subject<DepthSnapshotLike>()
      const diffs = new Subject<DepthUpdateLike>()
      keepOrderBook(S, snapshots, diffs, NEVER, { levels }).subscribe((b) => out.push(b))
      snapshots.next(snap(1, full, [['200', '1']]))
      diffs.next(diff(1, [['50', '1']], []))
      snapshots.next(snap(2, full, [['200', '1']]))
      return out[out.length - 1].bids.length
    }
    expect(run()).toBe(21) // 20 levels of 20 (the default) cover 100..81: the level at 50 is kept
    expect(run(100)).toBe(20) // 20 levels of 100 requested cover the whole side
  })

  it('turns a bad frame into an out-of-sync book and an onError report, and goes on', () => {
    const errors: Error[] = []
    scheduler.run(({ hot, expectObservable }) => {
      const snapshots = hot('s---t-', {
        s: snap(1, [['10', '1']], [['11', '1']]),
        t: snap(2, [['10', '2']], [['11', '2']]),
      })
      const diffs = hot('--d---', { d: diff(9, [['ten', '1']], []) })
      const onError = (e: Error) => errors.push(e)
      expectObservable(keepOrderBook(S, snapshots, diffs, NEVER, { onError })).toBe('a-b-c-', {
        a: book({ bids: [['10', '1']], asks: [['11', '1']], lastUpdateId: 1 }),
        b: book({ bids: [['10', '1']], asks: [['11', '1']], lastUpdateId: 1, inSync: false }),
        c: book({ bids: [['10', '2']], asks: [['11', '2']], lastUpdateId: 2 }),
      })
    })
    const message = 'order book: price "ten" is not a non-negative decimal like "0.00150000"'
    expect(errors).toEqual([new InvalidLevelError(message)])
  })

  it('does not emit for a bad first snapshot; the next good one comes first', () => {
    const errors: Error[] = []
    scheduler.run(({ hot, expectObservable }) => {
      const snapshots = hot('s-t-', { s: snap(1, [['1', 'lots']], []), t: snap(2, [['1', '2']], []) })
      const onError = (e: Error) => errors.push(e)
      expectObservable(keepOrderBook(S, snapshots, NEVER, NEVER, { onError })).toBe('--a-', {
        a: book({ bids: [['1', '2']], lastUpdateId: 2 }),
      })
    })
    expect(errors).toEqual([expect.any(InvalidLevelError)])
  })

  it('errors the stream, rather than throwing, when onError itself throws', () => {
    scheduler.run(({ hot, expectObservable, expectSubscriptions }) => {
      const snapshots = hot('s-t-', { s: snap(1, [], []), t: snap(2, [['x', '1']], []) })
      const diffs = hot<DepthUpdateLike>('----')
      const boom = new Error('boom')
      const onError = () => {
        throw boom
      }
      const a = book({ lastUpdateId: 1 })
      expectObservable(keepOrderBook(S, snapshots, diffs, NEVER, { onError })).toBe('a-#', { a }, boom)
      expectSubscriptions(snapshots.subscriptions).toBe('^-!')
      expectSubscriptions(diffs.subscriptions).toBe('^-!')
    })
  })

  it('completes when snapshots and diffs complete, and passes their errors through', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const snapshots = cold('s-|', { s: snap(1, [], []) })
      const diffs = cold<DepthUpdateLike>('----|')
      const resyncs = cold('------')
      const a = book({ lastUpdateId: 1 })
      expectObservable(keepOrderBook(S, snapshots, diffs, resyncs)).toBe('a---|', { a })
      expectSubscriptions(resyncs.subscriptions).toBe('^---!')
      const failing = cold<DepthUpdateLike>('--#', undefined, new Error('drop'))
      const moreResyncs = cold('------')
      const failed = keepOrderBook(S, snapshots, failing, moreResyncs)
      expectObservable(failed).toBe('a-#', { a }, new Error('drop'))
      expectSubscriptions(moreResyncs.subscriptions).toBe('^-!')
    })
  })

  it('never changes an emitted book afterwards', () => {
    const out: OrderBook[] = []
    const snapshots = new Subject<DepthSnapshotLike>()
    const diffs = new Subject<DepthUpdateLike>()
    keepOrderBook(S, snapshots, diffs, NEVER).subscribe((b) => out.push(b))
    snapshots.next(snap(1, [['10', '1'], ['9', '1']], [['11', '1']]))
    const first = JSON.stringify(out[0])
    diffs.next(diff(2, [['10', '0'], ['9', '7'], ['9.5', '1']], [['11', '2']]))
    snapshots.next(snap(3, [['8', '1']], [['12', '1']]))
    expect(out).toHaveLength(3)
    expect(JSON.stringify(out[0])).toBe(first)
    expect(out[1].bids).toEqual([['9.5', '1'], ['9', '7']])
  })

  it('rejects bad options synchronously', () => {
    const keep = (options: KeepOrderBookOptions) => () => keepOrderBook(S, NEVER, NEVER, NEVER, options)
    expect(keep({ depth: 0 })).toThrow(DexInputError)
    expect(keep({ depth: 1.5 })).toThrow('orderBook: depth must be a positive integer, got 1.5')
    expect(keep({ throttleMs: -1 })).toThrow(DexInputError)
    expect(keep({ throttleMs: NaN })).toThrow('throttleMs must be a finite number >= 0, got NaN')
    expect(keep({ levels: 50 as 20 })).toThrow('orderBook: levels must be 20, 100, 500 or 1000, got 50')
  })
})
