import { firstValueFrom } from 'rxjs'
import { DexSocket } from '../../src'

/** Waits for the next transfer from or to `address` and lists who got what. */
export async function main(url: string, address: string): Promise<string[]> {
  const dex = new DexSocket({ url })
  try {
    const transfer = await firstValueFrom(dex.transfers(address))
    return transfer.outputs.flatMap(({ to, coins }) => coins.map((c) => `${to} +${c.amount} ${c.asset}`))
  } finally {
    dex.close()
  }
}
