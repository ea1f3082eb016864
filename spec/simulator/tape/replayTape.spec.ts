import { readFileSync } from 'node:fs'
import { lastValueFrom, toArray } from 'rxjs'
import { replayTape } from '../../../src/simulator/inProcess'

const EXAMPLE = readFileSync('examples/tapes/testnet-2019.tape', 'utf8')

describe('replayTape', () => {
  it('smoke', async () => {
    const { dex, done } = replayTape(EXAMPLE)
    const trades = lastValueFrom(dex.trades('100K-9BC_BNB').pipe(toArray()))
    const tickers = lastValueFrom(dex.ticker('100K-9BC_BNB').pipe(toArray()))
    await done
    expect((await trades).length).toBeGreaterThan(0)
    expect((await tickers).length).toBeGreaterThan(0)
  })
})
