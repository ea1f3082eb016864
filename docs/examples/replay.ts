import { readFileSync } from 'node:fs'
import { firstValueFrom, take, toArray } from 'rxjs'
import { DexSocket } from '../../src'
import { DexSimulator } from '../../src/simulator'

/** The last prices of a market as the real testnet sent them, played back from a tape at 20x speed. */
export async function main(tapeFile: string): Promise<string[]> {
  const tape = readFileSync(tapeFile, 'utf8')
  const sim = await DexSimulator.start({ replay: { tape, speed: 20 } })
  const dex = new DexSocket({ url: sim.url })
  try {
    // The tape starts when this subscription reaches the server, so no frame is missed.
    const tickers = await firstValueFrom(dex.ticker('100K-9BC_BNB').pipe(take(4), toArray()))
    return tickers.map((t) => t.lastPrice)
  } finally {
    dex.close()
    await sim.stop()
  }
}
