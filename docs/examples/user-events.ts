import { firstValueFrom, map, scan, takeWhile, last } from 'rxjs'
import { DexSocket } from '../../src'

/** Counts `address`'s events by type until ten have arrived. */
export async function main(url: string, address: string): Promise<Record<string, number>> {
  const dex = new DexSocket({ url })
  try {
    const counts = dex.userEvents(address).pipe(
      map((event) => event.eventType), // 'outboundAccountInfo' | 'executionReport' | 'outboundTransferInfo'
      scan((acc, type) => ({ ...acc, [type]: (acc[type] ?? 0) + 1 }), {} as Record<string, number>),
      takeWhile((acc) => Object.values(acc).reduce((a, b) => a + b) < 10, true),
      last(),
    )
    return await firstValueFrom(counts)
  } finally {
    dex.close()
  }
}
