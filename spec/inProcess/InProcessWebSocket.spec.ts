import { firstValueFrom, take, toArray } from 'rxjs'
import { startInProcess, type InProcessSimulator, InProcessWebSocket } from '../../src/simulator/inProcess'
import { waitUntil } from '../helpers/simHarness'

// The in-process simulator's WebSocket class against the standard WebSocket's rules, on a real in-process
// simulator (no test doubles): states, close codes, event dispatch, ordering and asynchrony of frames.

let sim: InProcessSimulator
beforeEach(() => {
  sim = startInProcess({ market: false })
})
afterEach(() => sim.stop())

type Socket = InstanceType<InProcessSimulator['WebSocket']>
const next = (socket: Socket, type: string): Promise<any> =>
  new Promise((resolve) => socket.addEventListener(type, resolve, { once: true }))
async function open(path = 'ws/$all@blockheight'): Promise<Socket> {
  const socket = new sim.WebSocket(`${sim.url}${path}`)
  await next(socket, 'open')
  return socket
}

describe('states and close codes', () => {
  it('goes CONNECTING, OPEN, CLOSING, CLOSED, with the constants on the class and the instance', async () => {
    const socket = new sim.WebSocket(`${sim.url}ws`)
    expect(socket).toBeInstanceOf(InProcessWebSocket)
    expect([sim.WebSocket.CONNECTING, sim.WebSocket.OPEN, sim.WebSocket.CLOSING, sim.WebSocket.CLOSED]).toEqual([0, 1, 2, 3])
    expect(socket.readyState).toBe(socket.CONNECTING)
    expect(socket.url).toBe(`${sim.url}ws`)
    await next(socket, 'open')
    expect(socket.readyState).toBe(socket.OPEN)
    const closed = next(socket, 'close')
    socket.close(3001, 'bye')
    expect(socket.readyState).toBe(socket.CLOSING)
    expect(await closed).toMatchObject({ type: 'close', code: 3001, reason: 'bye', wasClean: true, target: socket })
    expect(socket.readyState).toBe(socket.CLOSED)
  })

  it('tells the server the client’s code, or 1005 when none was given', async () => {
    const events = firstValueFrom(sim.connections$.pipe(take(4), toArray()))
    const one = await open()
    one.close(4000, 'done')
    const two = await open()
    const closed = next(two, 'close')
    two.close()
    expect(await closed).toMatchObject({ code: 1005, reason: '', wasClean: true })
    expect((await events).filter((e) => e.type === 'close')).toEqual([
      { type: 'close', connectionId: 1, code: 4000, reason: 'done' },
      { type: 'close', connectionId: 2, code: 1005, reason: '' },
    ])
  })

  it('refuses codes and reasons the standard refuses, and bad URLs', async () => {
    const socket = await open()
    expect(() => socket.close(1001)).toThrow(expect.objectContaining({ name: 'InvalidAccessError' }))
    expect(() => socket.close(2999)).toThrow(expect.objectContaining({ name: 'InvalidAccessError' }))
    expect(() => socket.close(1000, 'x'.repeat(124))).toThrow(expect.objectContaining({ name: 'SyntaxError' }))
    expect(() => socket.close(1000, 'é'.repeat(62))).toThrow(expect.objectContaining({ name: 'SyntaxError' }))
    expect(socket.readyState).toBe(socket.OPEN)
    expect(() => new sim.WebSocket('not a url')).toThrow(expect.objectContaining({ name: 'SyntaxError' }))
    expect(() => new sim.WebSocket('http://x/api/ws')).toThrow(expect.objectContaining({ name: 'SyntaxError' }))
  })

  it('throws InvalidStateError on send while connecting, and drops sends once closing', async () => {
    const socket = new sim.WebSocket(`${sim.url}ws`)
    expect(() => socket.send('{}')).toThrow(expect.objectContaining({ name: 'InvalidStateError' }))
    await next(socket, 'open')
    const seen: string[] = []
    const watching = sim.messages$.subscribe((m) => seen.push(m.text))
    socket.send('{"method":"keepAlive"}')
    socket.close()
    socket.send('{"method":"keepAlive","late":true}')
    await next(socket, 'close')
    watching.unsubscribe()
    expect(seen).toEqual(['{"method":"keepAlive"}'])
  })

  it('fails a connection closed before it opened: error, then close 1006, and the server never sees it', async () => {
    const socket = new sim.WebSocket(`${sim.url}ws`)
    const order: string[] = []
    socket.onerror = () => order.push('error')
    const closed = next(socket, 'close')
    socket.close()
    expect(socket.readyState).toBe(socket.CLOSING)
    expect(await closed).toMatchObject({ code: 1006, wasClean: false })
    expect(order).toEqual(['error'])
    expect(sim.connections()).toEqual([])
  })
})

