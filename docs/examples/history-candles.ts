import { createReadStream } from 'node:fs'
import { bufferTime, filter, lastValueFrom, map, toArray } from 'rxjs'
import type { Trade } from '../../src'
import { replayTape } from '../../src/simulator/inProcess'

/** A one-minute candle; decimals as strings, summed exactly. */
export interface Candle {
  /** When the minute of recorded time ended (ISO 8601). */
  end: string
  open: string
  high: string
  low: string
  close: string
  volume: string
  trades: number
}

/** Quantities have 8 decimals: summed as integers of 1e-8, so no rounding creeps in. */
const units = (decimal: string): bigint => BigInt(decimal.replace('.', ''))
const decimal = (n: bigint): string => `${n / 100_000_000n}.${String(n % 100_000_000n).padStart(8, '0')}`

function toCandle(trades: Trade[], end: number): Candle {
  const prices = trades.map((t) => t.price)
  const byValue = [...prices].sort((a, b) => Number(a) - Number(b))
  return {
    end: new Date(end).toISOString(),
    open: prices[0],
    high: byValue[byValue.length - 1],
    low: byValue[0],
    close: prices[prices.length - 1],
    volume: decimal(trades.reduce((sum, t) => sum + units(t.quantity), 0n)),
    trades: trades.length,
  }
}

/** One-minute candles of `symbol` from the trades of a tape (say one imported from tardis.dev). */
export async function main(tape: string, symbol: string): Promise<Candle[]> {
  const { dex, clock, done } = replayTape(createReadStream(tape))
  const candles = dex.trades(symbol).pipe(
    // Windows of recorded time: the tape's clock, not the wall clock, which barely moves at full speed.
    bufferTime(60_000, clock),
    filter((trades) => trades.length > 0),
    map((trades) => toCandle(trades, clock.now())),
    toArray(),
  )
  const result = await lastValueFrom(candles)
  await done
  return result
}
