import { firstValueFrom, take, throttleTime, toArray } from 'rxjs'
import { DexSocket } from '../../src'

/** Depth snapshots come with every block; a display needs at most one a second. */
export async function main(url: string): Promise<number[]> {
  const dex = new DexSocket({ url })
  try {
    const paced = dex.marketDepth('BNB_BTCB-1DE').pipe(throttleTime(1_000), take(2), toArray())
    return (await firstValueFrom(paced)).map((book) => book.lastUpdateId) // heights a second or more apart
  } finally {
    dex.close()
  }
}
