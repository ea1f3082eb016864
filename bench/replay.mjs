// Replay benchmarks (section `replay` of bench/run.mjs, or on its own: node --expose-gc bench/replay.mjs):
//
//  - throughput: replayTape at 'max' over a 1,000,000-frame tape file through dex.trades + dex.marketDiff,
//    against a hand-written loop that reads the same file line by line and JSON.parses each entry and its
//    frame, counting the same events. Interleaved rounds, medians, ratio of the two in the same run.
//  - memory: the peak RSS of a child process replaying a tape of about 1 GB, with replayTape and with
//    DexSimulator's `replay` (one client following one symbol), sampled while it runs.
//
// Tapes are generated into a temporary directory: 20 symbols, trades (30 %), marketDiff (50 %) and
// ticker (20 %) frames shaped as the real server's, 19-digit times included.

import { execFileSync } from 'node:child_process'
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..')
const log = (...args) => console.error(...args)
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
const int = (n) => Math.round(n).toLocaleString('en-US')

export const SYMBOLS = Array.from({ length: 20 }, (_, i) => `SYM${String(i).padStart(2, '0')}-${(0xa00 + i).toString(16).toUpperCase()}_BNB`)

function frameOf(i, symbol) {
  const E = 120_000_000 + (i >> 4)
  const price = (1 + (i % 997) / 1000).toFixed(8)
  const kind = i % 10
  if (kind < 3) {
    return `{"stream":"trades","data":[{"e":"trade","E":${E},"s":"${symbol}","t":"${E}-${i % 7}","p":"${price}","q":"1.${String(i % 1e8).padStart(8, '0')}","b":"1D518A2563B0CB912AD70DEB7A18CD7ED2FBB7D4-${i}","a":"EA1AE716501D1DB0B9F295A30891D9E562828678-${i}","T":${1554964166437515341n + BigInt(i)},"sa":"tbnb1agdww9jsr5wmpw0jjk3s3yweu43g9pnc4p5kg7","ba":"tbnb1r4gc5ftrkr9ez2khph4h5xxd0mf0hd75jf06gw","tt":2}]}`
  }
  if (kind < 8) {
    return `{"stream":"marketDiff","data":{"e":"depthUpdate","E":${E},"s":"${symbol}","b":[["${price}","${(i % 50).toFixed(8)}"],["0.99000000","3.00000000"]],"a":[["${(2 + (i % 997) / 1000).toFixed(8)}","1.50000000"]]}}`
  }
  return `{"stream":"ticker","data":{"e":"24hrTicker","E":${E},"s":"${symbol}","p":"-0.00000100","P":"-0.00180000","w":"0.00055000","x":"0.00055600","c":"${price}","Q":"10.00000000","b":"0.00055400","B":"5.00000000","a":"0.00055600","A":"7.00000000","o":"0.00055600","h":"0.00056000","l":"0.00054000","v":"1000.00000000","q":"0.55000000","O":1555600641000,"C":1555687041000,"F":"8274485-0","L":"8300000-1","n":42}}`
}

/** Writes a tape of `frames` frames (or of about `bytes` bytes) to `file`. */
export async function writeTape(file, { frames = Infinity, bytes = Infinity }) {
  const out = createWriteStream(file)
  const write = (text) => (out.write(text) ? undefined : new Promise((r) => out.once('drain', r)))
  let size = 0
  const header = `${JSON.stringify({ tape: 1, start: '2020-01-01T00:00:00.000Z', url: 'bench', streams: [] })}\n`
  await write(header)
  size += header.length
  let chunk = ''
  for (let i = 0; i < frames && size < bytes; i++) {
    const line = `${JSON.stringify({ at: i * 3, conn: 'market', frame: frameOf(i, SYMBOLS[(i * 7) % SYMBOLS.length]) })}\n`
    chunk += line
    size += line.length
    if (chunk.length > 1 << 20) {
      await write(chunk)
      chunk = ''
    }
  }
  await write(chunk)
  await new Promise((r) => out.end(r))
  return size
}

/** The hand-written loop: the file line by line, each entry and each frame JSON.parsed; events counted. */
async function handLoop(file, symbols) {
  const wanted = new Set(symbols)
  let events = 0
  let rest = ''
  let header = true
  const started = performance.now()
  for await (const chunk of createReadStream(file, { encoding: 'utf8' })) {
    const text = rest + chunk
    let start = 0
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      const line = text.slice(start, end)
      start = end + 1
      if (header) {
        header = false
        continue
      }
      const { stream, data } = JSON.parse(JSON.parse(line).frame)
      if (stream === 'trades') {
        for (const t of data) if (wanted.has(t.s)) events++
      } else if (stream === 'marketDiff' && wanted.has(data.s)) events++
    }
    rest = text.slice(start)
  }
  return { events, ms: performance.now() - started }
}

