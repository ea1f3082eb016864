import type { Observable, Subscription } from 'rxjs'

/**
 * What {@link asyncValues} keeps while the loop body is busy.
 * @since 0.2.0
 */
export interface AsyncValuesOptions {
  /**
   * `'all'` (the default): every value, in order; values that arrive while the body runs wait in a queue.
   * `'latest'`: only the newest waiting value; older ones are dropped (for states such as books and tickers,
   * where a slow consumer wants the present, not the backlog).
   */
  readonly keep?: 'all' | 'latest'
  /**
   * With `keep: 'all'`, how many values may wait (default 10 000; `Infinity` for no bound). One more ends the
   * loop with a `RangeError` (after the waiting values), so a consumer that cannot keep up fails loudly
   * instead of growing without limit. The default is far more than a live consumer falls behind by (a
   * busy topic delivers tens of values a second) and bounds the queue at a few megabytes of events; a
   * burst a loop is meant to catch up with, such as a large array, needs a larger bound or `Infinity`.
   */
  readonly maxBuffered?: number
}

/** See {@link AsyncValuesOptions.maxBuffered}. */
const DEFAULT_MAX_BUFFERED = 10_000

type Settle<T> = { resolve: (r: IteratorResult<T, undefined>) => void; reject: (e: unknown) => void }

/**
 * Makes any stream iterable with `for await`. Leaving the loop (break, return, throw) unsubscribes, which for
 * this library's streams sends the unsubscribe message (and closes the connection when nothing else uses it).
 *
 * - The subscription starts with the loop (the first `next()`), not when `asyncValues` is called; each loop
 *   over the same iterable subscribes anew.
 * - Values queue while the body runs (see {@link AsyncValuesOptions.keep}); none is lost with `'all'`.
 * - When the stream completes or errors, the waiting values come first; then the loop ends, or throws the
 *   stream's error.
 * - `return()` unsubscribes at once, even while a `next()` waits: the waiting `next()` resolves as done.
 *   A loop that may wait long for a value is better ended from outside with `takeUntil` on the stream.
 *
 * ```ts
 * for await (const trade of asyncValues(dex.trades('BNB_BTCB-1DE'))) {
 *   console.log(trade.price)
 *   if (Number(trade.price) > 0.01) break // unsubscribes
 * }
 * ```
 * @since 0.2.0
 */
export function asyncValues<T>(source: Observable<T>, options: AsyncValuesOptions = {}): AsyncIterable<T> {
  const keep = options.keep ?? 'all'
  const maxBuffered = options.maxBuffered ?? DEFAULT_MAX_BUFFERED
  if (keep !== 'all' && keep !== 'latest') throw new TypeError(`asyncValues: keep must be 'all' or 'latest'`)
  if (!(maxBuffered >= 1)) throw new RangeError('asyncValues: maxBuffered must be at least 1')
  return { [Symbol.asyncIterator]: () => iterate(source, keep, maxBuffered) }
}

function iterate<T>(source: Observable<T>, keep: 'all' | 'latest', maxBuffered: number): AsyncIterator<T, undefined> {
  // Taken from `head` rather than with shift(), which moves every waiting value: a long queue would make
  // catching up quadratic. Compacted once the taken half dominates.
  let queue: T[] = []
  let head = 0
  const waitingValues = (): number => queue.length - head
  const take = (): T => {
    const value = queue[head]
    queue[head++] = undefined as T
    if (head > 1024 && head * 2 > queue.length) {
      queue = queue.slice(head)
      head = 0
    }
    return value
  }
  const clear = (): void => {
    queue = []
    head = 0
  }
  const waiting: Settle<T>[] = []
  let subscription: Subscription | undefined
  let ended = false // no more values will be queued: completed, errored, overflowed or returned
  let failure: { error: unknown } | undefined

  const finish = (error?: { error: unknown }): void => {
    if (ended) return
    ended = true
    failure = error
    subscription?.unsubscribe()
    for (const w of waiting.splice(0)) {
      if (error) w.reject(error.error)
      else w.resolve({ value: undefined, done: true })
    }
  }

  const start = (): void => {
    subscription = source.subscribe({
      next: (value) => {
        if (ended) return
        const w = waiting.shift()
        if (w) return w.resolve({ value, done: false })
        if (keep === 'latest') clear()
        else if (waitingValues() >= maxBuffered) {
          return finish({ error: new RangeError(`asyncValues: more than ${maxBuffered} values waiting`) })
        }
        queue.push(value)
      },
      error: (error: unknown) => finish({ error }),
      complete: () => finish(),
    })
    // A stream that ended during subscribe() (e.g. `of(1, 2)`) has nothing left to unsubscribe.
    if (ended) subscription.unsubscribe()
  }

  return {
    next(): Promise<IteratorResult<T, undefined>> {
      if (subscription === undefined && !ended) start()
      if (waitingValues() > 0) return Promise.resolve({ value: take(), done: false })
      if (ended) {
        if (failure) {
          const { error } = failure
          failure = undefined // thrown once; later calls report done, as a finished generator does
          return Promise.reject(error)
        }
        return Promise.resolve({ value: undefined, done: true })
      }
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }))
    },
    return(): Promise<IteratorResult<T, undefined>> {
      clear()
      failure = undefined
      finish()
      return Promise.resolve({ value: undefined, done: true })
    },
  }
}
