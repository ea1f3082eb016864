// `npm run bench`: every benchmark of the project in one run, one table at the end.
//
//   node --expose-gc bench/run.mjs                (after `npm run build`: contender (b) is dist/index.js)
//   node --expose-gc bench/run.mjs --quick        (fewer rounds and frames: for trying a change)
//   node --expose-gc bench/run.mjs --only=fanout  (some sections: throughput latency heap fanout symbols book replay)
//
// A loopback server (bench/server.mjs, its own process) writes pre-encoded frames as fast as the client
// reads them; the clients (bench/clients.mjs) run here, one at a time, in interleaved rounds whose order
// rotates, and every figure is a median over rounds: this is a shared, noisy machine. Progress and details
// go to stderr, the table to stdout. docs/performance.md explains the method and the workloads.

import { execFileSync, fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { baseline, floor, library, naive, TimedWebSocket } from './clients.mjs'
import { connections, scenario } from './frames.mjs'
import { replayBench } from './replay.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..')
const quick = process.argv.includes('--quick')
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',')
const want = (section) => !only || only.includes(section)
const gc = globalThis.gc
if (!gc) console.error('warning: run with node --expose-gc; without it runs start without a collection and heap figures are skipped')
const log = (...args) => console.error(...args)

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]
const int = (n) => Math.round(n).toLocaleString('en-US')
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`
const spread = (xs, digits = 2) => `${Math.min(...xs).toFixed(digits)}-${Math.max(...xs).toFixed(digits)}`

const cpu = `${os.cpus()[0].model}, ${os.cpus().length} cores, node ${process.version}`
log(`machine: ${cpu}, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`)

// ---------------------------------------------------------------------------------------------------------
// server and runs
// ---------------------------------------------------------------------------------------------------------

const server = fork(path.join(here, 'server.mjs'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
const { port } = await new Promise((resolve, reject) => {
  server.once('message', resolve)
  server.once('error', reject)
})

const framesOf = (name, cycles) =>
  Object.values(connections(scenario(name))).reduce((n, c) => n + c.texts.length * cycles, 0)

/** One run of `client` over `cycles` of scenario `name`; events per second between first and last event. */
async function measure(client, name, cycles, extra = {}) {
  gc?.()
  const s = scenario(name)
  const c = await client({ url: `ws://127.0.0.1:${port}/${name}/${cycles}`, s, cycles, ...extra })
  const ms = c.last - c.first
  return { events: c.count, ms, rate: (c.count / ms) * 1000 }
}

const contenders = { floor, a: baseline, b: library, c: naive }
const rows = [['machine', cpu]]

// ---------------------------------------------------------------------------------------------------------
// 1. throughput on the busy-market mix: (a), (b), (c) and the socket floor, interleaved
// ---------------------------------------------------------------------------------------------------------

async function throughput() {
  const cycles = quick ? 20 : 40
  const rounds = quick ? 3 : 7
  const mix = scenario('mix')
  log(`\nthroughput: busy-market mix, ${int(framesOf('mix', cycles))} frames (${mb((mix.market.bytesPerCycle + mix.user.bytesPerCycle) * cycles)}) per run`)
  for (const client of Object.values(contenders)) await measure(client, 'mix', 8) // JIT warm-up
  const rates = { floor: [], a: [], b: [], c: [] }
  const ba = []
  const bc = []
  const names = Object.keys(contenders)
  for (let r = 0; r < rounds; r++) {
    const round = {}
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length]
      round[name] = (await measure(contenders[name], 'mix', cycles)).rate
      rates[name].push(round[name])
    }
    ba.push(round.b / round.a)
    bc.push(round.b / round.c)
    log(`  round ${r + 1}: ${names.map((n) => `${n} ${int(round[n])}`).join(', ')} events/s; b/a ${(round.b / round.a).toFixed(2)}, b/c ${(round.b / round.c).toFixed(2)}`)
  }
  rows.push(
    ['workload', `busy-market mix, ${int(framesOf('mix', cycles))} frames per run, median of ${rounds} interleaved rounds`],
    ['floor: ws only, no parsing', `${int(median(rates.floor))} events/s`],
    ['(a) ws + JSON.parse', `${int(median(rates.a))} events/s`],
    ['(b) binance-dex-rx (DexSocket)', `${int(median(rates.b))} events/s`],
    ['(c) RxJS webSocket + io-ts', `${int(median(rates.c))} events/s`],
    ['b/a (target >= 0.8)', `${median(ba).toFixed(2)} (rounds: ${spread(ba)})`],
    ['b/c (target > 1.3)', `${median(bc).toFixed(2)} (rounds: ${spread(bc)})`],
  )
}

