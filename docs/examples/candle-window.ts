import { firstValueFrom, scan, take, last } from 'rxjs'
import { DexSocket, type Kline } from '../../src'

/** The last `n` candles. The open candle is pushed every second: replace it rather than append it. */
const window = (n: number) =>
  scan((candles: Kline[], k: Kline) => {
    const open = candles[candles.length - 1]
    const kept = open?.openTime === k.openTime ? candles.slice(0, -1) : candles
    return [...kept, k].slice(-n)
  }, [])

export async function main(url: string): Promise<Kline[]> {
  const dex = new DexSocket({ url })
  try {
    return await firstValueFrom(dex.klines('BNB_BTCB-1DE', '1m').pipe(window(5), take(3), last()))
  } finally {
    dex.close()
  }
}
