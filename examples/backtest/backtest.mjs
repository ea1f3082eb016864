// A backtest over recorded history: per-minute VWAP from the trades and a book-imbalance signal from the
// order book, windowed by the tape's own clock, at CPU speed.
//
//   node examples/backtest/backtest.mjs [tape] [symbol]
//
// The default tape is a few minutes of Binance DEX in tardis.dev's format, imported with
// `binance-dex-rx import tardis` and gzipped. Use your own: `binance-dex-rx import tardis <files> --out day.tape`.
import { createReadStream } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createGunzip } from 'node:zlib'
import { bufferTime, lastValueFrom, map, scan, toArray, zip } from 'rxjs'
import { replayTape } from 'binance-dex-rx/simulator/in-process'

const file = process.argv[2] ?? fileURLToPath(new URL('./2021-03-01.tape.gz', import.meta.url))
const symbol = process.argv[3] ?? 'BNB_BTCB-1DE'
/** Levels per side the imbalance looks at. */
const LEVELS = 10
/** |imbalance| above this is a signal. */
const THRESHOLD = 0.2
const MINUTE = 60_000

const bytes = createReadStream(file)
const { dex, clock, done } = replayTape(file.endsWith('.gz') ? bytes.pipe(createGunzip()) : bytes)

// Both windows run on the tape's clock: they close at recorded minute ends, not wall-clock ones, however
// fast the tape plays. Subscribed together, before the tape starts, so their windows line up.
const vwap$ = dex.trades(symbol).pipe(
  bufferTime(MINUTE, clock),
  map((trades) => {
    // Numbers are fine for a statistic; the events keep the exact decimal strings for when they are not.
    let volume = 0
    let quote = 0
    for (const t of trades) {
      volume += Number(t.quantity)
      quote += Number(t.price) * Number(t.quantity)
    }
    return { end: clock.now(), trades: trades.length, volume, vwap: volume > 0 ? quote / volume : undefined }
  }),
)
const imbalance$ = dex.orderBook(symbol).pipe(
  bufferTime(MINUTE, clock),
  // The book as the minute ends; a minute without a change keeps the one before.
  scan((last, books) => books.at(-1) ?? last, undefined),
  map((book) => (book?.inSync ? imbalance(book) : undefined)),
)

/** (bid quantity - ask quantity) / both, over the best LEVELS levels: > 0 when buyers are heavier. */
function imbalance(book) {
  const sum = (levels) => levels.slice(0, LEVELS).reduce((total, [, quantity]) => total + Number(quantity), 0)
  const bids = sum(book.bids)
  const asks = sum(book.asks)
  return bids + asks > 0 ? (bids - asks) / (bids + asks) : 0
}

const rows = await lastValueFrom(zip(vwap$, imbalance$).pipe(toArray()))
await done

const time = (ms) => new Date(ms).toISOString().slice(11, 23)
const signal = (x) => (x === undefined ? '-' : x > THRESHOLD ? 'buy' : x < -THRESHOLD ? 'sell' : 'hold')
const table = [
  ['window end (UTC)', 'trades', 'volume', 'VWAP', `imbalance(${LEVELS})`, 'signal'],
  ...rows.map(([m, i]) => [
    time(m.end),
    String(m.trades),
    m.volume.toFixed(8),
    m.vwap === undefined ? '-' : m.vwap.toFixed(8),
    i === undefined ? '-' : i.toFixed(4),
    signal(i),
  ]),
]
const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)))
console.log(`${symbol} from ${file.split('/').pop()}, ${rows.length} windows of one minute of recorded time`)
for (const row of table) {
  const cells = row.map((cell, c) => (c === 0 || c === 5 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
  console.log(cells.join('  ').trimEnd())
}
