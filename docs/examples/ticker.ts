import { firstValueFrom } from 'rxjs'
import { DexSocket } from '../../src'

/** Last price, 24-hour change and the spread of BNB_BTCB-1DE. */
export async function main(url: string): Promise<{ last: string; change: string; bid: string; ask: string }> {
  const dex = new DexSocket({ url })
  try {
    const t = await firstValueFrom(dex.ticker('BNB_BTCB-1DE'))
    return { last: t.lastPrice, change: `${t.priceChangePercent}%`, bid: t.bestBidPrice, ask: t.bestAskPrice }
  } finally {
    dex.close()
  }
}
