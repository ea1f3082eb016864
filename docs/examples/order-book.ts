import { filter, firstValueFrom } from 'rxjs'
import { DexSocket, type OrderBook } from '../../src'

/** The top five levels of each side, once the local book is in sync with the server. */
export async function main(url: string): Promise<OrderBook> {
  const dex = new DexSocket({ url })
  try {
    const book$ = dex.orderBook('BNB_BTCB-1DE', { depth: 5, throttleMs: 100 })
    return await firstValueFrom(book$.pipe(filter((book) => book.inSync)))
  } finally {
    dex.close()
  }
}
