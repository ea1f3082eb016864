import { firstValueFrom } from 'rxjs'
import { DexSocket } from '../../src'

/** Every market's 24-hour quote volume, busiest first. */
export async function main(url: string): Promise<[symbol: string, quoteVolume: string][]> {
  const dex = new DexSocket({ url })
  try {
    const tickers = await firstValueFrom(dex.allTickers())
    // The emitted array is shared with every other subscriber and readonly: sort a copy.
    return [...tickers]
      .sort((a, b) => Number(b.quoteVolume) - Number(a.quoteVolume))
      .map((t): [string, string] => [t.symbol, t.quoteVolume])
  } finally {
    dex.close()
  }
}
