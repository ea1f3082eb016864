// A consumer's CommonJS script: trades from the simulator at argv's URL, through the installed package.
const { DexSocket } = require('binance-dex-rx')
const { firstValueFrom, take, toArray } = require('rxjs')

const [url, symbol] = process.argv.slice(2)
const dex = new DexSocket({ url })
firstValueFrom(dex.trades(symbol).pipe(take(3), toArray())).then((trades) => {
  dex.close()
  const shown = trades.map((t) => ({ symbol: t.symbol, price: t.price, tradeTime: typeof t.tradeTime }))
  console.log(JSON.stringify({ trades: shown }))
})
