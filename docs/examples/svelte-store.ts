import type { Readable } from 'svelte/store'
import { map, scan, startWith, type Observable } from 'rxjs'
import { DexSocket, type Trade } from '../../src'

/**
 * A stream as a Svelte store. Svelte calls `subscribe` when a component that reads `$store` is created and the
 * returned function when it is destroyed; the store contract wants the current value at once, hence `initial`.
 */
export function readableFrom<T>(source: Observable<T>, initial: T): Readable<T> {
  return {
    subscribe(run) {
      const subscription = source.pipe(startWith(initial)).subscribe(run)
      return () => subscription.unsubscribe()
    },
  }
}

/** The stores a market component reads as `$tape` and `$best`. */
export function marketStores(dex: DexSocket, symbol: string) {
  const tape = dex.trades(symbol).pipe(scan((trades: Trade[], t: Trade) => [t, ...trades].slice(0, 20), []))
  const best = dex.orderBook(symbol, { depth: 1 }).pipe(map((book) => ({ bid: book.bids[0]?.[0], ask: book.asks[0]?.[0] })))
  return { tape: readableFrom(tape, []), best: readableFrom(best, null) }
}

/** What Svelte does with `$tape`: subscribe, read every value, unsubscribe when the component goes. */
export async function main(url: string): Promise<number[]> {
  const dex = new DexSocket({ url })
  try {
    const { tape } = marketStores(dex, 'BNB_BTCB-1DE')
    const lengths: number[] = []
    await new Promise<void>((resolve) => {
      const unsubscribe = tape.subscribe((trades) => {
        lengths.push(trades.length) // 0 at once (the initial value), then one more per trade
        if (trades.length === 3) {
          unsubscribe() // the component is destroyed: the trades topic is unsubscribed on the wire
          resolve()
        }
      })
    })
    return lengths
  } finally {
    dex.close()
  }
}
