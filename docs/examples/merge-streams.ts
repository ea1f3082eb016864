import { firstValueFrom, map, merge, take, toArray } from 'rxjs'
import { DexSocket } from '../../src'

/** One feed of trades from two markets (both ride the same connection). */
export async function main(url: string): Promise<string[]> {
  const dex = new DexSocket({ url })
  try {
    const feed = merge(dex.trades('BNB_BTCB-1DE'), dex.trades('BNB_USDT.B-B7C')).pipe(
      map((t) => `${t.symbol} ${t.quantity} @ ${t.price}`),
      take(6),
      toArray(),
    )
    return await firstValueFrom(feed)
  } finally {
    dex.close()
  }
}
