import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { consumerProject, packPackage, ROOT, type PackedPackage } from './helpers/packedPackage'

// Consumer projects type-check against the packed package under each module resolution a stranger's
// project may use: node16 from an ES module, node16 from a CommonJS module, bundler (Vite, Vitest, esbuild
// set-ups), and the old node10. Each imports both entry points; a `@ts-expect-error` proves the types are
// real (with `any` types the expected error would not happen, and tsc would fail on the unused directive).

const USES = `
const dex = new DexSocket({ url: 'ws://127.0.0.1:8090/api/' })
dex.trades('BNB_BTCB-1DE').subscribe((trade: Trade) => {
  const price: string = trade.price
  const time: bigint = trade.tradeTime
  console.log(price, time, KlineInterval.interval_1min)
})
const started: Promise<DexSimulator> = DexSimulator.start({ market: { seed: 1 } })
// @ts-expect-error prices are exact decimal strings
const wrong: number = ({} as Trade).price
void started
void wrong
`
const IMPORTS = `import { DexSocket, KlineInterval, type Trade } from 'binance-dex-rx'
import { DexSimulator } from 'binance-dex-rx/simulator'
`

// The declarations are one file for all four (the ESM one re-exports the CJS one): one project checks it
// whole (skipLibCheck off, slow), the others only resolve and use it.
const options = (module: string, moduleResolution: string, skipLibCheck = true) => ({
  compilerOptions: { module, moduleResolution, target: 'es2020', strict: true, noEmit: true, types: ['node'], skipLibCheck },
})

const PROJECTS: Record<string, { type: 'module' | 'commonjs'; file: string; tsconfig: object }> = {
  'node16, from ESM': { type: 'module', file: 'app.mts', tsconfig: options('node16', 'node16', false) },
  'node16, from CJS': { type: 'commonjs', file: 'app.cts', tsconfig: options('node16', 'node16') },
  bundler: { type: 'module', file: 'app.ts', tsconfig: options('esnext', 'bundler') },
  node10: { type: 'commonjs', file: 'app.ts', tsconfig: options('commonjs', 'node10') },
}

let packed: PackedPackage

beforeAll(() => {
  packed = packPackage()
}, 120_000)

afterAll(() => packed?.remove())

it.each(Object.entries(PROJECTS))('types resolve for both entry points under %s', async (name, project) => {
  const dir = consumerProject(packed, name.replace(/\W+/g, '-'), project.type, {
    [project.file]: IMPORTS + USES,
    'tsconfig.json': JSON.stringify({ ...project.tsconfig, files: [project.file] }),
  })
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
  const result = await new Promise<{ code: number; output: string }>((resolve) =>
    execFile(process.execPath, [tsc, '-p', dir, '--pretty', 'false'], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    ),
  )
  expect(result).toEqual({ code: 0, output: '' })
}, 120_000)
