import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'

// `npm run dashboard` starts its own simulator: it must open on an hour of history, so the candle chart's
// REST request (GET /api/v1/klines) fills the chart on load instead of leaving it to the stream.

const SERVE = join(__dirname, '..', '..', 'examples', 'dashboard', 'serve.mjs')
const HOUR_MS = 60 * 60_000

let child: ChildProcess
let streams: string

beforeAll(async () => {
  child = spawn(process.execPath, [SERVE, '--port', '0', '--seed', '3'], { stdio: ['ignore', 'pipe', 'pipe'] })
  streams = await new Promise<string>((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /^streams\s+(ws\S+)/m.exec(out)
      if (match) resolve(match[1])
    })
    child.once('exit', (code) => reject(new Error(`serve.mjs exited (${code}): ${out}`)))
  })
}, 60_000)

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
})

it("serves an hour of one-minute klines as soon as it listens", async () => {
  const rest = streams.replace(/^ws/, 'http')
  const symbols = (await (await fetch(`${rest}v1/markets`)).json()) as { base_asset_symbol: string; quote_asset_symbol: string }[]
  const symbol = `${symbols[0].base_asset_symbol}_${symbols[0].quote_asset_symbol}`
  const rows = (await (await fetch(`${rest}v1/klines?symbol=${symbol}&interval=1m&limit=240`)).json()) as number[][]
  // A whole hour of closed minutes, plus the one still open.
  expect(rows.length).toBeGreaterThanOrEqual(60)
  const span = rows.at(-1)![0] - rows[0][0]
  expect(span).toBeGreaterThanOrEqual(HOUR_MS - 60_000)
})
