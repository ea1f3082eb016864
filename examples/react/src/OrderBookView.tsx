import type { DexSocket, OrderBook, PriceLevel } from 'binance-dex-rx'
import { useStream } from './useStream'

/** The best `depth` levels of each side, asks above bids, from the locally kept book. */
export function OrderBookView({ dex, symbol, depth = 10 }: { dex: DexSocket; symbol: string; depth?: number }) {
  const book = useStream<OrderBook, null>(() => dex.orderBook(symbol, { depth, throttleMs: 100 }), [dex, symbol, depth], null)
  if (book === null) return <section className="book" data-testid="book" data-state="waiting">waiting for the book…</section>
  return (
    <section className="book" data-testid="book" data-state={book.inSync ? 'in-sync' : 'stale'}>
      <h2>Order book</h2>
      <Levels side="asks" levels={[...book.asks].reverse()} />
      <Levels side="bids" levels={book.bids} />
    </section>
  )
}

function Levels({ side, levels }: { side: 'bids' | 'asks'; levels: readonly PriceLevel[] }) {
  return (
    <table className={side} data-testid={side}>
      <tbody>
        {levels.map(([price, quantity]) => (
          <tr key={price}>
            <td className="price">{price}</td>
            <td className="quantity">{quantity}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
