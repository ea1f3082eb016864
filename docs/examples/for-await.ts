import { asyncValues, DexSocket } from '../../src'

/** Every trade, in order, until `n` have come; then the loop breaks out, which unsubscribes. */
export async function main(url: string, n = 3): Promise<{ trades: string[]; books: number[] }> {
  const dex = new DexSocket({ url })
  try {
    const trades: string[] = []
    for await (const trade of asyncValues(dex.trades('BNB_BTCB-1DE'))) {
      trades.push(`${trade.quantity} @ ${trade.price}`)
      if (trades.length === n) break
    }

    // A book is a state, not a sequence of events: the newest one is all a slow loop needs.
    const books: number[] = []
    for await (const book of asyncValues(dex.orderBook('BNB_BTCB-1DE', { depth: 5 }), { keep: 'latest' })) {
      books.push(book.lastUpdateId)
      // Slow work: a second, in which blocks go by; the books it misses are dropped, so the next one is newer.
      await new Promise((resolve) => setTimeout(resolve, 1_000))
      if (books.length === 2) break
    }
    return { trades, books }
  } finally {
    dex.close()
  }
}