// ---------------------------------------------------------------------------------------------------------
// 2. added latency per frame: from `ws` having the frame to the last subscriber's return
// ---------------------------------------------------------------------------------------------------------

/** Per-frame microseconds of one run, by frame kind; the first cycle of each connection is warm-up. */
async function latencies(client, cycles) {
  const mix = scenario('mix')
  const byKind = new Map()
  const all = []
  TimedWebSocket.record = (conn, index, us) => {
    const c = mix[conn]
    if (index < c.texts.length) return
    const kind = c.kinds[index % c.kinds.length]
    let list = byKind.get(kind)
    if (!list) byKind.set(kind, (list = []))
    list.push(us)
    all.push(us)
  }
  await measure(client, 'mix', cycles, { Ctor: TimedWebSocket })
  TimedWebSocket.record = null
  const sort = (xs) => Float64Array.from(xs).sort()
  return { all: sort(all), byKind: new Map([...byKind].map(([k, xs]) => [k, sort(xs)])) }
}

async function latency() {
  const cycles = quick ? 12 : 24
  const runs = { a: [], b: [] }
  const kinds = { a: new Map(), b: new Map() }
  for (let r = 0; r < (quick ? 2 : 4); r++) {
    for (const name of r % 2 ? ['b', 'a'] : ['a', 'b']) {
      const l = await latencies(contenders[name], cycles)
      runs[name].push({ p50: quantile(l.all, 0.5), p99: quantile(l.all, 0.99), p999: quantile(l.all, 0.999) })
      for (const [k, xs] of l.byKind) kinds[name].set(k, [...(kinds[name].get(k) ?? []), { p50: quantile(xs, 0.5), p99: quantile(xs, 0.99) }])
    }
  }
  const q = (name, key) => median(runs[name].map((x) => x[key])).toFixed(1)
  log(`\nlatency per frame, microseconds, median over runs of ${int(framesOf('mix', cycles))} frames:`)
  for (const name of ['a', 'b']) {
    log(`  (${name}) all frames  p50 ${q(name, 'p50')}  p99 ${q(name, 'p99')}  p99.9 ${q(name, 'p999')}`)
    for (const [k, xs] of kinds[name]) {
      log(`  (${name}) ${k.padEnd(10)}  p50 ${median(xs.map((x) => x.p50)).toFixed(1)}  p99 ${median(xs.map((x) => x.p99)).toFixed(1)}`)
    }
  }
  rows.push(
    ['added latency per frame (b)', `p50 ${q('b', 'p50')} us, p99 ${q('b', 'p99')} us (target p99 < 100)`],
    ['  same span for (a)', `p50 ${q('a', 'p50')} us, p99 ${q('a', 'p99')} us`],
  )
}

// ---------------------------------------------------------------------------------------------------------
// 3. heap over 1,000,000 frames through (b)
// ---------------------------------------------------------------------------------------------------------

async function heap() {
  if (!gc) return rows.push(['heap', 'skipped: run with node --expose-gc'])
  const perCycle = framesOf('mix', 1)
  const cycles = Math.ceil((quick ? 200_000 : 1_000_000) / perCycle)
  const samples = []
  let next = 0
  await measure(library, 'mix', cycles, {
    sample(count, expected) {
      // After a full collection: at 2% of the run (everything warm and subscribed), then every 10%.
      if (count < (next === 0 ? 0.02 : next / 10) * expected) return
      gc()
      samples.push(process.memoryUsage().heapUsed)
      next++
    },
  })
  const [before, after] = [samples[0], samples[samples.length - 1]]
  log(`\nheap used after a collection, at 2%, 10%, ..., 100% of ${int(cycles * perCycle)} frames: ${samples.map(mb).join(', ')}`)
  rows.push([
    `heap, ${int(cycles * perCycle)} frames (b)`,
    `${mb(before)} -> ${mb(after)} (${after >= before ? '+' : ''}${mb(after - before)}; highest sample ${mb(Math.max(...samples))})`,
  ])
}

// ---------------------------------------------------------------------------------------------------------
// 4. fan-out: 100 observers of one stream against one
// ---------------------------------------------------------------------------------------------------------

