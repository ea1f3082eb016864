// `npm run bench:import`: how fast `binance-dex-rx import tardis` reads a day of tardis.dev data, and in how
// much memory. A synthetic day is written first: 1440 one-minute cache slices in tardis-dev's layout, whose
// lines cycle through the frames of the committed fixture (spec/fixtures/tardis) with times spread over each
// minute, about 1 GB uncompressed by default. Then, each in its own process, one after the other:
//
//   baseline  read every slice, gunzip it and split it into lines (what any reader of the data must do)
//   import    node dist/cli.js import tardis <day> --out <tape>
//
// Reported: seconds, MB/s of gzip read, MB/s of uncompressed data, the ratio of the import's time to the
// baseline's (measured in the same run), and each process's peak RSS.
//
//   node bench/importTardis.mjs [--mb 1024] [--keep] [--dir <folder to reuse or write the day in>]
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { gunzipSync, gzipSync } from 'node:zlib'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..')
const { values } = parseArgs({ options: { mb: { type: 'string' }, keep: { type: 'boolean' }, dir: { type: 'string' } } })
const targetBytes = Number(values.mb ?? 1024) * 2 ** 20
const log = (...args) => console.error(...args)
const cli = path.join(root, 'dist/cli.js')
if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run "npm run build" first')

// --- the synthetic day ------------------------------------------------------------------------------------
const work = values.dir ?? mkdtempSync(path.join(os.tmpdir(), 'dex-import-bench-'))
const day = path.join(work, 'feeds/binance-dex/synthetic')
const DAY = Date.UTC(2021, 2, 1)
const two = (n) => String(n).padStart(2, '0')
const sliceOf = (minute) => {
  const d = new Date(DAY + minute * 60_000)
  return path.join(day, `${d.getUTCFullYear()}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${two(d.getUTCHours())}/${two(d.getUTCMinutes())}.json.gz`)
}
if (!existsSync(sliceOf(1439))) {
  const fixture = path.join(root, 'spec/fixtures/tardis/cache/feeds/binance-dex')
  const frames = []
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else for (const line of gunzipSync(readFileSync(p)).toString('utf8').split('\n')) if (line) frames.push(line.slice(29))
    }
  }
  walk(fixture)
  const average = frames.reduce((n, f) => n + f.length + 30, 0) / frames.length
  const perMinute = Math.ceil(targetBytes / 1440 / average)
  log(`writing a synthetic day: 1440 slices of ${perMinute} lines (${frames.length} fixture frames cycled) under ${day}`)
  let next = 0
  for (let minute = 0; minute < 1440; minute++) {
    const lines = []
    for (let i = 0; i < perMinute; i++) {
      // Spread over the minute in 100 ns steps; the recorder loses its connection once an hour.
      const offset = Math.floor((i * 600_000_000) / perMinute)
      const ms = DAY + minute * 60_000 + Math.floor(offset / 10_000)
      const time = `${new Date(ms).toISOString().slice(0, -1)}${String(offset % 10_000).padStart(4, '0')}Z`
      lines.push(`${time} ${frames[next++ % frames.length]}`)
      if (minute % 60 === 30 && i === perMinute >> 1) lines.push('')
    }
    mkdirSync(path.dirname(sliceOf(minute)), { recursive: true })
    writeFileSync(sliceOf(minute), gzipSync(`${lines.join('\n')}\n`))
    if (minute % 240 === 239) log(`  ${minute + 1} slices`)
  }
}
const slices = Array.from({ length: 1440 }, (_, m) => sliceOf(m))
const gzBytes = slices.reduce((n, s) => n + statSync(s).size, 0)

// --- the runs -------------------------------------------------------------------------------------------
/** Runs node with `args`; resolves with its wall time, its peak RSS (from the preload below) and stderr. */
function runNode(args) {
  const started = performance.now()
  const child = spawn(process.execPath, ['--import', path.join(here, 'peakRss.mjs'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (c) => (stdout += c))
  child.stderr.on('data', (c) => (stderr += c))
  return new Promise((resolve, reject) =>
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000
      const rss = Number(/peak rss (\d+)/.exec(stderr)?.[1]) * 1024
      if (code !== 0) reject(new Error(`node ${path.basename(args[0])} exited ${code}: ${stderr.slice(-2000)}`))
      else resolve({ seconds, rss, stdout, stderr: stderr.replace(/peak rss \d+\n/, '') })
    }),
  )
}

// The plainest fast reader: each file read and inflated whole, synchronously (slices are small), then split.
const baselineScript = `
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
let bytes = 0, lines = 0
for (const file of process.argv.slice(2)) {
  const text = gunzipSync(readFileSync(file)).toString('utf8')
  bytes += Buffer.byteLength(text)
  lines += text.split('\\n').length - 1
}
console.log(JSON.stringify({ bytes, lines }))
`
const baselineFile = path.join(work, 'baseline.mjs')
writeFileSync(baselineFile, baselineScript)
const tape = path.join(work, 'day.tape')

log(`machine: ${os.cpus()[0].model}, ${os.cpus().length} cores, node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`)
log('baseline: gunzip and split every slice ...')
const baseline = await runNode([baselineFile, ...slices])
const { bytes: rawBytes, lines } = JSON.parse(baseline.stdout)
log('import ...')
const imported = await runNode([cli, 'import', 'tardis', day, '--out', tape])
const tapeBytes = statSync(tape).size
const tapeLines = Number(execFileSync('wc', ['-l', tape]).toString().trim().split(' ')[0])

const MB = 1e6
const rows = [
  ['', 'seconds', 'gzip MB/s', 'data MB/s', 'peak RSS', 'time vs baseline'],
  ['baseline (gunzip + split)', baseline.seconds, gzBytes / MB / baseline.seconds, rawBytes / MB / baseline.seconds, baseline.rss, 1],
  ['import tardis', imported.seconds, gzBytes / MB / imported.seconds, rawBytes / MB / imported.seconds, imported.rss, imported.seconds / baseline.seconds],
].map((r, i) =>
  i === 0 ? r : [r[0], r[1].toFixed(1), r[2].toFixed(1), r[3].toFixed(1), `${(r[4] / 2 ** 20).toFixed(0)} MiB`, `${r[5].toFixed(2)}x`],
)
console.log(
  `a synthetic tardis.dev day: 1440 slices, ${(gzBytes / MB).toFixed(0)} MB of gzip, ${(rawBytes / MB).toFixed(0)} MB ` +
    `(${(rawBytes / 2 ** 30).toFixed(2)} GiB) uncompressed, ${lines.toLocaleString('en-US')} lines`,
)
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c]).length)))
for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? String(cell).padEnd(widths[c]) : String(cell).padStart(widths[c]))).join('  '))
console.log(`tape: ${(tapeBytes / MB).toFixed(0)} MB, ${tapeLines.toLocaleString('en-US')} lines; import said: ${imported.stderr.trim()}`)
if (!values.keep && values.dir === undefined) rmSync(work, { recursive: true, force: true })
else log(`kept ${work}`)
