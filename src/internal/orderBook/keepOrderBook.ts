import { Observable, type SchedulerLike, type Subscription, asyncScheduler, map } from 'rxjs'
import { DexInputError } from '../../errors'
import { depthSpec } from '../topicTable'
import type { DepthSnapshotLike, DepthUpdateLike } from './depthInputs'
import { LocalOrderBook } from './LocalOrderBook'
import type { OrderBook } from './OrderBook'
import type { OrderBookOptions } from './OrderBookOptions'
import { InvalidLevelError } from './priceKey'

/** Default `maxLevels`: every level of the deepest snapshot stream, marketDepth1000. */
const DEFAULT_MAX_LEVELS = 1000

/**
 * @internal What `onError` receives: a snapshot or diff the book could not apply, with the offending level.
 */
export class OrderBookFrameError extends Error {
  override readonly name = 'OrderBookFrameError'
  constructor(
    /** Why the frame could not be applied, naming the bad price or quantity. */
    readonly reason: string,
    /** The offending `[price, quantity]` level as JSON text, cut to `LEVEL_TEXT_LIMIT`; '' when unknown. */
    readonly raw: string,
    /** Which stream carried the frame. */
    readonly from: 'snapshot' | 'diff',
  ) {
    super(reason)
  }
}

/**
 * Options of {@link keepOrderBook}: those of `dex.orderBook()`, a scheduler and an error callback.
 * @since 0.1.0
 */
export interface KeepOrderBookOptions extends OrderBookOptions {
  /** Scheduler of the throttle window (default `asyncScheduler`); for tests. */
  readonly scheduler?: SchedulerLike
  /** Told about bad frames (e.g. a price that is not a decimal); the book goes out of sync and goes on. */
  readonly onError?: (error: OrderBookFrameError) => void
}

/** @internal Throws `DexInputError` for a bad `depth`, `throttleMs`, `levels` or `maxLevels`. */
export function checkOrderBookOptions({ depth, throttleMs, levels, maxLevels }: KeepOrderBookOptions): void {
  const positive = (n: number): boolean => Number.isInteger(n) && n > 0
  checkOption('depth', depth, positive, 'a positive integer')
  checkOption('maxLevels', maxLevels, positive, 'a positive integer')
  checkOption('throttleMs', throttleMs, (n) => Number.isFinite(n) && n >= 0, 'a finite number >= 0')
  if (levels !== undefined) depthSpec(levels)
}

function checkOption(name: string, value: number | undefined, ok: (n: number) => boolean, expected: string): void {
  if (value !== undefined && !ok(value)) throw new DexInputError(`orderBook: ${name} must be ${expected}, got ${String(value)}`, value)
}

/**
 * Keeps a local order book from marketDepth snapshots and marketDiff updates and emits an {@link OrderBook}
 * after every change. Pure: the socket layer supplies the three streams.
 *
 * - The first emission follows the first snapshot. Diffs received before it are dropped: snapshots and
 *   diffs travel on one ordered connection, so an earlier diff is already reflected in the snapshot, and
 *   since diffs carry no update id, replaying it afterwards could only bring back a level the snapshot
 *   removed.
 * - Snapshots seed the book, replace it when it is out of sync, and otherwise reconcile with it: inside the
 *   snapshot's range its levels win, beyond it the kept levels stay (see `LocalOrderBook`).
 * - A crossed book (best bid >= best ask), a bad frame or a `resyncs` signal marks the book out of sync
 *   (`inSync: false`, emitted) until the next snapshot replaces every level, so no stale level survives a
 *   reconnect. Signal `resyncs` as soon as the connection drops, before the new connection's first frame.
 * - Each side keeps at most `maxLevels` levels: after each frame, the worst levels beyond that (lowest bids,
 *   highest asks) are dropped and forgotten; removing a better level later does not bring one back. So that
 *   no emitted side ever skips a level, a side that dropped levels takes no new level beyond the worst one it
 *   kept, until a snapshot reaching further (or replacing the side) shows that range again. Hence an emitted
 *   side is always exactly the best levels the book would show without the bound, possibly fewer of them
 *   (only a crossing level beyond its range goes unseen): with `depth <= maxLevels`, a side shows `depth`
 *   levels as long as that many remain at or above the worst level it kept.
 * - Bad frames never error the stream: they are passed to `onError` (an {@link OrderBookFrameError} naming
 *   the offending level) and the book resyncs. Errors of the source streams are passed through. The result
 *   completes once `snapshots` and `diffs` have completed.
 * - With `throttleMs`, the first change in a window is emitted at once and the latest state at its end;
 *   states in between (even a short-lived `inSync: false`) may be skipped.
 *
 * Nothing in an emitted book changes later: its arrays and levels are frozen. The work per frame is bounded
 * by the frame's size plus the emitted levels, whatever the book's size: a side with no change within its
 * emitted levels is the very same array as in the previous emission, not a copy.
 *
 * ```ts
 * const symbol = 'BNB_BTC.B-918'
 * const book$ = keepOrderBook(symbol, dex.marketDepth(symbol), dex.marketDiff(symbol), drops$, { depth: 20 })
 * ```
 * @throws DexInputError for a bad `depth`, `throttleMs`, `levels` or `maxLevels`, synchronously.
 * @see LocalOrderBook for the reconcile rules.
 * @since 0.1.0
 */
