import { execFile, execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// A consumer of the packed tarball, in plain Node processes (no jest, no jsdom, no global WebSocket on
// Node 20): the `binance-dex-rx/simulator/in-process` entry resolves for import, require and TypeScript, its
// module graph loads with every node:* and ws import refused, and a program streaming from it exits on its
// own once it closed the socket and stopped the simulator (no timer left behind).

const ROOT = join(__dirname, '..', '..')
const DEPS = ['rxjs', 'io-ts', 'fp-ts', 'isomorphic-ws', 'ws', 'tslib']
let consumer: string

beforeAll(() => {
  consumer = mkdtempSync(join(tmpdir(), 'dex-consumer-'))
  const [{ filename }] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', consumer], { cwd: ROOT, encoding: 'utf8' }),
  )
  const installed = join(consumer, 'node_modules', 'binance-dex-rx')
  mkdirSync(installed, { recursive: true })
  execFileSync('tar', ['-xzf', join(consumer, filename), '-C', installed, '--strip-components=1'])
  // The dependencies as npm would install them: this checkout's copies, linked.
  for (const dep of DEPS) symlinkSync(join(ROOT, 'node_modules', dep), join(consumer, 'node_modules', dep), 'dir')
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(consumer, name), text)
}, 120_000)

afterAll(() => {
  if (consumer) rmSync(consumer, { recursive: true, force: true })
})

function node(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, args, { cwd: consumer, timeout: 20_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : child.exitCode) : 0, stdout, stderr }),
    )
  })
}

const FILES: Record<string, string> = {
  // Refuses every import of a Node built-in or of ws, from any module loaded after it.
  'deny-node.mjs': `import { builtinModules, register } from 'node:module'
const denied = JSON.stringify([...builtinModules, 'ws', 'isomorphic-ws'])
register('data:text/javascript,' + encodeURIComponent(\`
const denied = new Set(\${denied})
export async function resolve(specifier, context, next) {
  if (specifier.startsWith('node:') || denied.has(specifier)) {
    throw new Error('refused import of ' + specifier + ' from ' + context.parentURL)
  }
  return next(specifier, context)
}\`))
`,
  'raw.mjs': `import { startInProcess } from 'binance-dex-rx/simulator/in-process'
const sim = startInProcess({ market: { seed: 4, blockIntervalMs: 20 } })
const socket = new sim.WebSocket(sim.url + 'ws/$all@blockheight')
const heights = []
socket.onmessage = (e) => {
  heights.push(JSON.parse(e.data).data.h)
  if (heights.length === 3) socket.close()
}
socket.onclose = async (e) => {
  await sim.stop()
  console.log(JSON.stringify({ heights, code: e.code, wasClean: e.wasClean }))
}
`,
  'app.mjs': `import { DexSocket } from 'binance-dex-rx'
import { startInProcess } from 'binance-dex-rx/simulator/in-process'
import { firstValueFrom, take, toArray } from 'rxjs'
const sim = startInProcess({ market: { seed: 4, blockIntervalMs: 20 } })
const dex = new DexSocket({ url: sim.url, WebSocketCtor: sim.WebSocket })
const trades = await firstValueFrom(dex.trades(sim.symbols[0]).pipe(take(3), toArray()))
dex.close()
await sim.stop()
console.log(JSON.stringify({ symbol: sim.symbols[0], trades: trades.map((t) => [t.symbol, t.price, typeof t.tradeTime]) }))
`,
  'app.cjs': `const { startInProcess, InProcessSimulator } = require('binance-dex-rx/simulator/in-process')
const sim = startInProcess({ market: false })
console.log(JSON.stringify({ instance: sim instanceof InProcessSimulator, url: sim.url }))
sim.stop()
`,
  'typed.ts': `import { DexSocket } from 'binance-dex-rx'
import { startInProcess, type InProcessSimulator, type InProcessOptions } from 'binance-dex-rx/simulator/in-process'
const options: InProcessOptions = { market: { seed: 1 }, keepAliveExpiryMs: 60_000 }
const sim: InProcessSimulator = startInProcess(options)
const dex = new DexSocket({ url: sim.url, WebSocketCtor: sim.WebSocket })
const symbols: readonly string[] = sim.symbols
dex.trades(symbols[0]).subscribe((t) => t.price.toUpperCase())
// @ts-expect-error no port: nothing listens
startInProcess({ port: 1 })
`,
}

it('the in-process entry loads with every node:* and ws import refused, and streams', async () => {
  const run = await node(['--import', './deny-node.mjs', 'raw.mjs'])
  expect(run.stderr).toBe('')
  const out = JSON.parse(run.stdout)
  expect(out.heights).toHaveLength(3)
  expect(out.heights[1]).toBe(out.heights[0] + 1)
  expect(out).toMatchObject({ code: 1005, wasClean: true })
  expect(run.code).toBe(0)
  // The refusing hook does refuse: the Node server entry cannot load under it.
  const server = await node(['--import', './deny-node.mjs', '--input-type=module', '-e', "import 'binance-dex-rx/simulator'"])
  expect(server.stderr).toMatch(/refused import of (node:http|node:|ws)/)
})

it('an ESM program streams trades through DexSocket and exits by itself after close and stop', async () => {
  const run = await node(['app.mjs'])
  expect(run.stderr).toBe('')
  const out = JSON.parse(run.stdout)
  expect(out.trades).toHaveLength(3)
  for (const trade of out.trades) expect(trade).toEqual([out.symbol, expect.stringMatching(/^\d+\.\d{8}$/), 'bigint'])
  expect(run.code).toBe(0)
})

it('require() resolves the CommonJS build', async () => {
  const run = await node(['app.cjs'])
  expect(run.stderr).toBe('')
  expect(JSON.parse(run.stdout)).toEqual({ instance: true, url: expect.stringMatching(/^ws:\/\/in-process-1\.invalid\/api\/$/) })
})

it('TypeScript finds the entry’s types through the package exports', () => {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
  const args = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', 'typed.ts']
  expect(() => execFileSync(process.execPath, [tsc, ...args], { cwd: consumer, encoding: 'utf8' })).not.toThrow()
}, 60_000)