async function fanout() {
  const cycles = quick ? 25 : 50
  await measure(library, 'fanout', 5, { observers: 100 })
  const ratios = []
  const perObserver = []
  const rates = { 1: [], 100: [] }
  for (let r = 0; r < (quick ? 3 : 7); r++) {
    const m = {}
    for (const observers of r % 2 ? [100, 1] : [1, 100]) {
      m[observers] = await measure(library, 'fanout', cycles, { observers })
      rates[observers].push(m[observers].rate)
    }
    ratios.push(m[100].ms / m[1].ms)
    perObserver.push(((m[100].ms - m[1].ms) * 1e6) / (99 * m[1].events))
  }
  log(`\nfan-out, trades of one market (${int(framesOf('fanout', cycles))} frames): 1 observer ${int(median(rates[1]))} events/s, 100 observers ${int(median(rates[100]))} events/s`)
  log(`  time ratio per round: ${ratios.map((x) => x.toFixed(2)).join(' ')}; each extra observer costs ${median(perObserver).toFixed(0)} ns per event`)
  rows.push([
    'fan-out, 100 vs 1 observer',
    `${median(ratios).toFixed(2)}x the time (target < 2; rounds ${spread(ratios)}; ${median(perObserver).toFixed(0)} ns per extra observer and event)`,
  ])
}

// ---------------------------------------------------------------------------------------------------------
// 5. 200 symbols on one connection
// ---------------------------------------------------------------------------------------------------------

async function symbols() {
  const cycles = quick ? 12 : 25
  await measure(library, 'symbols200', 3)
  await measure(baseline, 'symbols200', 3)
  const rates = { a: [], b: [] }
  for (let r = 0; r < (quick ? 2 : 4); r++) {
    for (const name of r % 2 ? ['b', 'a'] : ['a', 'b']) rates[name].push((await measure(contenders[name], 'symbols200', cycles)).rate)
  }
  const ratio = median(rates.b.map((b, i) => b / rates.a[i]))
  log(`\n200 symbols, trades and marketDiff (400 subscriptions, one connection): (b) ${int(median(rates.b))} events/s, (a) ${int(median(rates.a))} events/s`)
  rows.push(['200 symbols, one connection', `${int(median(rates.b))} events/s (b/a ${ratio.toFixed(2)})`])
}

// ---------------------------------------------------------------------------------------------------------
// 6. the order book benchmark (bench/orderBook.bench.ts), compiled to a temporary directory
// ---------------------------------------------------------------------------------------------------------

function book() {
  const out = mkdtempSync(path.join(os.tmpdir(), 'dexbench-'))
  try {
    log('\norder book: compiling bench/orderBook.bench.ts ...')
    const tsc = path.join(root, 'node_modules/typescript/bin/tsc')
    const flags = ['--module', 'commonjs', '--target', 'es2020', '--strict', '--esModuleInterop', '--skipLibCheck']
    execFileSync(process.execPath, [tsc, '--outDir', out, ...flags, path.join(root, 'bench/orderBook.bench.ts')], {
      cwd: root,
      stdio: 'inherit',
    })
    const text = execFileSync(process.execPath, ['--expose-gc', path.join(out, 'bench/orderBook.bench.js')], {
      cwd: root,
      env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') },
      encoding: 'utf8',
    })
    log(text.replace(/^/gm, '  '))
    const rate = (section, row) => {
      const line = text.slice(text.indexOf(section)).split('\n').find((l) => l.includes(row))
      return Number(line?.slice(line.indexOf(row) + row.length).match(/([\d,]+) updates\/s/)?.[1].replace(/,/g, ''))
    }
    rows.push(
      ['order book, 1,000 + 1,000 levels', `${int(rate('1,000 bids + 1,000 asks', 'LocalOrderBook, B+tree (nodes of 32)'))} level updates/s (LocalOrderBook)`],
      ['  with a top-20 view per diff', `${int(rate('emitting a top-20 view', 'keepOrderBook({ depth: 20 }), end to end'))} level updates/s (keepOrderBook, RxJS)`],
    )
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

// ---------------------------------------------------------------------------------------------------------
// run
// ---------------------------------------------------------------------------------------------------------

try {
  if (want('throughput')) await throughput()
  if (want('latency')) await latency()
  if (want('heap')) await heap()
  if (want('fanout')) await fanout()
  if (want('symbols')) await symbols()
} finally {
  server.kill()
}
if (want('book') && !quick) book()
if (want('replay')) rows.push(...(await replayBench({ quick })))

const width = Math.max(...rows.map(([k]) => k.length))
console.log(`\nbinance-dex-rx benchmark\n${'-'.repeat(width + 70)}`)
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`)