describe('frames', () => {
  it('delivers published frames later, never inside publish, in order, as the text a socket carries', async () => {
    const socket = await open()
    const got: string[] = []
    socket.onmessage = (e) => got.push(e.data)
    for (let h = 1; h <= 200; h++) sim.publish('blockheight', { h })
    sim.publish('blockheight', { T: 1554890366040313451n })
    expect(got).toEqual([])
    await waitUntil(() => got.length === 201, 'every frame arrived')
    expect(got).toHaveLength(201)
    expect(got.slice(0, 3)).toEqual(['{"stream":"blockheight","data":{"h":1}}', '{"stream":"blockheight","data":{"h":2}}', '{"stream":"blockheight","data":{"h":3}}'])
    expect(got.map((t) => JSON.parse(t).data.h).slice(0, 200)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
    expect(got[200]).toBe('{"stream":"blockheight","data":{"T":1554890366040313451}}')
  })

  it('reads a binary frame from the client as UTF-8, as the server does', async () => {
    const socket = await open('ws')
    const handled = firstValueFrom(sim.messages$)
    socket.send(new TextEncoder().encode('{"method":"subscribe","topic":"trades","symbols":["A_B"]}'))
    expect(await handled).toMatchObject({ json: { method: 'subscribe', topic: 'trades', symbols: ['A_B'] } })
    expect(sim.connections()[0].subscriptions).toEqual(['trades:A_B'])
  })

  it('does not starve the event loop when client and server answer each other forever', async () => {
    const socket = await open('ws')
    let answers = 0
    // Every error frame is answered with more garbage, which the server answers with another error frame.
    socket.onmessage = () => {
      answers++
      socket.send('garbage')
    }
    socket.send('garbage')
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(answers).toBeGreaterThan(0)
    socket.onmessage = null
  })
})

describe('event dispatch', () => {
  it('runs handlers and listeners in the order they were added, honours once, removal and handleEvent', async () => {
    const socket = await open()
    const calls: string[] = []
    const removed = (): number => calls.push('removed')
    socket.addEventListener('message', () => calls.push('first'))
    socket.onmessage = () => calls.push('onmessage')
    socket.addEventListener('message', { handleEvent: () => calls.push('object') })
    socket.addEventListener('message', () => calls.push('once'), { once: true })
    socket.addEventListener('message', removed)
    socket.removeEventListener('message', removed)
    socket.onmessage = () => calls.push('onmessage replaced')
    sim.publish('blockheight', { h: 1 })
    sim.publish('blockheight', { h: 2 })
    await waitUntil(() => calls.filter((c) => c === 'object').length === 2, 'both frames were dispatched')
    expect(calls).toEqual(['first', 'onmessage replaced', 'object', 'once', 'first', 'onmessage replaced', 'object'])
    socket.onmessage = null
    expect(socket.onmessage).toBeNull()
  })

  it('reports a throwing listener without stopping the other listeners or later frames', async () => {
    const reported: unknown[] = []
    const spy = jest.spyOn(globalThis, 'queueMicrotask').mockImplementation((task) => {
      try {
        task()
      } catch (error) {
        reported.push(error)
      }
    })
    try {
      const socket = await open()
      const got: number[] = []
      socket.addEventListener('message', () => {
        throw new Error('listener bug')
      })
      socket.addEventListener('message', (e) => got.push(JSON.parse(e.data).data.h))
      sim.publish('blockheight', { h: 1 })
      sim.publish('blockheight', { h: 2 })
      await waitUntil(() => got.length === 2, 'both frames arrived')
      expect(got).toEqual([1, 2])
      expect(reported).toEqual([new Error('listener bug'), new Error('listener bug')])
    } finally {
      spy.mockRestore()
    }
  })
})

describe('server side', () => {
  it('an abrupt drop reads as a network failure: error, then close 1006 not clean', async () => {
    const socket = await open()
    const order: string[] = []
    socket.onerror = (e) => order.push(`error: ${e.message}`)
    const closed = next(socket, 'close')
    sim.dropConnections({ abrupt: true })
    expect(await closed).toMatchObject({ code: 1006, reason: '', wasClean: false })
    expect(order).toEqual(['error: the simulator dropped the connection without a close handshake'])
  })

  it('stop resolves once every client has seen its close; later connections fail', async () => {
    const socket = await open()
    let closedBeforeStopResolved = false
    socket.onclose = () => (closedBeforeStopResolved = true)
    await sim.stop()
    expect(closedBeforeStopResolved).toBe(true)
    expect(socket.readyState).toBe(socket.CLOSED)
    const late = new sim.WebSocket(`${sim.url}ws`)
    const error = await next(late, 'error')
    expect(error.message).toBe(`no in-process simulator at ${new URL(sim.url).origin}`)
  })
})
