import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DexSimulator } from '../../src/simulator'
import { consumerProject, packPackage, type PackedPackage } from './helpers/packedPackage'
import { ensureRuntimes } from './helpers/runtimes'

// Every server-side runtime "isomorphic" promises, each running a consumer's script against the packed
// package (installed as npm would) and streaming trades from a simulator this test runs: Node (the one
// running jest, and Node 18, the oldest `engines` allows) as ESM and CJS, Bun, and Deno with network
// permission only (no environment access: nothing may import `ws`, which reads environment variables).
// Browsers are in spec/browser/.

const SYMBOL = 'BNB_BTCB-1DE'
const CONSUMER = join(__dirname, 'consumer')

let sim: DexSimulator
let packed: PackedPackage
let project: string
let runtimes: ReturnType<typeof ensureRuntimes>

beforeAll(async () => {
  runtimes = ensureRuntimes(['node18', 'bun', 'deno'])
  packed = packPackage()
  project = consumerProject(packed, 'runtimes', 'module', {
    'stream.mjs': readFileSync(join(CONSUMER, 'stream.mjs'), 'utf8'),
    'stream.cjs': readFileSync(join(CONSUMER, 'stream.cjs'), 'utf8'),
  })
  sim = await DexSimulator.start({ market: { seed: 5, symbols: [SYMBOL], blockIntervalMs: 100 } })
}, 300_000)

afterAll(async () => {
  await sim?.stop()
  packed?.remove()
})

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function run(executable: string, args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(executable, [...args, sim.url, SYMBOL], { cwd: project, env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })
}

async function expectTrades(result: Run): Promise<void> {
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' })
  const { trades } = JSON.parse(result.stdout.trim().split('\n').at(-1)!)
  expect(trades).toHaveLength(3)
  for (const trade of trades) {
    expect(trade).toEqual({ symbol: SYMBOL, price: expect.stringMatching(/^\d+\.\d{8}$/), tradeTime: 'bigint' })
  }
}

const cases: [string, () => [string, string[], Record<string, string>?]][] = [
  ['Node (this one), ESM', () => [process.execPath, ['stream.mjs']]],
  ['Node (this one), CJS', () => [process.execPath, ['stream.cjs']]],
  ['Node 18, ESM', () => [runtimes.node18, ['stream.mjs']]],
  ['Node 18, CJS', () => [runtimes.node18, ['stream.cjs']]],
  ['Bun, ESM', () => [runtimes.bun, ['stream.mjs']]],
  ['Bun, CJS', () => [runtimes.bun, ['stream.cjs']]],
  // --no-prompt: a permission it lacks fails at once instead of asking; DENO_DIR keeps its cache here.
  ['Deno with --allow-net alone', () => [runtimes.deno, ['run', '--allow-net', '--no-prompt', '--no-lock', 'stream.mjs'], { DENO_DIR: join(packed.folder, 'deno-cache'), NO_COLOR: '1' }]],
]

it.each(cases)('%s streams trades from the simulator', async (_name, command) => {
  const [executable, args, env] = command()
  await expectTrades(await run(executable, args, env))
}, 60_000)

it('Node 18 is the Node 18 that package.json promises, not this one', async () => {
  const result = await new Promise<string>((resolve, reject) =>
    execFile(runtimes.node18, ['--version'], (error, stdout) => (error ? reject(error) : resolve(stdout))),
  )
  expect(result.trim()).toMatch(/^v18\./)
  expect(JSON.parse(readFileSync(join(packed.dir, 'package.json'), 'utf8')).engines.node).toBe('>=18')
})
