#!/usr/bin/env node
// Lints the package as npm would publish it: packs it (without lifecycle scripts, so a
// `prepack` a dependency tool adds cannot build a second time) into a temporary folder, then runs publint --strict and arethetypeswrong on that tarball.
// Exits 1 when either reports a problem. Run after `npm run build`.

import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => join(root, 'node_modules', '.bin', name)
const folder = mkdtempSync(join(tmpdir(), 'dex-lint-package-'))
let failed = false
try {
  const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', folder], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const tarball = join(folder, JSON.parse(packed)[0].filename)
  for (const [name, args] of [
    ['publint', ['run', tarball, '--strict']],
    ['attw', [tarball, '--format', 'table-flipped']],
  ]) {
    const run = spawnSync(bin(name), args, { cwd: root, stdio: 'inherit' })
    if (run.status !== 0) {
      console.error(`lint-package: ${name} failed (exit ${run.status ?? run.signal})`)
      failed = true
    }
  }
} finally {
  rmSync(folder, { recursive: true, force: true })
}
process.exit(failed ? 1 : 0)
