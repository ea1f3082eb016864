// A tape of N frames shaped like a day of tardis.dev's Binance DEX archive for one busy market: a depth
// snapshot, then trades and order book diffs a few milliseconds apart, with a ticker now and then. Same
// output for the same N. For the playground's history benchmark (bench/playground.mjs).
//
//   node bench/historyTape.mjs <frames> <out.tape>

import { createWriteStream } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { rng } from './frames.mjs'

export const SYMBOL = 'BNB_BUSD-BD1'
const START = Date.UTC(2021, 2, 1)
const TICK = 100_000n // 1e-3 BUSD in units of 1e-8

const decimal = (units) => `${units / 100_000_000n}.${String(units % 100_000_000n).padStart(8, '0')}`

/** Writes the tape; resolves with its size in bytes. */
export async function writeHistoryTape(frames, path) {
  const next = rng(22)
  const out = createWriteStream(path)
  let bytes = 0
  const write = async (line) => {
    bytes += Buffer.byteLength(line)
    if (!out.write(line)) await new Promise((resolve) => out.once('drain', resolve))
  }
  await write(`${JSON.stringify({ tape: 1, start: new Date(START).toISOString(), url: 'tardis:binance-dex', streams: [`${SYMBOL}@marketDiff`, `${SYMBOL}@ticker`, `${SYMBOL}@trades`], source: 'tardis', exchange: 'binance-dex' })}\n`)
  let mid = 3_000_000_000n // 30 BUSD
  let at = 0
  let height = 150_000_000
  let tradeId = 1
  const qty = () => decimal(BigInt(1 + (next() % 5_000)) * 1_000_000n)
  const level = (side, i) => [decimal(side === 'bid' ? mid - TICK * BigInt(i + 1) : mid + TICK * BigInt(i + 1)), qty()]
  const entry = (frame) => `${JSON.stringify({ at: Math.round(at * 10_000) / 10_000, conn: 'market', frame })}\n`
  const snapshot = {
    stream: 'depthSnapshot',
    generated: true,
    data: { symbol: SYMBOL, asks: Array.from({ length: 100 }, (_, i) => level('ask', i)), bids: Array.from({ length: 100 }, (_, i) => level('bid', i)), height, pending_match: false },
  }
  await write(entry(JSON.stringify(snapshot)))
  for (let n = 1; n < frames; n++) {
    at += 1 + (next() % 40) / 10
    const nanos = BigInt(START + Math.floor(at)) * 1_000_000n + BigInt(next() % 1_000_000)
    const kind = next() % 100
    let frame
    if (kind < 40) {
      const buy = next() % 2 === 0
      const price = decimal(buy ? mid + TICK : mid - TICK)
      const trades = Array.from({ length: 1 + (next() % 2) }, () => ({
        e: 'trade', E: Number(nanos / 1_000_000_000n), s: SYMBOL, t: `${height}-${tradeId++}`, p: price, q: qty(), b: `B${next().toString(16)}`, a: `A${next().toString(16)}`, T: '__T__', sa: 'bnb1seller', ba: 'bnb1buyer', tt: buy ? 1 : 2,
      }))
      frame = JSON.stringify({ stream: 'trades', data: trades }).replaceAll('"__T__"', String(nanos))
    } else if (kind < 97) {
      height++
      if (next() % 10 === 0) mid += next() % 2 === 0 ? TICK : -TICK
      const side = (s) => Array.from({ length: 1 + (next() % 3) }, () => level(s, next() % 20))
      const asks = side('ask')
      const bids = side('bid')
      // Keys in the order the real server wrote them (bids first), as tardis.dev archived them.
      frame = JSON.stringify({ stream: 'marketDiff', data: { e: 'depthUpdate', E: Number(nanos / 1_000_000_000n), s: SYMBOL, b: bids, a: asks } })
    } else {
      const p = decimal(mid)
      frame = JSON.stringify({ stream: 'ticker', data: { e: '24hrTicker', E: Number(nanos / 1_000_000_000n), s: SYMBOL, p: '0.00000000', P: '0.00000000', w: p, x: p, c: p, Q: '1.00000000', b: p, B: '1.00000000', a: p, A: '1.00000000', o: p, h: p, l: p, v: '1.00000000', q: '1.00000000', O: 0, C: 1, F: '0', L: '1', n: 1 } })
    }
    await write(entry(frame))
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())))
  return bytes
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [frames, path] = process.argv.slice(2)
  writeHistoryTape(Number(frames), path).then((bytes) => console.log(`${path}: ${frames} frames, ${(bytes / 1e6).toFixed(1)} MB`))
}
