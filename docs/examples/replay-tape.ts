import { createReadStream } from 'node:fs'
import { bufferTime, lastValueFrom, map, toArray } from 'rxjs'
import { replayTape } from '../../src/simulator/inProcess'

/** A symbol's tickers counted per 2 seconds of recorded time, read from a tape file at full speed. */
export async function main(tapeFile: string): Promise<{ end: string; tickers: number }[]> {
  const { dex, clock, done } = replayTape(createReadStream(tapeFile))
  const windows = lastValueFrom(
    dex.ticker('100K-9BC_BNB').pipe(
      // Windows of recorded time: the clock is the tape's.
      bufferTime(2_000, clock),
      map((tickers) => ({ end: new Date(clock.now()).toISOString(), tickers: tickers.length })),
      toArray(),
    ),
  )
  await done
  return windows
}
