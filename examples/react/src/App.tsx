import { Component, useState, type ReactNode } from 'react'
import type { DexSocket } from 'binance-dex-rx'
import { OrderBookView } from './OrderBookView'
import { TradeTape } from './TradeTape'

/** A market picker, and the picked market's book and trade tape, which can be hidden (unmounted). */
export function App({ dex, symbols }: { dex: DexSocket; symbols: readonly string[] }) {
  const [symbol, setSymbol] = useState(symbols[0])
  const [shown, setShown] = useState(true)
  return (
    <main>
      <header>
        <select data-testid="symbol" value={symbol} onChange={(e) => setSymbol(e.target.value)}>
          {symbols.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <button data-testid="toggle" onClick={() => setShown(!shown)}>
          {shown ? 'Hide market' : 'Show market'}
        </button>
      </header>
      {shown && (
        <Failures>
          <div className="market" data-testid="market" data-symbol={symbol}>
            <OrderBookView dex={dex} symbol={symbol} />
            <TradeTape dex={dex} symbol={symbol} />
          </div>
        </Failures>
      )}
    </main>
  )
}

/** Shows a stream's failure (useStream throws it from the render) instead of an empty page. */
class Failures extends Component<{ children: ReactNode }, { error?: Error }> {
  override state: { error?: Error } = {}
  static getDerivedStateFromError(error: Error) {
    return { error }
  }
  override render() {
    const { error } = this.state
    return error ? <p role="alert" data-testid="failure">{`${error.name}: ${error.message}`}</p> : this.props.children
  }
}
