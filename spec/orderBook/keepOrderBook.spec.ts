import { NEVER, Subject } from 'rxjs'
import { TestScheduler } from 'rxjs/testing'
import { DexInputError } from '../../src/errors'
import type { DepthSnapshotLike, DepthUpdateLike } from '../../src/internal/orderBook/depthInputs'
import {
  type KeepOrderBookOptions,
  OrderBookFrameError,
  keepOrderBook,
} from '../../src/internal/orderBook/keepOrderBook'
import type { OrderBook, PriceLevel } from '../../src/internal/orderBook/OrderBook'

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

  it('throttled: when the streams end, emits the state held back at once and completes', () => {
    // A replay's clock stops at the tape's end: a window still open then would never close.
    scheduler.run(({ hot, expectObservable }) => {
      const snapshots = hot('s----|', { s: snap(1, [['10', '1']], [['11', '1']]) })
      const diffs = hot('-d-e-|', { d: diff(1, [['10', '2']], []), e: diff(2, [['10', '3']], []) })
      const at = (q: string, updateTime: number) =>
        book({ bids: [['10', q]], asks: [['11', '1']], lastUpdateId: 1, updateTime })
      expectObservable(keepOrderBook(S, snapshots, diffs, NEVER, { throttleMs: 100 })).toBe('a----(b|)', {
        a: at('1', 0),
        b: at('3', 2),
      })
    })
  })

  it('throttled: ends at once when nothing is held back', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const snapshots = hot('s--|', { s: snap(1, [['10', '1']], [['11', '1']]) })
      expectObservable(keepOrderBook(S, snapshots, hot('---|'), NEVER, { throttleMs: 100 })).toBe('a--|', {
        a: book({ bids: [['10', '1']], asks: [['11', '1']], lastUpdateId: 1 }),
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
    const errors: OrderBookFrameError[] = []
    scheduler.run(({ hot, expectObservable }) => {
      const snapshots = hot('s---t-', {
        s: snap(1, [['10', '1']], [['11', '1']]),
        t: snap(2, [['10', '2']], [['11', '2']]),
      })
      const diffs = hot('--d---', { d: diff(9, [['10', '2'], ['ten', '1']], []) })
      const onError = (e: OrderBookFrameError) => errors.push(e)
      expectObservable(keepOrderBook(S, snapshots, diffs, NEVER, { onError })).toBe('a-b-c-', {
        a: book({ bids: [['10', '1']], asks: [['11', '1']], lastUpdateId: 1 }),
        b: book({ bids: [['10', '2']], asks: [['11', '1']], lastUpdateId: 1, inSync: false }),
        c: book({ bids: [['10', '2']], asks: [['11', '2']], lastUpdateId: 2 }),
      })
    })
    const reason = 'order book: price "ten" is not a non-negative decimal like "0.00150000"'
    expect(errors).toHaveLength(1)
    expect(errors[0]).toBeInstanceOf(OrderBookFrameError)
    expect({ ...errors[0], message: errors[0].message }).toEqual({
      name: 'OrderBookFrameError',
      message: reason,
      reason,
      raw: '["ten","1"]', // the offending level, not the whole frame, and not empty
      from: 'diff',
    })
  })

  it('reports the offending level of a snapshot too, its text cut to 4096 characters', () => {
    const errors: OrderBookFrameError[] = []
    const snapshots = new Subject<DepthSnapshotLike>()
    keepOrderBook(S, snapshots, NEVER, NEVER, { onError: (e) => errors.push(e) }).subscribe()
    snapshots.next(snap(1, [['1', '2']], [['2', '1'], ['3', '-1']]))
    const huge = '9'.repeat(1_000_000)
    snapshots.next(snap(2, [[huge, '1']], []))
    const notAPair = [['1', '1'], null] as unknown as Levels
    snapshots.next(snap(3, notAPair, []))
    expect(errors.map(({ from, raw }) => ({ from, raw: raw.length > 100 ? raw.length : raw }))).toEqual([
      { from: 'snapshot', raw: '["3","-1"]' },
      { from: 'snapshot', raw: 4096 },
      { from: 'snapshot', raw: 'null' },
    ])
    expect(errors[1].raw).toBe(`["${'9'.repeat(4094)}`)
    expect(errors[1].reason).toMatch(/^order book: price "9{64}" is not a non-negative decimal/)
    expect(errors[2].reason).toBe('order book: a level is not a [price, quantity] pair')
    snapshots.next({ lastUpdateId: 4, symbol: S, bids: 5, asks: [] } as unknown as DepthSnapshotLike)
    expect(errors[3]).toMatchObject({ reason: 'order book: bids and asks must be lists', raw: '', from: 'snapshot' })
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
    expect(errors).toEqual([expect.any(OrderBookFrameError)])
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
    expect(keep({ levels: 50 as 20 })).toThrow('Invalid depth levels 50: expected 20, 100, 500 or 1000')
    for (const maxLevels of [0, -1, 2.5, NaN, Infinity, '10' as unknown as number]) {
      expect(keep({ maxLevels })).toThrow(DexInputError)
      expect(keep({ maxLevels })).toThrow(`orderBook: maxLevels must be a positive integer, got ${String(maxLevels)}`)
    }
    expect(keep({ maxLevels: 1 })).not.toThrow()
  })
})

