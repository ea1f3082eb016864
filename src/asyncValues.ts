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
   * With `keep: 'all'`, how many values may wait (default unbounded). One more ends the loop with a
   * `RangeError` (after the waiting values), so a consumer that cannot keep up fails loudly instead of
   * growing without limit.
   */
  readonly maxBuffered?: number
}

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
  const maxBuffered = options.maxBuffered ?? Infinity
  if (keep !== 'all' && keep !== 'latest') throw new TypeError(`asyncValues: keep must be 'all' or 'latest'`)
  if (!(maxBuffered >= 1)) throw new RangeError('asyncValues: maxBuffered must be at least 1')
  return { [Symbol.asyncIterator]: () => iterate(source, keep, maxBuffered) }
}

function iterate<T>(source: Observable<T>, keep: 'all' | 'latest', maxBuffered: number): AsyncIterator<T, undefined> {
  const queue: T[] = []
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
        if (keep === 'latest') queue.length = 0
        else if (queue.length >= maxBuffered) {
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
      if (queue.length > 0) return Promise.resolve({ value: queue.shift() as T, done: false })
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
      queue.length = 0
      failure = undefined
      finish()
      return Promise.resolve({ value: undefined, done: true })
    },
  }
}
