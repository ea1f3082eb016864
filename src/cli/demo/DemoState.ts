import type { DepthSnapshot, Kline, PriceLevel, Ticker, Trade } from '../../codecs'
import type { ConnectionStatus } from '../../internal/types'

/** How many recent trades the state keeps; the view shows as many as fit. */
export const MAX_TRADES = 40

/** @internal The connection as the header shows it. */
export interface DemoConnection {
  readonly state: ConnectionStatus['state']
  readonly attempt?: number
}

/** @internal The order book on screen: best levels first, as `marketDepth` sent them. */
export interface DemoBook {
  readonly bids: readonly PriceLevel[]
  readonly asks: readonly PriceLevel[]
  /** The snapshot's `lastUpdateId`; a new one means a new block's book. */
  readonly updateId: number
}

/** @internal Everything the demo's view shows; the renderer is a pure function of it. */
export interface DemoState {
  /** Where the data comes from, for the footer: `'simulator (seed 42)'` or a URL. */
  readonly source: string
  /** The symbols Tab cycles through; empty until known. */
  readonly symbols: readonly string[]
  /** The symbol on screen; `''` until one is chosen. */
  readonly symbol: string
  readonly connection: DemoConnection
  readonly height?: number
  readonly book?: DemoBook
  /** Newest first. */
  readonly trades: readonly Trade[]
  readonly kline?: Kline
  readonly ticker?: Ticker
  /** The last thing that went wrong without ending the demo, one line. */
  readonly lastError?: string
}

/** @internal What changes the state: stream events, connection news, and the user's choices. */
export type DemoEvent =
  | { readonly type: 'symbols'; readonly symbols: readonly string[] }
  | { readonly type: 'symbol'; readonly symbol: string }
  | { readonly type: 'status'; readonly status: ConnectionStatus }
  | { readonly type: 'height'; readonly height: number }
  | { readonly type: 'depth'; readonly depth: DepthSnapshot }
  | { readonly type: 'trade'; readonly trade: Trade }
  | { readonly type: 'kline'; readonly kline: Kline }
  | { readonly type: 'ticker'; readonly ticker: Ticker }
  | { readonly type: 'error'; readonly message: string }

const NO_MARKET_DATA = { trades: [], book: undefined, kline: undefined, ticker: undefined } as const

/** @internal The state before any event. */
export function initialDemoState(
  source: string,
  symbols: readonly string[] = [],
  symbol = symbols[0] ?? '',
): DemoState {
  return { source, symbols, symbol, connection: { state: 'connecting' }, trades: [] }
}

/**
 * @internal
 * The demo's reducer. Market events of a symbol other than the one on screen (still in flight after a
 * switch) are dropped; a new symbol clears the market data of the old one.
 */
export function reduceDemo(state: DemoState, event: DemoEvent): DemoState {
  switch (event.type) {
    case 'symbols':
      return { ...state, symbols: event.symbols, symbol: state.symbol || (event.symbols[0] ?? '') }
    case 'symbol':
      if (event.symbol === state.symbol && state.book !== undefined) return state
      return { ...state, symbol: event.symbol, ...NO_MARKET_DATA }
    case 'status':
      // Only the shared market connection carries what the demo shows.
      if (event.status.connection !== 'market') return state
      return { ...state, connection: { state: event.status.state, attempt: attemptOf(event.status) } }
    case 'height':
      return { ...state, height: event.height }
    case 'error':
      return { ...state, lastError: event.message }
    case 'depth': {
      const { depth } = event
      if (!sameSymbol(depth.symbol, state)) return state
      return { ...state, book: { bids: depth.bids, asks: depth.asks, updateId: depth.lastUpdateId } }
    }
    case 'trade':
      if (!sameSymbol(event.trade.symbol, state)) return state
      return { ...state, trades: [event.trade, ...state.trades].slice(0, MAX_TRADES) }
    case 'kline':
      return sameSymbol(event.kline.symbol, state) ? { ...state, kline: event.kline } : state
    case 'ticker':
      return sameSymbol(event.ticker.symbol, state) ? { ...state, ticker: event.ticker } : state
  }
}

/** @internal The symbol after (or, with `step` -1, before) the one on screen. */
export function cycleSymbol(state: DemoState, step: 1 | -1 = 1): string {
  const { symbols, symbol } = state
  if (symbols.length === 0) return symbol
  const index = symbols.indexOf(symbol)
  return symbols[(index + step + symbols.length) % symbols.length]
}

/** @internal Whether a plain frame would show every panel: height, book, kline and ticker. */
export function isComplete(state: DemoState): boolean {
  const { height, book, kline, ticker } = state
  return height !== undefined && book !== undefined && kline !== undefined && ticker !== undefined
}

function sameSymbol(symbol: string, state: DemoState): boolean {
  return symbol.toUpperCase() === state.symbol.toUpperCase()
}

function attemptOf(status: ConnectionStatus): number | undefined {
  return status.state === 'reconnecting' ? status.attempt : undefined
}
