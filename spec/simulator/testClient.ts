import { firstValueFrom, filter, type Observable } from 'rxjs'
import WebSocket from 'ws'

/** What a test client saw, in arrival order: data frames, pings and pongs interleave as on the wire. */
export type ClientEvent = { kind: 'frame'; text: string; json: any } | { kind: 'ping' } | { kind: 'pong' }

const opened: WebSocket[] = []

/**
 * A plain `ws` client that logs everything it receives, for asserting on the simulator from outside. Waits
 * have no timers of their own (tests with fake timers use it too): a missing event fails on jest's timeout.
 */
export class TestClient {
  readonly log: ClientEvent[] = []
  readonly closed: Promise<{ code: number; reason: string }>
  private cursor = 0
  private wake: (() => void) | undefined

  private constructor(readonly ws: WebSocket) {
    const record = (event: ClientEvent): void => {
      this.log.push(event)
      this.wake?.()
    }
    ws.on('message', (data) => {
      const text = data.toString()
      record({ kind: 'frame', text, json: JSON.parse(text) })
    })
    ws.on('ping', () => record({ kind: 'ping' }))
    ws.on('pong', () => record({ kind: 'pong' }))
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
    })
  }

  static connect(url: string): Promise<TestClient> {
    const ws = new WebSocket(url, { autoPong: false })
    opened.push(ws)
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new TestClient(ws)))
      ws.once('error', reject)
    })
  }

  /** The HTTP status an upgrade request to `url` is refused with. */
  static refusal(url: string): Promise<number> {
    const ws = new WebSocket(url)
    opened.push(ws)
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

  send(message: unknown, options: { binary?: boolean } = {}): void {
    const text = typeof message === 'string' ? message : JSON.stringify(message)
    this.ws.send(options.binary ? Buffer.from(text) : text, { binary: options.binary ?? false })
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
    return this.ws.readyState === WebSocket.OPEN
  }
}

/** Terminates every client the helpers opened; for afterEach. */
export function terminateClients(): void {
  for (const ws of opened.splice(0)) ws.terminate()
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
