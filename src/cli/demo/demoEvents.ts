import { distinctUntilChanged, map, merge, of, switchMap, take, type Observable } from 'rxjs'
import type { Ticker } from '../../codecs'
import type { DexSocket } from '../../DexSocket'
import { oneLine } from '../io'
import type { DemoEvent } from './DemoState'

/**
 * @internal
 * Everything the demo shows, as events, through the library's public streams: connection status and
 * errors, the block height, and for the chosen symbol its top-20 book (`marketDepth`), trades, 1m kline and
 * 24h ticker. Choosing another symbol drops the old symbol's streams (unsubscribing on the wire) and opens
 * the new one's on the same connection. Errors with the streams when the connection is given up.
 */
export function demoEvents(dex: DexSocket, symbol$: Observable<string>): Observable<DemoEvent> {
  const market$ = symbol$.pipe(
    distinctUntilChanged(),
    switchMap((symbol) =>
      merge(
        of<DemoEvent>({ type: 'symbol', symbol }),
        dex.marketDepth(symbol).pipe(map((depth): DemoEvent => ({ type: 'depth', depth }))),
        dex.trades(symbol).pipe(map((trade): DemoEvent => ({ type: 'trade', trade }))),
        dex.klines(symbol, '1m').pipe(map((kline): DemoEvent => ({ type: 'kline', kline }))),
        dex.ticker(symbol).pipe(map((ticker): DemoEvent => ({ type: 'ticker', ticker }))),
      ),
    ),
  )
  // status$ and errors$ are hot: they go first so that the first 'connecting' is seen.
  return merge(
    dex.status$.pipe(map((status): DemoEvent => ({ type: 'status', status }))),
    dex.errors$.pipe(map((e): DemoEvent => ({ type: 'error', message: `${e.name}: ${oneLine(e.message)}` }))),
    dex.blockHeight().pipe(map((height): DemoEvent => ({ type: 'height', height }))),
    market$,
  )
}

/**
 * @internal
 * The symbols of a server the demo knows nothing about, from one `allTickers` push: the most traded
 * first, so that the first is a lively market.
 */
export function discoverSymbols(dex: DexSocket): Observable<string[]> {
  return dex.allTickers().pipe(
    take(1),
    map((tickers: readonly Ticker[]) => [...tickers].sort((a, b) => b.trades - a.trades).map((t) => t.symbol)),
  )
}
