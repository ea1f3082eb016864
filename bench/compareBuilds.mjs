// Compares the benchmark ratios of two or more built checkouts of this project, measured in one session:
//
//   node bench/compareBuilds.mjs <before-dir> <after-dir> [more dirs] [--rounds=3] [--only=throughput,fanout,symbols]
//
// Each directory must be a checkout with `npm run build` done (its bench/run.mjs measures its own dist/).
// The checkouts' benchmarks run alternately, round after round (before, after, before, after, ...), so that a
// load arriving on a shared machine falls on every build alike; the load average is recorded with each run.
// Prints every run's ratios to stderr as they come, then a table of the median of each ratio per build. The
// ratios compare the library with contenders measured in the same run, so they travel across runs better
// than raw rates do.

import { spawn } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'

const args = process.argv.slice(2)
const dirs = args.filter((a) => !a.startsWith('--')).map((d) => path.resolve(d))
const rounds = Number(args.find((a) => a.startsWith('--rounds='))?.slice('--rounds='.length) ?? 3)
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? 'throughput,fanout,symbols'
if (dirs.length < 2 || !(rounds >= 1)) {
  console.error('usage: node bench/compareBuilds.mjs <before-dir> <after-dir> [more dirs] [--rounds=N] [--only=sections]')
  process.exit(2)
}

/** The ratios bench/run.mjs prints in its table, each found by its row's label. */
const RATIOS = [
  ['b/a', /^b\/a \(target[^)]*\)\s+([\d.]+)/m],
  ['b/c', /^b\/c \(target[^)]*\)\s+([\d.]+)/m],
  ['fan-out 100 vs 1', /^fan-out, 100 vs 1 observer\s+([\d.]+)x/m],
  ['200 symbols b/a', /^200 symbols, one connection\s+.*\(b\/a ([\d.]+)\)/m],
]

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** One `npm run bench` of the checkout in `dir` (without its build step), resolving with its table's text. */
function runBench(dir) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', 'bench/run.mjs', `--only=${only}`], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.stderr.on('data', (chunk) => (err += chunk))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`bench in ${dir} exited with ${code}:\n${err.split('\n').slice(-15).join('\n')}`)),
    )
  })
}

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ')
const runs = dirs.map(() => [])
for (let r = 0; r < rounds; r++) {
  for (const [i, dir] of dirs.entries()) {
    const loadBefore = load()
    const table = await runBench(dir)
    const ratios = Object.fromEntries(RATIOS.map(([name, re]) => [name, Number(table.match(re)?.[1] ?? NaN)]))
    const run = { round: r + 1, loadBefore, loadAfter: load(), ratios }
    runs[i].push(run)
    const shown = RATIOS.map(([name]) => `${name} ${ratios[name].toFixed(2)}`).join(', ')
    console.error(`round ${r + 1} ${path.basename(dir)}: ${shown} (load ${run.loadBefore} -> ${run.loadAfter})`)
  }
}

const names = dirs.map((d) => path.basename(d))
const width = Math.max(20, ...RATIOS.map(([n]) => n.length))
console.log(`\nmedians of ${rounds} alternating rounds (${only})`)
console.log(['ratio'.padEnd(width), ...names.map((n) => n.padStart(14))].join(''))
for (const [name] of RATIOS) {
  console.log([name.padEnd(width), ...runs.map((rs) => median(rs.map((x) => x.ratios[name])).toFixed(2).padStart(14))].join(''))
}
console.log('\nrounds')
for (const [i, rs] of runs.entries()) {
  for (const { round, loadBefore, ratios } of rs) {
    console.log(`${names[i]} round ${round} (load ${loadBefore}): ${RATIOS.map(([n]) => `${n} ${ratios[n].toFixed(2)}`).join(', ')}`)
  }
}
