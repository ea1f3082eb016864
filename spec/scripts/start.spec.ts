import { execFile, execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

// `npm start` on a fresh clone builds dist/ first (nothing builds at install), and starts at once once built; after a change
// to the sources it rebuilds first, saying so. (`npm test` has just built dist/, so it is fresh here.)

const ROOT = join(__dirname, '..', '..')
const OUTPUTS = ['cli.js', 'index.js', 'index.cjs', 'index.d.cts', 'simulator.d.cts', 'binance-dex-rx.umd.min.js']

let folder: string

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'dex-stale-'))
})

/** The script's `staleReason(root)`, called in a Node of its own (it is an ES module; jest runs CommonJS). */
function staleReason(root: string): string | undefined {
  const script = pathToFileURL(join(ROOT, 'scripts', 'build-if-stale.mjs')).href
  const code = `const { staleReason } = await import(${JSON.stringify(script)}); console.log(JSON.stringify(staleReason(process.argv[1]) ?? null))`
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code, root], { encoding: 'utf8' })
  return JSON.parse(out) ?? undefined
}

afterAll(() => rmSync(folder, { recursive: true, force: true }))

/** A checkout with sources written at `sourceTime` and dist/ at `builtTime` (seconds), or without dist/. */
function checkout(name: string, sourceTime: number, builtTime?: number): string {
  const root = join(folder, name)
  mkdirSync(join(root, 'src', 'internal'), { recursive: true })
  for (const file of ['src/index.ts', 'src/internal/x.ts', 'package.json', 'rollup.config.js']) {
    writeFileSync(join(root, file), '')
    utimesSync(join(root, file), sourceTime, sourceTime)
  }
  if (builtTime !== undefined) {
    mkdirSync(join(root, 'dist'))
    for (const file of OUTPUTS) {
      writeFileSync(join(root, 'dist', file), '')
      utimesSync(join(root, 'dist', file), builtTime, builtTime)
    }
  }
  return root
}

describe('staleReason', () => {
  it('builds when there is no dist/', () => {
    expect(staleReason(checkout('none', 1000))).toBe('dist/ is not built yet')
  })

  it('builds when part of dist/ is missing', () => {
    const root = checkout('partial', 1000, 2000)
    rmSync(join(root, 'dist', 'index.cjs'))
    expect(staleReason(root)).toBe('dist/ is not built yet')
  })

  it('does not build when dist/ is newer than every input', () => {
    expect(staleReason(checkout('fresh', 1000, 2000))).toBeUndefined()
  })

  it('names what changed since the build, down to a nested source file', () => {
    const root = checkout('stale', 1000, 2000)
    utimesSync(join(root, 'src', 'internal', 'x.ts'), 3000, 3000)
    utimesSync(join(root, 'rollup.config.js'), 3000, 3000)
    expect(staleReason(root)).toBe('src, rollup.config.js changed since the last build')
  })
})

it('npm start says what it does at once, then shows the demo (dist/ fresh: no build)', async () => {
  // A stale dist/ would be rebuilt under the feet of the other suites: fail instead.
  expect({ staleBecause: staleReason(ROOT) }).toEqual({ staleBecause: undefined })
  const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), '--frames', '1'], { cwd: ROOT }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  )
  expect(result.code).toBe(0)
  expect(result.stderr).toBe('binance-dex-rx: starting the live demo against a local simulated market (q quits)\n')
  // One plain frame (output is not a terminal): the order book's prices are on it.
  expect(result.stdout).toMatch(/\b\d+\.\d{5,8}\b/)
}, 60_000)
