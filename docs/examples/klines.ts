import { firstValueFrom, take, toArray } from 'rxjs'
import { DexSocket, KlineInterval, type Kline } from '../../src'

/** Two pushes of the current one-minute candle (one a second). */
export async function main(url: string): Promise<Kline[]> {
  const dex = new DexSocket({ url })
  try {
    const candles = dex.klines('BNB_BTCB-1DE', KlineInterval.interval_1min) // or simply '1m'
    return await firstValueFrom(candles.pipe(take(2), toArray()))
  } finally {
    dex.close()
  }
}
