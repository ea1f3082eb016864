import { execFile, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { transformSync } from 'esbuild'
import { DexSimulator } from '../../src/simulator'
import { consumerProject, packPackage, ROOT, type PackedPackage } from '../package/helpers/packedPackage'

// Every TypeScript block of README.md, as a stranger would paste it into a project that installed the
// package: type-checked (node16, ES module) and run with Node against a simulator. The one change made to a
// block: the simulator URL the README names (port 8090) becomes this test's simulator's URL.

const README = readFileSync(join(ROOT, 'README.md'), 'utf8')
const BLOCKS = [...README.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1])
const README_URL = 'ws://127.0.0.1:8090/api/'
const SYMBOL = 'BNB_BTCB-1DE'

let sim: DexSimulator
let packed: PackedPackage
let project: string

beforeAll(async () => {
  sim = await DexSimulator.start({ market: { seed: 9, symbols: [SYMBOL], blockIntervalMs: 100 } })
  packed = packPackage()
  const files: Record<string, string> = {}
  BLOCKS.forEach((block, i) => {
    const source = block.split(README_URL).join(sim.url)
    files[`block${i}.mts`] = source
    files[`block${i}.mjs`] = transformSync(source, { loader: 'ts', format: 'esm' }).code
  })
  const tsconfig = { compilerOptions: { module: 'node16', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] } }
  project = consumerProject(packed, 'readme', 'module', { ...files, 'tsconfig.json': JSON.stringify(tsconfig) })
}, 120_000)

afterAll(async () => {
  await sim?.stop()
  packed?.remove()
})

interface Output {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs a block with Node until `enough(stdout)` holds (then stops it) or it exits by itself. */
function runBlock(index: number, enough: (stdout: string) => boolean = () => false): Promise<Output> {
  const child = spawn(process.execPath, [`block${index}.mjs`], { cwd: project })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    stdout += text
    if (enough(stdout)) child.kill('SIGTERM')
  })
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
}

const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '')

it('has the blocks this spec knows about', () => {
  expect(BLOCKS).toHaveLength(2)
  expect(BLOCKS[0]).toContain(README_URL)
})

it('type-checks every block as a consumer project would (node16, ES module)', async () => {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
  const result = await new Promise<Output>((resolve) =>
    execFile(process.execPath, [tsc, '-p', project, '--pretty', 'false'], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  )
  expect(result).toEqual({ code: 0, stdout: '', stderr: '' })
}, 120_000)

it('block 1 (the first example) prints status lines, trades and the block height', async () => {
  const done = (out: string): boolean =>
    /^block height \d+$/m.test(out) && lines(out).filter((l) => /^\d+\.\d{8} /.test(l)).length >= 2
  const { stdout, stderr } = await runBlock(0, done)
  expect(stderr).toBe('')
  const printed = lines(stdout)
  // Subscribed before anything connects, status$ reports the connection from its start.
  expect(printed.slice(0, 2)).toEqual(['market connecting', 'market open'])
  expect(printed).toContainEqual(expect.stringMatching(/^block height \d{9}$/))
  for (const trade of printed.filter((l) => /^\d+\.\d{8} /.test(l))) {
    expect(trade).toMatch(/^\d+\.\d{8} \d+\.\d{8} \d{19}n$/) // console.log shows a bigint with its n
  }
}, 60_000)

it('block 2 (the simulator) prints three trades, then ends by itself', async () => {
  const result = await runBlock(1)
  expect(result).toMatchObject({ code: 0, stderr: '' })
  const printed = lines(result.stdout)
  expect(printed).toHaveLength(3)
  for (const line of printed) expect(line).toMatch(/^BNB_BTCB-1DE \d+\.\d{8}$/)
}, 60_000)

// Issue 20: the contributor's two commands come first; right under them, what a user of the package types.
it("opens with the contributor's commands, then the user's install line and CDN tag", () => {
  const blocks = [...README.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].slice(0, 3).map((m) => [m[1], m[2].trim()])
  expect(blocks[0][0]).toBe('sh')
  expect(blocks[0][1].split('\n').map((line) => line.split('#')[0].trim())).toEqual(['npm install && npm start', 'npm ci && npm test'])
  expect(blocks[1]).toEqual(['sh', 'npm install binance-dex-rx rxjs'])
  expect(blocks[2][0]).toBe('html')
  expect(blocks[2][1]).toMatch(/^<script src="https:\/\/unpkg\.com\/rxjs@7\/dist\/bundles\/rxjs\.umd\.min\.js"><\/script>\n<script src="https:\/\/unpkg\.com\/binance-dex-rx@[\d.]+"><\/script>/)
  // Nothing but a sentence between them.
  const head = README.slice(0, README.indexOf(blocks[2][1]))
  expect(head.split('```').length).toBe(6)
})
