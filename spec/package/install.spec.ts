import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { packPackage, ROOT, type PackedPackage } from './helpers/packedPackage'

// Issue 20: `npm install` of the published package, as a consumer runs it, runs no script of ours and prints
// no warning (npm 11 warns about every install-time script a package declares). The install is offline: the
// package's dependencies come as tarballs packed from this repository's node_modules.

const run = promisify(execFile)
const DEPENDENCIES = ['rxjs', 'tslib', 'fp-ts', 'io-ts', 'isomorphic-ws', 'ws']

let packed: PackedPackage
let output: { stdout: string; stderr: string }
let project: string

beforeAll(async () => {
  packed = packPackage()
  const tarballs = join(packed.folder, 'tarballs')
  mkdirSync(tarballs)
  for (const name of DEPENDENCIES) {
    await run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', tarballs, join(ROOT, 'node_modules', name)])
  }
  project = join(packed.folder, 'consumer')
  mkdirSync(project)
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }))
  const specs = [...readdirSync(tarballs).map((file) => join(tarballs, file)), packed.tarball]
  output = await run(
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--cache', join(packed.folder, 'npm-cache'), ...specs],
    { cwd: project, env: { ...process.env, npm_config_loglevel: 'warn' } },
  )
}, 300_000)

afterAll(() => packed?.remove())

it('installs the tarball with no warning', () => {
  expect(existsSync(join(project, 'node_modules', 'binance-dex-rx', 'dist', 'index.js'))).toBe(true)
  const warnings = `${output.stdout}\n${output.stderr}`.split('\n').filter((line) => /\bwarn/i.test(line))
  expect(warnings).toEqual([])
})

it('runs nothing of ours at install: the installed package is exactly the tarball (no build output added)', () => {
  const installed = join(project, 'node_modules', 'binance-dex-rx')
  expect(readdirSync(installed).sort()).toEqual(readdirSync(packed.dir).sort())
  expect(readdirSync(join(installed, 'dist')).sort()).toEqual(readdirSync(join(packed.dir, 'dist')).sort())
})
