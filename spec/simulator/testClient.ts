import { firstValueFrom, filter, type Observable } from 'rxjs'
import WebSocket from 'ws'
import type { InProcessWebSocketConstructor } from '../../src/simulator/inProcess'

/** What a test client saw, in arrival order: data frames, pings and pongs interleave as on the wire. */
export type ClientEvent = { kind: 'frame'; text: string; json: any } | { kind: 'ping' } | { kind: 'pong' }

/** The socket under a test client: a `ws` client, or the in-process simulator's WebSocket. */
interface RawClient {
  readonly isOpen: boolean
  send(text: string, binary: boolean): void
  ping(): void
  terminate(): void
}

const opened: RawClient[] = []

/**
 * A client that logs everything it receives, for asserting on a simulator from outside, over either
 * transport. Waits have no timers of their own (tests with fake timers use it too): a missing event fails on
 * jest's timeout.
 */
export class TestClient {
  readonly log: ClientEvent[] = []
  readonly closed: Promise<{ code: number; reason: string }>
  private cursor = 0
  private wake: (() => void) | undefined
  private onClose: (c: { code: number; reason: string }) => void = () => undefined

  private constructor(private readonly raw: RawClient) {
    this.closed = new Promise((resolve) => (this.onClose = resolve))
  }

  private record(event: ClientEvent): void {
    this.log.push(event)
    this.wake?.()
  }

  private frame(text: string): void {
    this.record({ kind: 'frame', text, json: JSON.parse(text) })
  }

  /** A `ws` client of the Node server. */
  static connect(url: string): Promise<TestClient> {
    const ws = new WebSocket(url, { autoPong: false })
    const client = new TestClient(wsClient(ws))
    ws.on('message', (data) => client.frame(data.toString()))
    ws.on('ping', () => client.record({ kind: 'ping' }))
    ws.on('pong', () => client.record({ kind: 'pong' }))
    ws.on('close', (code, reason) => client.onClose({ code, reason: reason.toString() }))
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client))
      ws.once('error', reject)
    })
  }

  /** A client of an in-process simulator, through its WebSocket class. */
  static connectInProcess(Ctor: InProcessWebSocketConstructor, url: string): Promise<TestClient> {
    const socket = new Ctor(url)
    const client = new TestClient(inProcessClient(socket))
    socket.addEventListener('message', (e) => client.frame(e.data))
    socket.addEventListener('close', (e) => client.onClose({ code: e.code, reason: e.reason }))
    return new Promise((resolve, reject) => {
      socket.addEventListener('open', () => resolve(client))
      socket.addEventListener('error', (e) => reject(new Error(e.message)))
    })
  }

  /** The HTTP status a `ws` upgrade request to `url` is refused with. */
  static refusal(url: string): Promise<number> {
    const ws = new WebSocket(url)
    opened.push(wsClient(ws))
    return new Promise((resolve, reject) => {
      ws.once('open', () => reject(new Error(`expected ${url} to be refused, but it opened`)))
      ws.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0)
        ws.terminate()
      })
      // After a refusal this is a no-op; without one (nothing listening) it is the answer.
      ws.on('error', reject)
    })
  }

  /** The HTTP status an in-process connection to `url` is refused with, read from its error event. */
  static refusalInProcess(Ctor: InProcessWebSocketConstructor, url: string): Promise<number> {
    const socket = new Ctor(url)
    opened.push(inProcessClient(socket))
    return new Promise((resolve, reject) => {
      socket.addEventListener('open', () => reject(new Error(`expected ${url} to be refused, but it opened`)))
      socket.addEventListener('error', (e) => {
        const status = /Unexpected server response: (\d+)/.exec(e.message)
        if (status) resolve(Number(status[1]))
        else reject(new Error(e.message))
      })
    })
  }

  send(message: unknown, options: { binary?: boolean } = {}): void {
    const text = typeof message === 'string' ? message : JSON.stringify(message)
    this.raw.send(text, options.binary ?? false)
  }

  /** Sends a ping frame (the `ws` client only: a browser-style socket has no such call). */
  ping(): void {
    this.raw.ping()
  }

  /** The next unread event, waiting for it if need be. */
  async next(): Promise<ClientEvent> {
    while (this.cursor >= this.log.length) await new Promise<void>((resolve) => (this.wake = resolve))
    return this.log[this.cursor++]
  }

  /** The next unread event, which must be a data frame; returns its JSON. */
  async nextFrame(): Promise<any> {
    const event = await this.next()
    if (event.kind !== 'frame') throw new Error(`expected a frame, got a ${event.kind}`)
    return event.json
  }

  get isOpen(): boolean {
    return this.raw.isOpen
  }
}

function wsClient(ws: WebSocket): RawClient {
  const raw: RawClient = {
    get isOpen() {
      return ws.readyState === WebSocket.OPEN
    },
    send: (text, binary) => ws.send(binary ? Buffer.from(text) : text, { binary }),
    ping: () => ws.ping(),
    terminate: () => ws.terminate(),
  }
  opened.push(raw)
  return raw
}

function inProcessClient(socket: InstanceType<InProcessWebSocketConstructor>): RawClient {
  const raw: RawClient = {
    get isOpen() {
      return socket.readyState === socket.OPEN
    },
    send: (text, binary) => socket.send(binary ? new TextEncoder().encode(text) : text),
    ping: () => {
      throw new Error('an in-process socket cannot send pings')
    },
    // No abrupt close from the client side exists in the WebSocket API; a close is the nearest.
    terminate: () => socket.readyState < socket.CLOSING && socket.close(),
  }
  opened.push(raw)
  return raw
}

/** Terminates every client the helpers opened; for afterEach. */
export function terminateClients(): void {
  for (const client of opened.splice(0)) client.terminate()
}

/** Resolves with the first value of `source$` that passes `predicate`. */
export function firstMatch<T>(source$: Observable<T>, predicate: (value: T) => boolean): Promise<T> {
  return firstValueFrom(source$.pipe(filter(predicate)))
}

/** Sends `message` and resolves once the simulator has handled it (its `messages$` reports it). */
export async function sendAndWait(
  sim: { messages$: Observable<{ text: string }> },
  client: TestClient,
  message: unknown,
): Promise<void> {
  const text = typeof message === 'string' ? message : JSON.stringify(message)
  const handled = firstMatch(sim.messages$, (m) => m.text === text)
  client.send(text)
  await handled
}
