// Writes the tardis.dev-format fixtures of the import and history tests (run after `npm run build`):
//
//   spec/fixtures/tardis/cache/feeds/binance-dex/<sha256 of the filters>/2021/03/01/00/MM.json.gz
//       the per-minute cache slices tardis-dev's replay/replayNormalized read (its cache layout, its line
//       layout: a 28-character time, a space, the message as the exchange sent it)
//   spec/fixtures/tardis/replay.ndjson.gz
//       the same data as tardis-machine's /replay returns it ({"localTimestamp":…,"message":…} lines)
//
// The market is the simulator's (a consistent book, trades and tickers), recorded the way tardis.dev's
// recorder did: it subscribes to trades, marketDiff and ticker, then fetches each symbol's depth over REST
// (a generated depthSnapshot frame); its connection drops once and it reconnects and re-fetches the depth.
// A few real captured Binance DEX frames (another symbol) are mixed in, verbatim. Same output every run.
//
//   node scripts/tardis-fixture.mjs [--minutes N] [--out DIR] [--symbols A,B] [--channels trades,marketDiff,...]
//
// examples/backtest's tape is this data for one symbol without tickers, imported and gzipped:
//   node scripts/tardis-fixture.mjs --out /tmp/bt --minutes 5 --symbols BNB_BTCB-1DE --channels trades,marketDiff,depthSnapshot
//   node dist/cli.js import tardis /tmp/bt/cache --out /tmp/bt/2021-03-01.tape && gzip -9n -c /tmp/bt/2021-03-01.tape > examples/backtest/2021-03-01.tape.gz
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { SimulatedMarket } from '../dist/simulator.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { values } = parseArgs({
  options: { minutes: { type: 'string' }, out: { type: 'string' }, symbols: { type: 'string' }, channels: { type: 'string' } },
})
const MINUTES = Number(values.minutes ?? 6)
const OUT = values.out ?? join(root, 'spec/fixtures/tardis')

/** A free day of tardis.dev's archive (the first of a month). */
export const START = Date.UTC(2021, 2, 1)
export const SIMULATED = values.symbols?.split(',') ?? ['BNB_BTCB-1DE', 'BNB_USDT.B-B7C']
/** The symbol of the real frames mixed in (when the symbols are the default ones). */
export const REAL = values.symbols === undefined ? '100K-9BC_BNB' : undefined
const CHANNELS = values.channels?.split(',') ?? ['trades', 'marketDiff', 'depthSnapshot', 'ticker']
const BLOCK_MS = 1000
/** Blocks fall a quarter second after each second, so no frame is stamped on a minute boundary. */
const BLOCK_OFFSET_MS = 250
/** The recorder's connection drops here and is back this much later. */
const DROP_AT = START + 3 * 60_000 + 20_000
const DROP_FOR_MS = 2_500

// --- deterministic latency: a small PRNG (mulberry32) ------------------------------------------------
let state = 18
function random() {
  state = (state + 0x6d2b79f5) | 0
  let t = Math.imul(state ^ (state >>> 15), 1 | state)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
/** A local time `5..40 ms` after `ms`, in 100 ns steps: `[ms, tenThousandths]`. */
function received(ms) {
  const delay = 50_000 + Math.floor(random() * 350_000)
  return [ms + Math.floor(delay / 10_000), delay % 10_000]
}
/** tardis.dev's 28-character time. */
function timeText([ms, tenThousandths]) {
  return `${new Date(ms).toISOString().slice(0, -1)}${String(tenThousandths).padStart(4, '0')}Z`
}

/** JSON with bigints written as numbers (the simulator's 19-digit times). */
function stringify(value) {
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `__big${v}__` : v)).replace(/"__big(\d+)__"/g, '$1')
}

/** The exact text of each real frame of `topics` in the shared capture (19-digit times survive). */
function realFrames(topics) {
  const lines = readFileSync(join(root, 'spec/codecs/real-frames.jsonl'), 'utf8').split('\n').filter(Boolean)
  return lines
    .filter((line) => {
      const { kind, topic } = JSON.parse(line)
      return kind === 'real' && topics.includes(topic)
    })
    .map((line) => objectText(line, line.indexOf('"frame":') + '"frame":'.length))
}
function objectText(text, start) {
  let depth = 0
  let inString = false
  for (let i = start; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '{') depth++
    else if (c === '}' && --depth === 0) return text.slice(start, i + 1)
  }
  throw new Error('unbalanced frame')
}

