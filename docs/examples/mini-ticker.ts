import { firstValueFrom } from 'rxjs'
import { DexSocket, type MiniTicker } from '../../src'

/** The 24-hour range of 100K-9BC_BNB. */
export async function main(url: string): Promise<Pick<MiniTicker, 'symbol' | 'low' | 'high' | 'lastPrice'>> {
  const dex = new DexSocket({ url })
  try {
    const { symbol, low, high, lastPrice } = await firstValueFrom(dex.miniTicker('100K-9BC_BNB'))
    return { symbol, low, high, lastPrice }
  } finally {
    dex.close()
  }
}
