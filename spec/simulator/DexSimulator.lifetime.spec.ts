import type { DexSimulatorOptions } from '../../src/simulator'
import { sendAndWait, type TestClient } from './testClient'
import { TRANSPORTS, useSim, type Sim } from './transports'

// The server's timers run on jest's fake clock, so every expiry is reached by advancing it exactly, never by
// waiting; sockets, promises and ticks stay real.
const LONG = 1e9

describe.each(TRANSPORTS)('$name: connection lifetime', (transport) => {
  const use = useSim(transport)
  let sim: Sim

  async function start(options: DexSimulatorOptions): Promise<void> {
    sim = await use.start(
      { market: false, pingIntervalMs: LONG, keepAliveExpiryMs: LONG, noSubscriptionTimeoutMs: LONG, ...options },
      { fakeTimers: true },
    )
  }
  const connect = (path: string): Promise<TestClient> => use.connect(path)

  if (transport.pings) {
    it('pings every connection every pingIntervalMs', async () => {
      await start({ pingIntervalMs: 100 })
      const client = await connect('ws/$all@blockheight')
      jest.advanceTimersByTime(99)
      sim.publish('blockheight', { h: 1 })
      jest.advanceTimersByTime(1)
      expect(await client.next()).toEqual(expect.objectContaining({ kind: 'frame' }))
      expect(await client.next()).toEqual({ kind: 'ping' })
      jest.advanceTimersByTime(100)
      expect(await client.next()).toEqual({ kind: 'ping' })
    })

    it('answers a client ping with a pong', async () => {
      await start({})
      const client = await connect('ws')
      client.ping()
      expect(await client.next()).toEqual({ kind: 'pong' })
    })
  }

  it('closes a connection that sends no keepAlive within keepAliveExpiryMs of opening', async () => {
    await start({ keepAliveExpiryMs: 200 })
    const client = await connect('ws/A_B@trades')
    jest.advanceTimersByTime(199)
    expect(sim.connections()).toHaveLength(1)
    jest.advanceTimersByTime(1)
    expect(await client.closed).toEqual({ code: 1000, reason: 'keepAlive expired' })
  })

  it('extends the expiry by keepAliveExpiryMs from each keepAlive, and counts them', async () => {
    await start({ keepAliveExpiryMs: 200 })
    const client = await connect('ws/A_B@trades')
    jest.advanceTimersByTime(150)
    await sendAndWait(sim, client, { method: 'keepAlive' })
    jest.advanceTimersByTime(150)
    await sendAndWait(sim, client, { Method: 'keepAlive' }) // as GO sends it
    jest.advanceTimersByTime(199)
    expect(sim.connections()).toEqual([expect.objectContaining({ keepAlives: 2 })])
    expect(client.isOpen).toBe(true)
    jest.advanceTimersByTime(1)
    expect(await client.closed).toEqual({ code: 1000, reason: 'keepAlive expired' })
  })

  it('closes a connection with no subscriptions for noSubscriptionTimeoutMs, keepAlives or not', async () => {
    await start({ noSubscriptionTimeoutMs: 100 })
    const client = await connect('ws')
    jest.advanceTimersByTime(99)
    await sendAndWait(sim, client, { method: 'subscribe', topic: 'trades', symbols: ['A_B'] })
    jest.advanceTimersByTime(1_000)
    await sendAndWait(sim, client, { method: 'unsubscribe', topic: 'trades' })
    jest.advanceTimersByTime(50)
    await sendAndWait(sim, client, { method: 'keepAlive' })
    jest.advanceTimersByTime(49)
    expect(client.isOpen && sim.connections().length).toBe(1)
    jest.advanceTimersByTime(1)
    expect(await client.closed).toEqual({ code: 1000, reason: 'no subscriptions' })
  })

  it('counts URL-chosen streams as subscriptions', async () => {
    await start({ noSubscriptionTimeoutMs: 100 })
    const client = await connect('stream?streams=A_B@ticker')
    jest.advanceTimersByTime(1_000)
    expect(client.isOpen).toBe(true)
    expect(sim.connections()).toHaveLength(1)
  })
})
