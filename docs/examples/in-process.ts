import { filter, firstValueFrom, take, toArray } from 'rxjs'
import { DexSocket } from '../../src'
import { startInProcess } from '../../src/simulator/inProcess'

/** A simulated market in this process, no server and no port: the best bid and ask, and three trades. */
export async function main(): Promise<{ bid: string; ask: string; prices: string[] }> {
  const sim = startInProcess({ market: { seed: 1 } })
  const dex = new DexSocket({ url: sim.url, WebSocketCtor: sim.WebSocket })
  try {
    const symbol = sim.symbols[0] // 'BNB_BTCB-1DE'
    const book = await firstValueFrom(dex.orderBook(symbol).pipe(filter((b) => b.bids.length > 0 && b.asks.length > 0)))
    const trades = await firstValueFrom(dex.trades(symbol).pipe(take(3), toArray()))
    return { bid: book.bids[0][0], ask: book.asks[0][0], prices: trades.map((t) => t.price) }
  } finally {
    dex.close()
    await sim.stop()
  }
}