// --- the recording ------------------------------------------------------------------------------------
const market = new SimulatedMarket({ seed: 18, symbols: SIMULATED, blockIntervalMs: BLOCK_MS, startHeight: 150_000_000 })
const nothing = () => false
let blockAt = START - 30 * 60_000 + BLOCK_OFFSET_MS
// Half an hour of market before the recording, so the books are deep and traded.
for (; blockAt < START; blockAt += BLOCK_MS) {
  if ((blockAt - BLOCK_OFFSET_MS) % 1000 === 0) market.second(blockAt - BLOCK_OFFSET_MS, nothing)
  market.block(blockAt, nothing)
}

/** `[time, text]`; text '' is a disconnect. */
const lines = []
const record = (time, text) => lines.push([time, text])
const wanted = (stream, key) => CHANNELS.includes(stream) && SIMULATED.includes(key)
const snapshots = (at) => {
  if (!CHANNELS.includes('depthSnapshot')) return
  for (const symbol of SIMULATED) {
    const { bids, asks } = market.depth(symbol, 1000)
    const data = { symbol, asks, bids, height: market.height, pending_match: false }
    record(received(at), stringify({ stream: 'depthSnapshot', generated: true, data }))
    at += 40
  }
}
// The recorder connects at the day's start; its depth requests answer a few hundred ms later.
let connected = true
let dropped = false
let snapshotAt = START + 350
let reconnectAt = Infinity
const real = REAL === undefined ? [] : realFrames(CHANNELS)
const END = START + MINUTES * 60_000
for (let second = START; second < END; second += 1000) {
  for (const at of [second, second + BLOCK_OFFSET_MS]) {
    if (!dropped && at >= DROP_AT) {
      // Stamped like the last frame received before it, as tardis-dev stamps a disconnect.
      const last = lines.reduce((a, [t]) => (t[0] > a[0] || (t[0] === a[0] && t[1] > a[1]) ? t : a), [0, 0])
      record(last, '')
      connected = false
      dropped = true
      reconnectAt = DROP_AT + DROP_FOR_MS
    }
    if (!connected && at >= reconnectAt) {
      connected = true
      snapshotAt = at + 300
    }
    const frames = at === second ? market.second(second, wanted) : market.block(at, wanted)
    if (connected) for (const frame of frames) record(received(at), stringify({ stream: frame.stream, data: frame.data }))
    if (connected && at >= snapshotAt) {
      snapshots(at + 10)
      snapshotAt = Infinity
    }
  }
  if (second === START + 1000) real.forEach((text, i) => record(received(second + 600 + i * 50), text))
}
lines.sort((a, b) => a[0][0] - b[0][0] || a[0][1] - b[0][1])

// --- tardis-dev's cache: one gzip file per minute, under the sha256 of the normalized filters -------------
/**
 * The filters tardis-dev's worker hashes for the cache folder: those of replayNormalized(normalizeTrades,
 * normalizeBookChanges, normalizeBookTickers), deduplicated and sorted by channel, symbols sorted.
 */
export function cacheFilters(symbols) {
  const sorted = [...new Set(symbols.map((s) => s.toUpperCase()))].sort()
  return [...CHANNELS].sort().map((channel) => ({ channel, symbols: sorted }))
}
const symbols = REAL === undefined ? SIMULATED : [...SIMULATED, REAL]
const hash = createHash('sha256').update(JSON.stringify(cacheFilters(symbols))).digest('hex')
const cache = join(OUT, 'cache/feeds/binance-dex', hash)
rmSync(join(OUT, 'cache'), { recursive: true, force: true })
const two = (n) => String(n).padStart(2, '0')
let total = 0
for (let minute = 0; minute < MINUTES; minute++) {
  const from = START + minute * 60_000
  const text = lines
    // A disconnect (empty line) is stamped with the line before it, so it stays in that line's slice.
    .filter(([[ms]]) => ms >= from && ms < from + 60_000)
    .map(([time, frame]) => (frame === '' ? '\n' : `${timeText(time)} ${frame}\n`))
    .join('')
  const d = new Date(from)
  const file = join(cache, `${d.getUTCFullYear()}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${two(d.getUTCHours())}/${two(d.getUTCMinutes())}.json.gz`)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, gzipSync(text))
  total += text.length
}

// --- tardis-machine's /replay NDJSON of the same data --------------------------------------------------
const ndjson = lines
  .map(([time, frame]) => (frame === '' ? '\n' : `{"localTimestamp":"${timeText(time)}","message":${frame}}\n`))
  .join('')
writeFileSync(join(OUT, 'replay.ndjson.gz'), gzipSync(ndjson))
writeFileSync(
  join(OUT, 'fixture.json'),
  `${JSON.stringify({ from: new Date(START).toISOString(), to: new Date(END).toISOString(), symbols, simulated: SIMULATED, hash, lines: lines.length, disconnects: lines.filter((l) => l[1] === '').length }, null, 2)}\n`,
)
console.log(`${lines.length} lines (${total} bytes) in ${MINUTES} slices under ${cache}`)
