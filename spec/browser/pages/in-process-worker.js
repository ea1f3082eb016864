/* global importScripts, BinanceDexRx, BinanceDexRxSimulator, rxjs */
importScripts(
  '/node_modules/rxjs/dist/bundles/rxjs.umd.min.js',
  '/dist/binance-dex-rx.umd.min.js',
  '/dist/binance-dex-rx-simulator.umd.min.js',
)

const { combineLatest, filter, firstValueFrom, take, toArray } = rxjs
const sim = BinanceDexRxSimulator.startInProcess({ market: { seed: 3, blockIntervalMs: 50 } })
const dex = new BinanceDexRx.DexSocket({ url: sim.url, WebSocketCtor: sim.WebSocket })
const symbol = sim.symbols[0]

const book = dex.orderBook(symbol).pipe(filter((b) => b.inSync && b.bids.length > 0 && b.asks.length > 0))
const trades = dex.trades(symbol).pipe(take(3), toArray())
firstValueFrom(combineLatest([book, trades])).then(
  async ([b, t]) => {
    dex.close()
    await sim.stop()
    postMessage({
      inWorker: typeof document === 'undefined' && typeof WorkerGlobalScope !== 'undefined',
      symbol,
      bestBid: b.bids[0][0],
      bestAsk: b.asks[0][0],
      trades: t.map((trade) => ({ symbol: trade.symbol, price: trade.price, time: typeof trade.tradeTime })),
      connectionsAfterStop: sim.connections().length,
    })
  },
  (error) => postMessage({ error: String(error) }),
)
