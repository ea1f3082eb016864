import { firstValueFrom, take, toArray } from 'rxjs'
import { DexSocket } from '../../src'

/** The next three block heights. */
export async function main(url: string): Promise<number[]> {
  const dex = new DexSocket({ url })
  try {
    return await firstValueFrom(dex.blockHeight().pipe(take(3), toArray()))
  } finally {
    dex.close()
  }
}
