import { firstValueFrom, take, toArray } from 'rxjs'
import { DexSocket } from '../../src'

/** The next three blocks' book changes; a quantity of zero removes the level. */
export async function main(url: string): Promise<{ set: number; removed: number }[]> {
  const dex = new DexSocket({ url })
  try {
    const diffs = await firstValueFrom(dex.marketDiff('BNB_BTCB-1DE').pipe(take(3), toArray()))
    return diffs.map((diff) => {
      const levels = [...diff.bids, ...diff.asks]
      const removed = levels.filter(([, quantity]) => Number(quantity) === 0).length
      return { set: levels.length - removed, removed }
    })
  } finally {
    dex.close()
  }
}
