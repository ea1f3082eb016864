import { firstValueFrom } from 'rxjs'
import { DexSocket, type Balance } from '../../src'

/** The next balance change of `address`, as `{ asset: free }`. */
export async function main(url: string, address: string): Promise<Record<string, string>> {
  const dex = new DexSocket({ url })
  try {
    const update = await firstValueFrom(dex.accounts(address))
    return Object.fromEntries(update.balances.map((b: Balance) => [b.asset, b.free]))
  } finally {
    dex.close()
  }
}