async function replay(file, symbols, replayTape) {
  const started = performance.now()
  const { dex, done } = replayTape(createReadStream(file))
  let events = 0
  const count = () => events++
  for (const s of symbols) {
    dex.trades(s).subscribe(count)
    dex.marketDiff(s).subscribe(count)
  }
  await done
  return { events, ms: performance.now() - started }
}

/** events/s of both contenders over `file`, `rounds` interleaved rounds; rows for the table. */
export async function throughput(file, { rounds = 3 } = {}) {
  const { replayTape } = await import(path.join(root, 'dist/simulator-in-process.js'))
  const rows = []
  for (const [name, symbols] of [
    ['every symbol', SYMBOLS],
    ['1 of 20 symbols', SYMBOLS.slice(0, 1)],
  ]) {
    const rates = { loop: [], replay: [] }
    const ratios = []
    let events
    for (let round = 0; round < rounds; round++) {
      globalThis.gc?.()
      const order = round % 2 ? ['replay', 'loop'] : ['loop', 'replay']
      const got = {}
      for (const who of order) {
        got[who] = who === 'loop' ? await handLoop(file, symbols) : await replay(file, symbols, replayTape)
        rates[who].push((got[who].events / got[who].ms) * 1000)
        globalThis.gc?.()
      }
      if (got.loop.events !== got.replay.events) {
        throw new Error(`replay bench: the loop counted ${got.loop.events} events, the replay ${got.replay.events}`)
      }
      events = got.loop.events
      ratios.push(got.replay.ms > 0 ? got.loop.ms / got.replay.ms : 0)
      log(`  ${name}, round ${round + 1}: loop ${int(rates.loop.at(-1))}/s, replayTape ${int(rates.replay.at(-1))}/s`)
    }
    rows.push([
      `replay 1M frames, trades+marketDiff, ${name}`,
      `${int(median(rates.replay))} events/s vs hand loop ${int(median(rates.loop))} (ratio ${median(ratios).toFixed(2)}, ${int(events)} events)`,
    ])
  }
  return rows
}

/** Peak RSS of a child process replaying `file` (`how`: replayTape or simulator). */
function peakRss(file, how) {
  const out = execFileSync(process.execPath, [path.join(here, 'replayRss.mjs'), how, file], { encoding: 'utf8', maxBuffer: 1 << 20 })
  return JSON.parse(out.trim().split('\n').at(-1))
}

export async function replayBench({ quick = false, memoryOnly = false } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'replay-bench-'))
  const rows = []
  try {
    if (!memoryOnly) {
      const million = path.join(dir, 'million.tape')
      const size = await writeTape(million, { frames: quick ? 200_000 : 1_000_000 })
      log(`\nreplay: ${int(quick ? 200_000 : 1_000_000)} frames, ${(size / 2 ** 20).toFixed(0)} MB`)
      rows.push(...(await throughput(million, { rounds: quick ? 1 : 5 })))
      rmSync(million)
    }
    const big = path.join(dir, 'big.tape')
    const bytes = await writeTape(big, { bytes: quick ? 2 ** 28 : 2 ** 30 })
    log(`replay memory: a ${(bytes / 2 ** 20).toFixed(0)} MB tape`)
    for (const how of ['replayTape', 'simulator']) {
      const r = peakRss(big, how)
      log(`  ${how}: peak RSS ${(r.peakRss / 2 ** 20).toFixed(0)} MB, ${int(r.events)} events in ${(r.ms / 1000).toFixed(1)} s`)
      const closed = r.closeCode === undefined ? '' : `, client closed with ${r.closeCode}`
      rows.push([`replay a ${(bytes / 2 ** 30).toFixed(2)} GB tape, ${how}`, `peak RSS ${(r.peakRss / 2 ** 20).toFixed(0)} MB (${int(r.events)} events, ${(r.ms / 1000).toFixed(0)} s${closed})`])
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return rows
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await replayBench({ quick: process.argv.includes('--quick'), memoryOnly: process.argv.includes('--memory') })
  for (const [k, v] of rows) console.log(`${k}  ${v}`)
}