export function keepOrderBook(
  symbol: string,
  snapshots: Observable<DepthSnapshotLike>,
  diffs: Observable<DepthUpdateLike>,
  resyncs: Observable<unknown>,
  options: KeepOrderBookOptions = {},
): Observable<OrderBook> {
  checkOrderBookOptions(options)
  return bookStream(symbol, snapshots, diffs, resyncs, options)
}

/** @internal {@link keepOrderBook} for options already checked. */
export function bookStream(
  symbol: string,
  snapshots: Observable<DepthSnapshotLike>,
  diffs: Observable<DepthUpdateLike>,
  resyncs: Observable<unknown>,
  options: KeepOrderBookOptions,
): Observable<OrderBook> {
  const { depth, throttleMs = 0, scheduler = asyncScheduler, levels = 20, onError } = options
  const { maxLevels = DEFAULT_MAX_LEVELS } = options

  // Emits the live book (not a copy) on every change; views are built only for what survives the throttle.
  const changes = new Observable<LocalOrderBook>((subscriber) => {
    const book = new LocalOrderBook(symbol, levels, undefined, maxLevels)
    const run = (step: () => boolean, from: OrderBookFrameError['from']): void => {
      let changed: boolean
      try {
        changed = step()
      } catch (caught) {
        changed = true // the book marked itself out of sync and may have changed
        try {
          onError?.(frameError(caught, from))
        } catch (fromCallback) {
          return subscriber.error(fromCallback) // a throwing callback ends the stream rather than escape
        }
      }
      if (changed && book.seeded) subscriber.next(book)
    }
    let open = 2
    const done = (): void => {
      if (--open === 0) subscriber.complete()
    }
    const fail = (error: unknown): void => subscriber.error(error)
    const onSnapshot = (s: DepthSnapshotLike) => run(() => book.applySnapshot(s), 'snapshot')
    const onDiff = (d: DepthUpdateLike) => run(() => book.applyDiff(d), 'diff')
    const onResync = () => {
      if (book.markOutOfSync() && book.seeded) subscriber.next(book)
    }
    subscriber.add(snapshots.subscribe({ next: onSnapshot, error: fail, complete: done }))
    subscriber.add(diffs.subscribe({ next: onDiff, error: fail, complete: done }))
    subscriber.add(resyncs.subscribe({ next: onResync, error: fail }))
  })

  const paced = throttleMs > 0 ? throttled(changes, throttleMs, scheduler) : changes
  return paced.pipe(map((book) => book.view(depth)))
}

/**
 * Leading and trailing throttle, as `throttleTime(ms, scheduler, { leading: true, trailing: true })`, except
 * that when the changes end it emits the state it holds back at once and completes, rather than when the
 * window would have closed: a replay's clock stops at the end of its tape, so a window open then never closes.
 */
function throttled(changes: Observable<LocalOrderBook>, ms: number, scheduler: SchedulerLike): Observable<LocalOrderBook> {
  return new Observable<LocalOrderBook>((subscriber) => {
    let window: Subscription | undefined
    let held: LocalOrderBook | undefined
    const send = (book: LocalOrderBook): void => {
      held = undefined
      subscriber.next(book)
      window = scheduler.schedule(() => {
        window = undefined
        if (held) send(held)
      }, ms)
    }
    subscriber.add(() => window?.unsubscribe())
    subscriber.add(
      changes.subscribe({
        next: (book) => (window ? (held = book) : send(book)),
        error: (error) => subscriber.error(error),
        complete: () => {
          window?.unsubscribe()
          if (held) subscriber.next(held)
          subscriber.complete()
        },
      }),
    )
  })
}

/** The report of a frame the book refused: the book names the level for a bad one (`InvalidLevelError`). */
function frameError(caught: unknown, from: OrderBookFrameError['from']): OrderBookFrameError {
  if (caught instanceof InvalidLevelError) return new OrderBookFrameError(caught.message, caught.raw, from)
  const reason = caught instanceof Error ? caught.message : String(caught)
  return new OrderBookFrameError(`order book: ${from} could not be applied: ${reason}`, '', from)
}