describe('keepOrderBook with maxLevels (issue 11: bounded books)', () => {
  const prices = (levels: readonly PriceLevel[]) => levels.map(([p]) => p)
  /** Runs frames through a book and returns its emissions. */
  function feed(options: KeepOrderBookOptions, frames: (DepthSnapshotLike | DepthUpdateLike)[]): OrderBook[] {
    const out: OrderBook[] = []
    const snapshots = new Subject<DepthSnapshotLike>()
    const diffs = new Subject<DepthUpdateLike>()
    const sub = keepOrderBook(S, snapshots, diffs, NEVER, options).subscribe((b) => out.push(b))
    for (const f of frames) 'lastUpdateId' in f ? snapshots.next(f) : diffs.next(f)
    sub.unsubscribe()
    return out
  }

  it('keeps at most maxLevels per side, dropping the lowest bids and the highest asks', () => {
    const five = (from: number, step: number): Levels => [0, 1, 2, 3, 4].map((i) => [String(from + i * step), '1'])
    const out = feed({ maxLevels: 3, levels: 100 }, [
      snap(1, five(10, -1), five(11, 1)),
      diff(2, [['10.5', '1']], [['10.9', '1']]),
    ])
    expect(out.map((b) => [prices(b.bids), prices(b.asks)])).toEqual([
      [['10', '9', '8'], ['11', '12', '13']],
      [['10.5', '10', '9'], ['10.9', '11', '12']],
    ])
  })

  it('applies a whole frame before cutting, so a level removed in the same frame makes room', () => {
    const out = feed({ maxLevels: 2, levels: 100 }, [snap(1, [['10', '1'], ['9', '1']], []), diff(2, [['8', '1'], ['10', '0']], [])])
    expect(prices(out[1].bids)).toEqual(['9', '8'])
  })

  it('never brings a dropped level back, takes nothing beyond the worst level kept, until a snapshot shows it', () => {
    const out = feed({ maxLevels: 2, levels: 100 }, [
      snap(1, [['10', '1'], ['9', '1']], []),
      diff(2, [['11', '1']], []), // 9 dropped: the side now knows nothing below 10
      diff(3, [['11', '0']], []), // 9 is not back: the book was not told about it
      diff(4, [['8', '1']], []), // beyond 10: 9 may still be there, so 8 cannot be shown after 10
      diff(5, [['10.5', '1']], []), // within: taken
      snap(6, [['10.5', '1'], ['10', '1'], ['9', '1']], []), // speaks for the whole side (fewer than 100)
    ])
    expect(out.map((b) => prices(b.bids))).toEqual([
      ['10', '9'],
      ['11', '10'],
      ['10'],
      ['10'],
      ['10.5', '10'],
      ['10.5', '10'],
    ])
  })

  it('keeps 1000 levels per side by default: all of a marketDepth1000 snapshot', () => {
    const bids: Levels = Array.from({ length: 1200 }, (_, i) => [String(5000 - i), '1'])
    const asks: Levels = Array.from({ length: 1200 }, (_, i) => [String(6000 + i), '1'])
    const [first] = feed({ levels: 1000 }, [snap(1, bids, asks)])
    expect([first.bids.length, first.asks.length]).toEqual([1000, 1000])
    expect([first.bids[999][0], first.asks[999][0]]).toEqual(['4001', '6999'])
  })

  it('after a 200,000-level diff, keeps the bound and copies no unchanged side on one-level diffs', () => {
    const units = (u: number) => `${Math.floor(u / 1e8)}.${String(u % 1e8).padStart(8, '0')}`
    const top = 10_000_000_000
    const huge: Levels = Array.from({ length: 200_000 }, (_, i) => [units(top - 100 * (i + 1)), '1'])
    const frames: (DepthSnapshotLike | DepthUpdateLike)[] = [
      snap(1, [[units(top), '1']], [[units(top + 100), '1']]),
      diff(2, huge, []),
    ]
    const steps = 300
    for (let i = 0; i < steps; i++) {
      const deep = i % 2 === 1 // every other diff changes a level far below the top 20
      frames.push(diff(3 + i, [[units(top - 100 * (deep ? 900 : 1)), String(2 + i)]], []))
    }
    for (const depth of [undefined, 20]) {
      const out = feed({ depth }, frames)
      expect(out).toHaveLength(2 + steps)
      for (const b of out) {
        expect(b.bids.length).toBeLessThanOrEqual(depth ?? 1000)
        expect(Object.isFrozen(b.bids) && Object.isFrozen(b.asks)).toBe(true)
      }
      expect(out[1].bids.length).toBe(depth ?? 1000)
      expect(out[1].bids[0][0]).toBe(units(top)) // the best levels are the ones kept
      for (let i = 2; i < out.length; i++) {
        // The asks never change after the snapshot: the same array every time, not a copy.
        expect(out[i].asks).toBe(out[0].asks)
        const deep = (i - 2) % 2 === 1
        // A change beyond the emitted levels leaves the bids array as it was; one within them is shown.
        if (depth === 20 && deep) expect(out[i].bids).toBe(out[i - 1].bids)
        else expect(out[i].bids).not.toBe(out[i - 1].bids)
      }
      expect(out[out.length - 1].bids[1]).toEqual([units(top - 100), String(1 + steps - 1)])
    }
  })
})
