import { firstValueFrom } from 'rxjs'
import { DexSocket, type PriceLevel } from '../../src'

/** The best bid and ask, and how many levels a 100-level snapshot really holds. */
export async function main(url: string): Promise<{ bid: PriceLevel; ask: PriceLevel; levels: number }> {
  const dex = new DexSocket({ url })
  try {
    const book = await firstValueFrom(dex.marketDepth('BNB_BTCB-1DE', 100))
    return { bid: book.bids[0], ask: book.asks[0], levels: book.bids.length + book.asks.length }
  } finally {
    dex.close()
  }
}
