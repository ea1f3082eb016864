#!/usr/bin/env node
// Builds dist/ only when it is missing or older than what it is built from, and says what it is doing:
// `npm start` goes through here, so a fresh clone's `npm install && npm start` builds once, at start. There is
// no install-time script: installing the published package must run nothing of ours. `npm run build` always
// builds.

import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const repository = join(dirname(fileURLToPath(import.meta.url)), '..')
const INPUTS = ['src', 'rollup.config.js', 'tsconfig.json', 'tsconfig.build.json', 'package.json']
// One file of each build; the oldest is when dist/ was last complete.
const OUTPUTS = ['cli.js', 'index.js', 'index.cjs', 'index.d.cts', 'simulator.d.cts', 'binance-dex-rx.umd.min.js']

function newest(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))))
}

/** Why `root`'s dist/ needs building, or undefined when it is up to date. */
export function staleReason(root = repository) {
  const outputs = OUTPUTS.map((name) => join(root, 'dist', name))
  if (outputs.some((file) => !existsSync(file))) return 'dist/ is not built yet'
  const built = Math.min(...outputs.map((file) => statSync(file).mtimeMs))
  const changed = INPUTS.filter((name) => existsSync(join(root, name)) && newest(join(root, name)) > built)
  return changed.length > 0 ? `${changed.join(', ')} changed since the last build` : undefined
}

/** Runs rollup when dist/ is stale, its progress on stderr; resolves with rollup's exit code (0 if fresh). */
export function buildIfStale(log = (line) => process.stderr.write(`${line}\n`)) {
  const reason = staleReason()
  if (reason === undefined) return Promise.resolve(0)
  log(`building dist/ (${reason}); this takes up to a minute, once…`)
  const started = Date.now()
  const rollup = join(repository, 'node_modules', 'rollup', 'dist', 'bin', 'rollup')
  const child = spawn(process.execPath, [rollup, '-c'], { cwd: repository, stdio: ['ignore', 'inherit', 'inherit'] })
  return new Promise((resolve) => {
    child.on('error', (error) => {
      log(`build failed to start: ${error.message}`)
      resolve(1)
    })
    child.on('exit', (code, signal) => {
      if (code === 0) log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`)
      resolve(code ?? (signal ? 1 : 0))
    })
  })
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  buildIfStale().then((code) => process.exit(code))
}
