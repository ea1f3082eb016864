#!/usr/bin/env node
// `npm start`: the terminal demo against an embedded simulator, built first if dist/ is missing or stale.
// It speaks at once, so a first run never sits on a blank terminal while rollup works.

import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildIfStale } from './build-if-stale.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
process.stderr.write('binance-dex-rx: starting the live demo against a local simulated market (q quits)\n')
const built = await buildIfStale()
if (built !== 0) process.exit(built)
const demo = spawn(process.execPath, [join(root, 'dist', 'cli.js'), 'demo', ...process.argv.slice(2)], {
  stdio: 'inherit',
})
// The demo handles Ctrl-C itself (it restores the terminal); this process only waits for it.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => {})
demo.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
