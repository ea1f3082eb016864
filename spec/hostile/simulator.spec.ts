import { connect } from 'node:net'
import { resolve } from 'node:path'
import WebSocket from 'ws'
import { DexSimulator } from '../../src/simulator'
import { CliProcess, killAll, linesOf } from '../cli/cliProcess'

// The simulator against hostile clients: one that pings and never reads must be closed at the simulator's
// buffer limit like any reader that stopped reading, with the server's memory near that limit and a healthy
// client served throughout; a request target that is not a URL is the client's error (400, JSON), not a 500.

const MiB = 1024 * 1024
const PRELOAD = resolve(__dirname, 'scripts/peakRss.cjs')
const PING = Buffer.alloc(125, 7)
/** The pongs an unbounded server would queue before the attacker gives up; far past the 4 MiB default. */
const FLOOD_BYTES = 96 * MiB
const ROUNDS = 5

afterEach(() => killAll())

const peakRss = (stderr: string): number => Number(/peak-rss (\d+)/.exec(stderr)?.[1] ?? NaN)

function opened(ws: WebSocket): Promise<void> {
  return new Promise((done, fail) => {
    ws.once('open', () => done())
    ws.once('error', fail)
  })
}

test('a client that pings and never reads is closed at maxBufferedBytes; a healthy client goes on', async () => {
  const sim = new CliProcess(['simulate', '--port', '0', '--json', '--warm-up', '0', '--block-interval', '50'], {
    NODE_OPTIONS: `--require ${PRELOAD}`,
  })
  const [line] = linesOf(await sim.waitForStdout((text) => text.includes('\n')))
  const { url } = JSON.parse(line) as { url: string }

  const healthy = new WebSocket(`${url}stream?streams=${encodeURIComponent('$all@blockheight')}`)
  let frames = 0
  let wake = (): void => undefined
  healthy.on('message', () => {
    frames++
    wake()
  })
  await opened(healthy)
  // The healthy rate before the attack, for the report only.
  const quietStart = performance.now()
  while (frames < 20) await new Promise<void>((done) => (wake = done))
  const quietRate = (frames * 1000) / (performance.now() - quietStart)

  // An attacker that is closed comes back: the healthy client must be served across every round.
  const before = frames
  const attackStart = performance.now()
  const rounds: { closed: boolean; pinged: number }[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const attacker = new WebSocket(`${url}ws`)
    await opened(attacker)
    // Reads nothing more: the server's pongs stay in its own buffers.
    ;(attacker as unknown as { _socket: { pause(): void } })._socket.pause()
    const result = { closed: false, pinged: 0 }
    rounds.push(result)
    attacker.on('close', () => (result.closed = true))
    attacker.on('error', () => undefined)
    while (!result.closed && result.pinged < FLOOD_BYTES) {
      // Batches, so that this process (the healthy client's too) gets to read between them.
      for (let i = 0; i < 1000 && attacker.bufferedAmount < MiB; i++) {
        attacker.ping(PING)
        result.pinged += PING.length
      }
      await new Promise((done) => setImmediate(done))
    }
    attacker.terminate()
  }
  const during = frames - before
  const attackRate = (during * 1000) / (performance.now() - attackStart)
  healthy.close()
  sim.child.kill('SIGINT')
  const result = await sim.exited
  const pinged = rounds.map((r) => `${(r.pinged / MiB).toFixed(1)}${r.closed ? '' : ' (never closed)'}`)
  console.log(
    `ping flood, ${ROUNDS} rounds: MiB of pings per round ${pinged.join(', ')}; healthy client ` +
      `${quietRate.toFixed(1)} frames/s before, ${attackRate.toFixed(1)} during (${during} frames); ` +
      `simulator peak RSS ${(peakRss(result.stderr) / MiB).toFixed(0)} MiB`,
  )
  for (const round of rounds) expect(round).toEqual({ closed: true, pinged: expect.any(Number) })
  expect(during).toBeGreaterThan(0)
  expect(result.code).toBe(0)
  // Node and the market take tens of MB; the pongs an unbounded server queues would take ~100 MB more.
  expect(peakRss(result.stderr)).toBeLessThan(200 * MiB)
}, 120_000)

describe('REST: a request target that is not a URL', () => {
  let sim: DexSimulator
  beforeAll(async () => {
    sim = await DexSimulator.start({ market: { seed: 1 } })
  })
  afterAll(() => sim.stop())

  /** The raw response to `GET <target>`: Node's HTTP client refuses to send such targets itself. */
  function rawGet(target: string): Promise<{ status: number; type: string; body: string }> {
    return new Promise((done, fail) => {
      const socket = connect(sim.port, '127.0.0.1')
      let text = ''
      socket.setEncoding('utf8')
      socket.on('data', (chunk: string) => (text += chunk))
      socket.on('error', fail)
      socket.on('end', () => {
        const [head, body] = text.split('\r\n\r\n')
        const status = Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1])
        const type = /content-type: ([^\r\n]+)/i.exec(head)?.[1] ?? ''
        done({ status, type, body })
      })
      socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`)
    })
  }

  test.each(['http://[', '//[', 'http://a:99999/api/v1/markets'])('GET %s: 400 with a JSON body', async (target) => {
    const response = await rawGet(target)
    expect(response.status).toBe(400)
    expect(response.type).toContain('application/json')
    expect(JSON.parse(response.body)).toEqual({ code: 400, message: expect.stringContaining('malformed request target') })
  })
})
