import type { DexSocket, Trade } from 'binance-dex-rx'
import { scan } from 'rxjs'
import { useStream } from './useStream'

const NONE: readonly Trade[] = []

/** The latest `rows` trades, newest first. */
export function TradeTape({ dex, symbol, rows = 15 }: { dex: DexSocket; symbol: string; rows?: number }) {
  const trades = useStream(
    () => dex.trades(symbol).pipe(scan((tape: readonly Trade[], t: Trade) => [t, ...tape].slice(0, rows), NONE)),
    [dex, symbol, rows],
    NONE,
  )
  return (
    <section className="tape" data-testid="trades" data-count={trades.length}>
      <h2>Trades</h2>
      <table>
        <tbody>
          {trades.map((t) => (
            <tr key={t.tradeId}>
              <td className="price">{t.price}</td>
              <td className="quantity">{t.quantity}</td>
              <td className="time">{new Date(Number(t.tradeTime / 1_000_000n)).toISOString().slice(11, 23)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
