import { filter, firstValueFrom, take, toArray } from 'rxjs'
import { DexSocket, type OrderUpdate } from '../../src'

/** The next three fills (partial or full) of `address`'s orders. */
export async function main(url: string, address: string): Promise<OrderUpdate[]> {
  const dex = new DexSocket({ url })
  try {
    const fills = dex.orders(address).pipe(
      filter((order) => order.status === 'PartialFill' || order.status === 'FullyFill'),
      take(3),
      toArray(),
    )
    return await firstValueFrom(fills)
  } finally {
    dex.close()
  }
}
