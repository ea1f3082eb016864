import { firstValueFrom, map } from 'rxjs'
import { DexSocket, type MiniTicker } from '../../src'

/** The last price of every market, keyed by symbol. */
export async function main(url: string): Promise<Record<string, string>> {
  const dex = new DexSocket({ url })
  try {
    const lastPrices = map((all: readonly MiniTicker[]) => Object.fromEntries(all.map((t) => [t.symbol, t.lastPrice])))
    return await firstValueFrom(dex.allMiniTickers().pipe(lastPrices))
  } finally {
    dex.close()
  }
}
