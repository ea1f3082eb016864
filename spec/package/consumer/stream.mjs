// A consumer's ESM script: trades from the simulator at argv's URL, through the installed package.
import { DexSocket } from 'binance-dex-rx'
import { firstValueFrom, take, toArray } from 'rxjs'

const [url, symbol] = globalThis.Deno ? globalThis.Deno.args : process.argv.slice(2)
const dex = new DexSocket({ url })
const trades = await firstValueFrom(dex.trades(symbol).pipe(take(3), toArray()))
dex.close()
const shown = trades.map((t) => ({ symbol: t.symbol, price: t.price, tradeTime: typeof t.tradeTime }))
console.log(JSON.stringify({ trades: shown }))
