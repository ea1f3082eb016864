import { filter, firstValueFrom, map, take, toArray, type Observable } from 'rxjs'
import { DexSocket } from '../../src'
import { DexSimulator } from '../../src/simulator'

/** The code under test: the average price of the next `n` trades. */
export function averagePrice(dex: DexSocket, symbol: string, n: number): Observable<number> {
  return dex.trades(symbol).pipe(
    take(n),
    toArray(),
    map((trades) => trades.reduce((sum, t) => sum + Number(t.price), 0) / n),
  )
}

/** A trade in the wire format (see protocol.md), as the server would send it. */
const trade = (price: string, id: string) => ({
  e: 'trade',
  E: 7549438,
  s: 'BNB_BTCB-1DE',
  t: id,
  p: price,
  q: '1.00000000',
  b: '1D518A2563B0CB912AD70DEB7A18CD7ED2FBB7D4-11',
  a: 'EA1AE716501D1DB0B9F295A30891D9E562828678-12',
  T: 1554964166437515341n, // nanoseconds: beyond 2^53, so a bigint
  sa: 'tbnb1agdww9jsr5wmpw0jjk3s3yweu43g9pnc4p5kg7',
  ba: 'tbnb1r4gc5ftrkr9ez2khph4h5xxd0mf0hd75jf06gw',
})

export async function main(): Promise<number> {
  const sim = await DexSimulator.start({ market: false }) // frames are published by hand
  const dex = new DexSocket({ url: sim.url })
  try {
    const subscribed = firstValueFrom(sim.messages$.pipe(filter((m) => m.text.includes('"subscribe"'))))
    const result = firstValueFrom(averagePrice(dex, 'BNB_BTCB-1DE', 2))
    await subscribed // publish only once the client listens: frames go to subscribers only
    sim.publish('trades', [trade('1.00000000', '1-0'), trade('3.00000000', '1-1')])
    return await result // 2
  } finally {
    dex.close()
    await sim.stop()
  }
}
