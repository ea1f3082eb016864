import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import { DexSimulator } from '../../src/simulator'
import { parseTape } from '../../src/simulator/tape/parseTape'
import { CliProcess, killAll, linesOf, runCli } from './cliProcess'
import { framesOf } from '../simulator/tape/framesOf'

let dir: string
let sim: DexSimulator | undefined
const sockets: WebSocket[] = []
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dex-tape-'))
})
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate()
  await killAll()
  await sim?.stop()
  sim = undefined
  rmSync(dir, { recursive: true, force: true })
})

const STREAMS = ['BNB_BTCB-1DE@trades', 'BNB_BTCB-1DE@marketDiff', '$all@blockheight']

/** Every line whole, the header first, and the byte count stderr reported. */
function expectCleanTape(file: string, stderr: string): ReturnType<typeof parseTape> {
  const text = readFileSync(file, 'utf8')
  expect(text.endsWith('\n')).toBe(true)
  for (const line of linesOf(text)) expect(() => JSON.parse(line)).not.toThrow()
  const tape = parseTape(text)
  const summary = /recorded (\d+) frames, (\d+) bytes\b/.exec(stderr)
  expect(summary).not.toBeNull()
  expect(Number(summary![1])).toBe(framesOf(tape).length)
  expect(Number(summary![2])).toBe(statSync(file).size)
  return tape
}

/** A raw ws client that collects `count` text frames. */
function collect(url: string, count: number): Promise<string[]> {
  const ws = new WebSocket(url)
  sockets.push(ws)
  const texts: string[] = []
  return new Promise((resolve, reject) => {
    ws.on('message', (data) => texts.push(data.toString()) === count && resolve(texts))
    ws.on('error', reject)
  })
}

describe('binance-dex-rx record', () => {
  it('records for --duration seconds into a clean tape that simulate --replay serves byte for byte', async () => {
    sim = await DexSimulator.start({ market: { seed: 9, blockIntervalMs: 100 } })
    const out = join(dir, 'session.tape')
    const recorded = await runCli(['record', '--url', sim.url, '--out', out, '--duration', '2', ...STREAMS])
    expect(recorded.code).toBe(0)
    expect(recorded.stdout).toBe('')
    const tape = expectCleanTape(out, recorded.stderr)
    expect(tape.header).toMatchObject({ tape: 1, url: sim.url, streams: STREAMS })
    expect(framesOf(tape).filter((e) => e.frame.includes('"blockheight"')).length).toBeGreaterThan(5)
    await sim.stop()
    sim = undefined

    const replay = new CliProcess(['simulate', '--port', '0', '--json', '--replay', out, '--speed', '4'])
    const [line] = linesOf(await replay.waitForStdout((text) => text.includes('\n')))
    const info = JSON.parse(line)
    expect(info).toMatchObject({
      replay: out,
      streams: STREAMS,
      frames: framesOf(tape).length,
      speed: 4,
      loop: false,
    })
    const path = STREAMS.map(encodeURIComponent).join('/')
    const frames = await collect(`${info.url}stream?streams=${path}`, framesOf(tape).length)
    expect(frames).toEqual(framesOf(tape).map((e) => e.frame))
    replay.child.kill('SIGINT')
    expect(await replay.exited).toMatchObject({ code: 0, stderr: '' })
  })

  it('leaves a clean file when stopped with Ctrl-C', async () => {
    sim = await DexSimulator.start({ market: { seed: 9, blockIntervalMs: 20 } })
    const out = join(dir, 'stopped.tape')
    const cli = new CliProcess(['record', '--url', sim.url, '--out', out, '$all@blockheight'])
    // The header is written first, beside --out until the recording ends; stop once frames are flowing.
    while (linesOf(readFileSync(`${out}.partial`, { encoding: 'utf8', flag: 'a+' })).length < 10) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      if (cli.child.exitCode !== null) break
    }
    cli.child.kill('SIGINT')
    const result = await cli.exited
    expect(result.code).toBe(0)
    expect(expectCleanTape(out, result.stderr).entries.length).toBeGreaterThanOrEqual(9)
  })

  it('ends with exit 1 when the server closes the connection: --out kept, what was recorded beside it', async () => {
    sim = await DexSimulator.start({ market: { seed: 9, blockIntervalMs: 20 } })
    const out = join(dir, 'dropped.tape')
    writeFileSync(out, 'yesterday\n')
    const cli = new CliProcess(['record', '--url', sim.url, '--out', out, '$all@blockheight'])
    while (linesOf(readFileSync(`${out}.partial`, { encoding: 'utf8', flag: 'a+' })).length < 3) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    sim.dropConnections({ code: 1001 })
    const result = await cli.exited
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('the server closed the market connection (1001 dropped by DexSimulator)')
    expect(result.stderr).toContain(`${out} was left as it was`)
    expect(readFileSync(out, 'utf8')).toBe('yesterday\n')
    expectCleanTape(`${out}.partial`, result.stderr)
  })

  it('exits 1 when the server cannot be reached and 2 on a stream the protocol does not have', async () => {
    sim = await DexSimulator.start({ market: false })
    const out = join(dir, 'x.tape')
    const [refused, unknown] = await Promise.all([
      runCli(['record', '--url', `${sim.url.replace('/api/', '/nope/')}`, '--out', out, '$all@blockheight']),
      runCli(['record', '--url', sim.url, '--out', out, 'BNB_BTCB-1DE@nothing']),
    ])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('cannot record')
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('Unknown stream "BNB_BTCB-1DE@nothing"')
  })
})

describe('binance-dex-rx simulate --replay', () => {
  it('loops a tape and exits 1 on a file that is not a tape', async () => {
    const file = join(dir, 'small.tape')
    const header = '{"tape":1,"start":"2019-04-10T00:00:00.000Z","url":"x","streams":["$all@blockheight"]}\n'
    const frame = (h: number) =>
      JSON.stringify({ at: 10 * h, conn: 'market', frame: `{"stream":"blockheight","data":{"h":${h}}}` })
    writeFileSync(file, `${header}${frame(1)}\n${frame(2)}\n`)
    const cli = new CliProcess(['simulate', '--port', '0', '--replay', file, '--loop'])
    const banner = await cli.waitForStdout((text) => text.includes('Press Ctrl-C'))
    expect(banner).toContain(`DexSimulator replaying ${file} on ws://127.0.0.1:`)
    expect(banner).toContain('frames:    2 over 0.0 s, at 1x, looped')
    const url = /on (ws:\S+)/.exec(banner)![1]
    const got = await collect(`${url}ws/$all@blockheight`, 5)
    expect(got.map((t) => JSON.parse(t).data.h)).toEqual([1, 2, 1, 2, 1])
    cli.child.kill('SIGTERM')
    expect((await cli.exited).code).toBe(0)

    writeFileSync(file, 'hello\n')
    const bad = await runCli(['simulate', '--port', '0', '--replay', file])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('not a tape: line 1')
    const missing = await runCli(['simulate', '--port', '0', '--replay', join(dir, 'none.tape')])
    // Issue 20: in words first, the code after them.
    expect(missing.code).toBe(1)
    expect(linesOf(missing.stderr)).toEqual([`binance-dex-rx: cannot replay ${join(dir, 'none.tape')}: no such file or folder (ENOENT)`])
  })
})
