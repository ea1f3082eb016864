import { execFile } from 'node:child_process'
import { join } from 'node:path'

// The size budget of scripts/size.mjs (also stated in docs/browser.md): min+gzip of both CDN bundles and of a
// tree-shaken ESM app using DexSocket + trades. The script exits 1 when a size is over its budget.

const SCRIPT = join(__dirname, '..', '..', 'scripts', 'size.mjs')

interface Run {
  code: number
  stdout: string
  stderr: string
}

interface Row {
  name: string
  minified: number
  gzip: number
  budget: number
}

it('keeps every browser bundle within its min+gzip budget', async () => {
  const { code, stdout, stderr } = await new Promise<Run>((resolve) => {
    execFile(process.execPath, [SCRIPT, '--json'], { maxBuffer: 1 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })
  expect(stderr).toBe('')
  const result = JSON.parse(stdout) as { ok: boolean; rows: Row[]; wsInApp: string[] }
  expect(result.rows.map((r) => r.name)).toEqual([
    'binance-dex-rx.umd.min.js',
    'binance-dex-rx.standalone.umd.min.js',
    'esm app: DexSocket + trades',
    'binance-dex-rx-simulator.umd.min.js',
    'binance-dex-rx-simulator.standalone.umd.min.js',
    'binance-dex-rx-history.umd.min.js',
  ])
  for (const row of result.rows) {
    expect({ name: row.name, gzip: row.gzip, overBudget: row.gzip > row.budget }).toEqual({
      name: row.name,
      gzip: row.gzip,
      overBudget: false,
    })
    // A minified bundle compresses; a gzip size near the minified one means something is wrong with it.
    expect(row.gzip).toBeLessThan(row.minified / 2)
  }
  expect(result.wsInApp).toEqual([])
  expect(result.ok).toBe(true)
  expect(code).toBe(0)
}, 180_000)
