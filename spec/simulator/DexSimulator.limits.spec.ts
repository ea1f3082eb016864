import { connect, type Socket } from 'node:net'
import { DexSimulator, DEFAULT_LIMITS, type SimulatorLimits } from '../../src/simulator'
import { firstMatch, sendAndWait, TestClient, terminateClients } from './testClient'
import { TRANSPORTS, useSim } from './transports'

const raw: Socket[] = []

/** A TCP client that completes a WebSocket handshake by hand and then never reads again. */
async function stalledClient(url: string): Promise<Socket> {
  const { port, pathname } = new URL(url)
  const socket = connect(Number(port), '127.0.0.1')
  raw.push(socket)
  socket.on('error', () => undefined)
  socket.write(
    `GET ${pathname} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  )
  await new Promise<void>((resolve) => {
    socket.once('data', (head) => {
      expect(head.toString()).toMatch(/^HTTP\/1.1 101/)
      resolve()
    })
  })
  socket.pause()
  return socket
}

/** The text of a frame about `size` bytes long. */
const padded = (size: number) => ({ s: 'A_B', pad: 'x'.repeat(size) })

// What a network socket costs: the Node server's own limits.
describe('DexSimulator limits', () => {
  let sim: DexSimulator
  afterEach(async () => {
    terminateClients()
    for (const socket of raw.splice(0)) socket.destroy()
    await sim.stop()
  })

  it('drops a reader that stops reading once its send buffer passes the bound, and serves the others', async () => {
    sim = await DexSimulator.start({ market: false, limits: { maxBufferedBytes: 256 * 1024 } })
    const fast = await TestClient.connect(`${sim.url}ws/A_B@trades`)
    await stalledClient(`${sim.url}ws/A_B@trades`)
    const [fastId, slowId] = sim.connections().map((c) => c.id)
    const dropped = firstMatch(sim.connections$, (e) => e.type === 'close' && e.connectionId === slowId)
    // The kernel's socket buffers take the first megabytes; past them the server's own buffer grows.
    let sent = 0
    while (sim.connections().some((c) => c.id === slowId) && sent < 2_000) {
      sim.publish('trades', [padded(64 * 1024)])
      sent++
      await fast.nextFrame() // the fast reader keeps up
    }
    expect(await dropped).toEqual({
      type: 'close',
      connectionId: slowId,
      code: 1008,
      reason: 'too slow: send buffer full',
    })
    expect(sim.connections().map((c) => c.id)).toEqual([fastId])
    sim.publish('trades', [{ s: 'A_B', after: true }])
    expect(await fast.nextFrame()).toEqual({ stream: 'trades', data: [{ s: 'A_B', after: true }] })
  })

  it('closes a connection that sends a message over the size bound with 1009, and serves the others', async () => {
    sim = await DexSimulator.start({ market: false, limits: { maxMessageBytes: 1024 } })
    const other = await TestClient.connect(`${sim.url}ws`)
    const big = await TestClient.connect(`${sim.url}ws`)
    big.send({
      method: 'subscribe',
      topic: 'trades',
      symbols: Array.from({ length: 200 }, (_, i) => `S${i}_BNB`),
    })
    expect((await big.closed).code).toBe(1009)
    await sendAndWait(sim, other, { method: 'subscribe', topic: 'trades', symbols: ['A_B'] })
    sim.publish('trades', [{ s: 'A_B' }])
    expect(await other.nextFrame()).toEqual({ stream: 'trades', data: [{ s: 'A_B' }] })
  })





  it('releases handshakes it refuses, and still accepts good ones', async () => {
    sim = await DexSimulator.start({ market: false })
    const { port } = sim
    for (let i = 0; i < 50; i++) {
      const socket = connect(port, '127.0.0.1')
      raw.push(socket)
      socket.on('error', () => undefined)
      // No Sec-WebSocket-Key: `ws` answers 400 and never hands the socket over.
      socket.write('GET /api/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n')
      const answer = await new Promise<string>((resolve) => socket.once('data', (d) => resolve(d.toString())))
      expect(answer).toMatch(/^HTTP\/1.1 400/)
      await new Promise((resolve) => socket.once('close', resolve))
    }
    // The set of pending handshakes is what held them before; nothing public counts them.
    expect((sim as unknown as { handshakes: Set<unknown> }).handshakes.size).toBe(0)
    const client = await TestClient.connect(`${sim.url}ws/A_B@trades`)
    expect(client.isOpen).toBe(true)
  })
})

// The protocol's own limits live in the core both simulators share.
describe.each(TRANSPORTS)('$name: protocol limits', (transport) => {
  const use = useSim(transport)

  it('refuses subscriptions past the cap with an error frame, keeping the ones it has', async () => {
    const sim = await use.start({ market: false, limits: { maxSubscriptions: 3 } })
    const client = await transport.connect(sim, `${sim.url}ws`)
    await sendAndWait(sim, client, { method: 'subscribe', topic: 'trades', symbols: ['A_B', 'C_D'] })
    await sendAndWait(sim, client, { method: 'subscribe', topic: 'ticker', symbols: ['A_B', 'C_D'] })
    expect(await client.nextFrame()).toEqual({
      error: { error: 'Too many subscriptions: at most 3 per connection' },
    })
    expect(sim.connections()[0].subscriptions).toEqual(['trades:A_B', 'trades:C_D'])
    // Subscribing again to what it has adds nothing, so it is not refused.
    await sendAndWait(sim, client, { method: 'subscribe', topic: 'trades', symbols: ['A_B', 'C_D', 'E_F'] })
    expect(sim.connections()[0].subscriptions).toEqual(['trades:A_B', 'trades:C_D', 'trades:E_F'])
    sim.publish('trades', [{ s: 'E_F' }])
    expect(await client.nextFrame()).toEqual({ stream: 'trades', data: [{ s: 'E_F' }] })
  })

  it('caps subscriptions at the default too: a subscribe of one symbol too many in one message', async () => {
    const sim = await use.start({ market: false })
    const client = await transport.connect(sim, `${sim.url}ws`)
    const symbols = Array.from({ length: DEFAULT_LIMITS.maxSubscriptions + 1 }, (_, i) => `S${i}_BNB`)
    await sendAndWait(sim, client, { method: 'subscribe', topic: 'trades', symbols })
    expect((await client.nextFrame()).error.error).toMatch(/^Too many subscriptions/)
    expect(sim.connections()[0].subscriptions).toEqual([])
  })

  it('refuses a stream URL naming more streams than the cap with HTTP 400', async () => {
    const sim = await use.start({ market: false, limits: { maxSubscriptions: 2 } })
    const tooMany = `${sim.url}stream?streams=A_B@trades/C_D@trades/E_F@trades`
    expect(await transport.refusal(sim, tooMany)).toBe(400)
    const client = await transport.connect(sim, `${sim.url}stream?streams=A_B@trades/C_D@trades`)
    expect(sim.connections()[0].subscriptions).toEqual(['trades:A_B', 'trades:C_D'])
    expect(client.isOpen).toBe(true)
  })

  it('quotes at most a bounded prefix of a bad value in error frames', async () => {
    const sim = await use.start({ market: false })
    const client = await transport.connect(sim, `${sim.url}ws`)
    const huge = 'Q'.repeat(40_000)
    const bad = [
      { method: 'subscribe', topic: huge },
      { method: huge },
      { method: 'subscribe', topic: 'trades', symbols: [huge] },
    ]
    for (const message of bad) {
      await sendAndWait(sim, client, message)
      const { error } = await client.nextFrame()
      expect(error.error).toHaveLength(DEFAULT_LIMITS.maxErrorChars)
      expect(error.error).toMatch(/QQQQ…$/)
    }
    await sendAndWait(sim, client, `{"method":"${huge}`)
    expect((await client.nextFrame()).error.error.length).toBeLessThanOrEqual(DEFAULT_LIMITS.maxErrorChars)
  })

  it('checks the limits', async () => {
    const start = async (limits: SimulatorLimits) => transport.start({ market: false, limits })
    await expect(start({ maxBufferedBytes: 0 })).rejects.toThrow(/maxBufferedBytes/)
    await expect(start({ maxSubscriptions: NaN })).rejects.toThrow(/maxSubscriptions/)
    await expect(start({ maxErrorChars: 3 })).rejects.toThrow(/maxErrorChars/)
  })
})
