import { combineLatest, distinctUntilChanged, filter, firstValueFrom, map, take, toArray } from 'rxjs'
import { DexSocket } from '../../src'

export interface View {
  last: string
  bid: string
  ask: string
  /** (ask - bid) / mid, in basis points. */
  spread: number
}

/** Last price from the ticker, best bid and ask from the local book: one view, updated by either. */
export async function main(url: string): Promise<View[]> {
  const dex = new DexSocket({ url })
  try {
    const book$ = dex.orderBook('BNB_BTCB-1DE', { depth: 1 }).pipe(filter((book) => book.inSync))
    const views = combineLatest([dex.ticker('BNB_BTCB-1DE'), book$]).pipe(
      filter(([, book]) => book.bids.length > 0 && book.asks.length > 0),
      map(([ticker, book]): View => {
        const [bid] = book.bids[0]
        const [ask] = book.asks[0]
        const spread = ((Number(ask) - Number(bid)) / ((Number(ask) + Number(bid)) / 2)) * 10_000
        return { last: ticker.lastPrice, bid, ask, spread }
      }),
      // The book changes with every block, mostly deeper down: keep only changes of what is shown.
      distinctUntilChanged((a, b) => a.last === b.last && a.bid === b.bid && a.ask === b.ask),
      take(3),
      toArray(),
    )
    return await firstValueFrom(views)
  } finally {
    dex.close()
  }
}
