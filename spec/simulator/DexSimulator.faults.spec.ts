import { filter, firstValueFrom, toArray } from 'rxjs'
import { DexSimulator } from '../../src/simulator'
import { sendAndWait, type TestClient } from './testClient'
import { TRANSPORTS, useSim, type Sim } from './transports'

const marker = { h: -1 }

describe.each(TRANSPORTS)('$name', (transport) => {
  const use = useSim(transport)
  let sim: Sim

  const connect = (path = 'ws/$all@blockheight'): Promise<TestClient> => use.connect(path)

  describe('freeze', () => {
    beforeEach(async () => {
      // Fake clock for the server's pings and expiries, so "no ping while frozen" is a fact, not a wait.
      sim = await use.start({ market: false, pingIntervalMs: 100, keepAliveExpiryMs: 1_000 }, { fakeTimers: true })
    })

    it('keeps the socket open but sends nothing, not pings, pongs nor error frames, until thawed', async () => {
      const frozen = await connect()
      sim.freeze(true)
      expect(sim.connections()).toEqual([expect.objectContaining({ frozen: true })])
      expect(sim.publish('blockheight', { h: 1 })).toBe(0)
      expect(sim.sendRaw('raw')).toBe(0)
      jest.advanceTimersByTime(350)
      if (transport.pings) frozen.ping()
      await sendAndWait(sim, frozen, { method: 'nonsense' })
      expect(frozen.isOpen).toBe(true)

      sim.freeze(false)
      expect(sim.publish('blockheight', marker)).toBe(1)
      expect(await frozen.nextFrame()).toEqual({ stream: 'blockheight', data: marker })
      if (transport.pings) {
        jest.advanceTimersByTime(100)
        expect(await frozen.next()).toEqual({ kind: 'ping' })
      }
      expect(frozen.log).toHaveLength(transport.pings ? 2 : 1)
    })

    it('leaves connections opened after the freeze live', async () => {
      await connect()
      sim.freeze(true)
      const fresh = await connect()
      expect(sim.publish('blockheight', marker)).toBe(1)
      expect(await fresh.nextFrame()).toEqual({ stream: 'blockheight', data: marker })
      expect(sim.connections().map((c) => c.frozen)).toEqual([true, false])
    })

    it('holds back the server’s own close until the thaw', async () => {
      const client = await connect()
      sim.freeze(true)
      jest.advanceTimersByTime(5_000)
      expect(client.isOpen).toBe(true)
      expect(sim.connections()).toHaveLength(1)
      sim.freeze(false)
      expect(await client.closed).toEqual({ code: 1000, reason: 'keepAlive expired' })
    })
  })

  describe('faults', () => {
    beforeEach(async () => {
      sim = await use.start({ market: false })
    })

    it('refuseConnections refuses new connections with 503 and leaves open ones alone', async () => {
      const open = await connect()
      sim.refuseConnections(true)
      expect(await transport.refusal(sim, `${sim.url}ws`)).toBe(503)
      expect(sim.publish('blockheight', marker)).toBe(1)
      expect(await open.nextFrame()).toEqual({ stream: 'blockheight', data: marker })
      sim.refuseConnections(false)
      await connect()
      expect(sim.connections()).toHaveLength(2)
    })

    it('dropConnections closes every connection with 1001 by default, or the code given', async () => {
      const one = await connect()
      const two = await connect()
      expect(sim.dropConnections()).toBe(2)
      expect(sim.connections()).toEqual([])
      expect(await one.closed).toEqual({ code: 1001, reason: 'dropped by DexSimulator' })
      expect(await two.closed).toEqual({ code: 1001, reason: 'dropped by DexSimulator' })
      const three = await connect()
      expect(sim.dropConnections({ code: 4000 })).toBe(1)
      expect((await three.closed).code).toBe(4000)
    })

    it('dropConnections({ abrupt: true }) cuts the connection without a close frame', async () => {
      const client = await connect()
      expect(sim.dropConnections({ abrupt: true })).toBe(1)
      expect(await client.closed).toEqual({ code: 1006, reason: '' })
    })

    it('a connection dropped inside its own open event is reported closed and leaves nothing behind', async () => {
      const dropping = sim.connections$.subscribe((e) => e.type === 'open' && sim.dropConnections({ abrupt: true }))
      const closed = firstValueFrom(sim.connections$.pipe(filter((e) => e.type === 'close')))
      // The client may see the open before the drop, or only the failure.
      const client = await transport.connect(sim, `${sim.url}ws`).catch(() => undefined)
      expect(await closed).toEqual({ type: 'close', connectionId: 1, code: 1006, reason: '' })
      if (client) expect((await client.closed).code).toBe(1006)
      dropping.unsubscribe()
      expect(sim.connections()).toEqual([])
    })

    it('sendRaw sends text as it is to the connections the filter picks', async () => {
      const plain = await connect('ws')
      const trades = await connect('ws/A_B@trades')
      expect(sim.sendRaw('{"stream":"nope"}', (c) => c.subscriptions.includes('trades:A_B'))).toBe(1)
      const raw = { kind: 'frame', text: '{"stream":"nope"}', json: { stream: 'nope' } }
      expect(await trades.next()).toEqual(raw)
      expect(sim.sendRaw('1')).toBe(2)
      expect(await plain.next()).toEqual({ kind: 'frame', text: '1', json: 1 })
    })
  })

  describe('stop', () => {
    it('terminates clients, completes the observables, and accepts no more connections', async () => {
      sim = await use.start({ market: false })
      const client = await connect()
      const messages = firstValueFrom(sim.messages$.pipe(toArray()))
      const events = firstValueFrom(sim.connections$.pipe(toArray()))
      await Promise.all([sim.stop(), sim.stop()])
      expect((await client.closed).code).toBe(1006)
      expect(await messages).toEqual([])
      expect(await events).toEqual([])
      expect(sim.publish('blockheight', marker)).toBe(0)
      await expect(transport.refusal(sim, sim.url)).rejects.toThrow(transport.goneError)
    })
  })
})

describe('DexSimulator.stop', () => {
  let sim: DexSimulator
  afterEach(() => sim.stop())

  it('refuses to restart', async () => {
    sim = new DexSimulator({ market: false })
    expect(await sim.start()).toBe(sim)
    await sim.stop()
    await expect(sim.start()).rejects.toThrow('cannot be restarted')
  })

  it('resolves at once for a simulator that never started', async () => {
    sim = new DexSimulator({ market: false })
    await sim.stop()
    expect(() => sim.port).toThrow('not listening')
  })
})
