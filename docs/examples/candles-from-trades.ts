import { bufferTime, filter, firstValueFrom, map, take, toArray } from 'rxjs'
import { DexSocket, type Trade } from '../../src'

export interface Candle {
  open: string
  high: string
  low: string
  close: string
  trades: number
}

const toCandle = (trades: Trade[]): Candle => {
  const prices = trades.map((t) => t.price)
  const byValue = [...prices].sort((a, b) => Number(a) - Number(b))
  return {
    open: prices[0],
    high: byValue[byValue.length - 1],
    low: byValue[0],
    close: prices[prices.length - 1],
    trades: trades.length,
  }
}

/** Two-second candles built from the trade stream (empty windows are skipped). */
export async function main(url: string): Promise<Candle[]> {
  const dex = new DexSocket({ url })
  try {
    const candles = dex.trades('BNB_BTCB-1DE').pipe(
      bufferTime(2_000),
      filter((window) => window.length > 0),
      map(toCandle),
      take(2),
      toArray(),
    )
    return await firstValueFrom(candles)
  } finally {
    dex.close()
  }
}
