import { filter, firstValueFrom, map, scan, type Observable } from 'rxjs'
import { DexSocket } from '../../src'
import { startInProcess } from '../../src/simulator/inProcess'

/** The code under test: the last traded price of a symbol, as a label for the page. */
export function lastPriceLabel(dex: DexSocket, symbol: string): Observable<string> {
  return dex.trades(symbol).pipe(
    scan((count, t) => ({ n: count.n + 1, price: t.price }), { n: 0, price: '' }),
    map(({ n, price }) => `${symbol} ${price.replace(/0+$/, '')} (${n} trades)`),
  )
}

/** A front-end unit test: frames published by hand, no server, no port, nothing to clean up but `stop`. */
export async function main(): Promise<string> {
  const sim = startInProcess({ market: false })
  const dex = new DexSocket({ url: sim.url, WebSocketCtor: sim.WebSocket })
  try {
    const labels = lastPriceLabel(dex, 'BNB_BTCB-1DE')
    const second = firstValueFrom(labels.pipe(filter((label) => label.endsWith('(2 trades)'))))
    // Publish once the client has subscribed: frames only go to subscribers.
    await firstValueFrom(sim.messages$.pipe(filter((m) => m.text.includes('"subscribe"'))))
    sim.publish('trades', [trade('1', '0.00250000'), trade('2', '0.00251000')])
    return await second // 'BNB_BTCB-1DE 0.00251 (2 trades)'
  } finally {
    dex.close()
    await sim.stop()
  }
}

/** A trade as the server sends it; `T` is in nanoseconds, beyond 2^53, so a bigint. */
function trade(id: string, price: string) {
  return {
    e: 'trade', E: 7549438, s: 'BNB_BTCB-1DE', t: `7549438-${id}`, p: price, q: '1.00000000',
    b: 'B1', a: 'A1', T: 1554964166437515341n,
    sa: 'tbnb1agdww9jsr5wmpw0jjk3s3yweu43g9pnc4p5kg7', ba: 'tbnb1r4gc5ftrkr9ez2khph4h5xxd0mf0hd75jf06gw',
  }
}
