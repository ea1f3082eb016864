import { firstValueFrom, take, toArray } from 'rxjs'
import { DexSocket, type Trade } from '../../src'

/** The next five trades of BNB_BTCB-1DE. */
export async function main(url: string): Promise<Trade[]> {
  const dex = new DexSocket({ url })
  try {
    return await firstValueFrom(dex.trades('BNB_BTCB-1DE').pipe(take(5), toArray()))
  } finally {
    dex.close()
  }
}
