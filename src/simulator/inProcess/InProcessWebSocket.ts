import type { PeerSocket, SimConnection } from '../SimConnection'
import type { Mailbox } from './Mailbox'
import { Listeners, type InProcessCloseEvent, type InProcessErrorEvent, type InProcessEvent, type InProcessListener, type InProcessMessageEvent } from './socketEvents'

const CONNECTING = 0
const OPEN = 1
const CLOSING = 2
const CLOSED = 3
/** Longest close reason, in UTF-8 bytes, that fits a close frame (RFC 6455 5.5). */
const MAX_REASON_BYTES = 123

/**
 * @internal
 * The simulator side a socket dials: answers with the server's end of a new connection, or with the
 * message of the failure a real client would see (a refused upgrade, an unknown host).
 */
export interface Switchboard {
  readonly mailbox: Mailbox
  dial(url: URL, client: ClientEnd): ServerEnd | string
}

/** @internal What the server's end calls on the client. */
export interface ClientEnd {
  deliver(text: string): void
  closedByServer(code: number, reason: string): void
  fail(message: string): void
}

/**
 * A WebSocket connected to an in-process simulator instead of a server: the same interface as the
 * standard `WebSocket` (`readyState`, `send`, `close(code, reason)`, `on*` handlers, `addEventListener`),
 * with frames carried as text, in order, each on a later task. Get the class from the simulator
 * (`sim.WebSocket`); its constructor takes the URLs under `sim.url`.
 * @since 0.2.0
 */
export class InProcessWebSocket {
  /** `readyState` before the connection opened. */
  static readonly CONNECTING = CONNECTING
  /** `readyState` while frames flow. */
  static readonly OPEN = OPEN
  /** `readyState` after a close started. */
  static readonly CLOSING = CLOSING
  /** `readyState` once the connection ended. */
  static readonly CLOSED = CLOSED
  /** See {@link InProcessWebSocket.CONNECTING}. */
  readonly CONNECTING = CONNECTING
  /** See {@link InProcessWebSocket.OPEN}. */
  readonly OPEN = OPEN
  /** See {@link InProcessWebSocket.CLOSING}. */
  readonly CLOSING = CLOSING
  /** See {@link InProcessWebSocket.CLOSED}. */
  readonly CLOSED = CLOSED

  /** The URL given to the constructor, normalised. */
  readonly url: string
  /** The simulator picks no subprotocol. */
  readonly protocol = ''
  /** The simulator negotiates no extension. */
  readonly extensions = ''
  /** Kept for compatibility; the simulator only sends text, so it changes nothing. */
  binaryType = 'blob'
  /** @internal */
  private state = CONNECTING
  /** @internal */
  private server: ServerEnd | undefined
  /** @internal */
  private readonly listeners = new Listeners()
  /** @internal */
  private readonly end: ClientEnd
  /** @internal */
  private readonly mailbox: Mailbox

  /** @internal Use the subclass a simulator hands out: `new sim.WebSocket(url)`. */
  constructor(url: string | URL, _protocols: string | string[] | undefined, board: Switchboard) {
    let parsed: URL
    try {
      parsed = new URL(String(url))
    } catch {
      throw domException(`Failed to construct 'WebSocket': The URL '${String(url)}' is invalid.`, 'SyntaxError')
    }
    if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
      throw domException(`Failed to construct 'WebSocket': The URL's scheme must be 'ws' or 'wss'.`, 'SyntaxError')
    }
    this.url = parsed.href
    this.mailbox = board.mailbox
    this.end = {
      deliver: (text) => this.state === OPEN && this.emit({ type: 'message', data: text, origin: parsed.origin }),
      closedByServer: (code, reason) => this.finish(code, reason, true),
      fail: (message) => this.fail(message),
    }
    this.mailbox.post(() => {
      // close() before the handshake completed has already failed the connection.
      if (this.state !== CONNECTING) return
      const answer = board.dial(parsed, this.end)
      if (typeof answer === 'string') return this.fail(answer)
      this.server = answer
      this.state = OPEN
      this.emit({ type: 'open' })
    })
  }

  /** 0 connecting, 1 open, 2 closing, 3 closed. */
  get readyState(): number {
    return this.state
  }

  /** Always 0: a frame is handed over when `send` returns. */
  get bufferedAmount(): number {
    return 0
  }

  /** Called once the connection is open. */
  get onopen(): ((event: InProcessEvent) => void) | null {
    return this.listeners.handler('open')
  }
  /** Sets the `open` handler; `null` removes it. */
  set onopen(fn: ((event: InProcessEvent) => void) | null) {
    this.listeners.setHandler('open', fn)
  }
  /** Called with every frame ({@link InProcessMessageEvent}). */
  get onmessage(): ((event: InProcessMessageEvent) => void) | null {
    return this.listeners.handler('message')
  }
  /** Sets the `message` handler; `null` removes it. */
  set onmessage(fn: ((event: InProcessMessageEvent) => void) | null) {
    this.listeners.setHandler('message', fn)
  }
  /** Called when the connection ended ({@link InProcessCloseEvent}). */
  get onclose(): ((event: InProcessCloseEvent) => void) | null {
    return this.listeners.handler('close')
  }
  /** Sets the `close` handler; `null` removes it. */
  set onclose(fn: ((event: InProcessCloseEvent) => void) | null) {
    this.listeners.setHandler('close', fn)
  }
  /** Called when the connection failed ({@link InProcessErrorEvent}); a close follows. */
  get onerror(): ((event: InProcessErrorEvent) => void) | null {
    return this.listeners.handler('error')
  }
  /** Sets the `error` handler; `null` removes it. */
  set onerror(fn: ((event: InProcessErrorEvent) => void) | null) {
    this.listeners.setHandler('error', fn)
  }

  /** Adds a listener for `open`, `message`, `close` or `error`; `{ once: true }` removes it after one call. */
  addEventListener(type: string, listener: InProcessListener | null, options?: boolean | { once?: boolean }): void {
    this.listeners.add(type, listener, options)
  }

  /** Removes a listener added with `addEventListener`. */
  removeEventListener(type: string, listener: InProcessListener | null): void {
    this.listeners.remove(type, listener)
  }

  /** Calls this socket's listeners for `event.type` with `event`. */
  dispatchEvent(event: { type: string }): boolean {
    this.listeners.dispatch(this, event as { type: string })
    return true
  }

  /**
   * Sends a frame. Text goes as it is; an `ArrayBuffer` or typed array is read as UTF-8, as the server reads
   * a binary frame. Throws `InvalidStateError` while connecting; ignored once closing, as in browsers.
   */
  send(data: string | ArrayBuffer | ArrayBufferView): void {
    if (this.state === CONNECTING) {
      throw domException(`Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.`, 'InvalidStateError')
    }
    const server = this.server
    if (this.state !== OPEN || server === undefined) return
    const text = asText(data)
    this.mailbox.post(() => server.receive(text))
  }

  /**
   * Starts the closing handshake. `code` must be 1000 or 3000-4999 (`InvalidAccessError` otherwise) and
   * `reason` at most 123 bytes of UTF-8 (`SyntaxError`). Before the connection opened, it fails instead:
   * `error`, then `close` with 1006.
   */
  close(code?: number, reason?: string): void {
    if (code !== undefined && code !== 1000 && !(code >= 3000 && code <= 4999 && Number.isInteger(code))) {
      throw domException(`Failed to execute 'close' on 'WebSocket': The code must be either 1000, or between 3000 and 4999. ${code} is neither.`, 'InvalidAccessError')
    }
    if (reason !== undefined && new TextEncoder().encode(reason).length > MAX_REASON_BYTES) {
      throw domException(`Failed to execute 'close' on 'WebSocket': The message must not be greater than ${MAX_REASON_BYTES} bytes.`, 'SyntaxError')
    }
    if (this.state === CLOSING || this.state === CLOSED) return
    const server = this.server
    if (this.state === CONNECTING || server === undefined) {
      this.state = CLOSING
      this.mailbox.post(() => this.fail('WebSocket is closed before the connection is established.'))
      return
    }
    this.state = CLOSING
    this.mailbox.post(() => server.closedByClient(code ?? 1005, reason ?? ''))
  }

  /** @internal */
  private fail(message: string): void {
    if (this.state === CLOSED) return
    this.state = CLOSED
    this.server = undefined
    this.emit({ type: 'error', message })
    this.emit({ type: 'close', code: 1006, reason: '', wasClean: false })
  }

  /** @internal */
  private finish(code: number, reason: string, wasClean: boolean): void {
    if (this.state === CLOSED) return
    this.state = CLOSED
    this.server = undefined
    this.emit({ type: 'close', code, reason, wasClean })
  }

  /** @internal */
  private emit(event: Record<string, unknown> & { type: string }): void {
    this.listeners.dispatch(this, event)
  }
}

/**
 * @internal
 * The server's end of one in-process connection: what `SimConnection` sends on, and where the client's
 * frames and closes arrive.
 */
export class ServerEnd implements PeerSocket {
  /** @internal */
  private state: 'open' | 'closing' | 'closed' = 'open'
  /** @internal */
  private connection: SimConnection | undefined
  // An end that came before `attach`: a subscriber of `connections$` may drop the connection inside its own
  // open event, which the simulator emits before it hands the connection over.
  /** @internal */
  private earlyEnd: { code: number; reason: string } | undefined

  constructor(
    /** @internal */
    private readonly client: ClientEnd,
    /** @internal */
    private readonly mailbox: Mailbox,
    /** Reports the end of the connection to the simulator, with the code and reason its server side saw. */
    /** @internal */
    private readonly ended: (connection: SimConnection, code: number, reason: string) => void,
  ) {}

  attach(connection: SimConnection): void {
    this.connection = connection
    if (this.earlyEnd) this.ended(connection, this.earlyEnd.code, this.earlyEnd.reason)
  }

  get isOpen(): boolean {
    return this.state === 'open'
  }

  /** Frames are handed over in memory: there is nothing to compress. */
  readonly deflate = false

  send(text: string): void {
    if (this.state === 'open') this.mailbox.post(() => this.client.deliver(text))
  }

  // A browser's WebSocket answers pings itself and never shows them, so there is nothing to carry.
  ping(): void {}
  pong(): void {}

  close(code: number, reason: string): void {
    if (this.state !== 'open') return
    this.state = 'closing'
    this.mailbox.post(() => {
      this.client.closedByServer(code, reason)
      this.end(code, reason)
    })
  }

  terminate(): void {
    if (this.state === 'closed') return
    this.end(1006, '')
    this.mailbox.post(() => this.client.fail('the simulator dropped the connection without a close handshake'))
  }

  receive(text: string): void {
    if (this.state !== 'closed') this.connection?.receive(text)
  }

  /** The client's close frame; the server echoes it, so both sides end with the client's code. */
  closedByClient(code: number, reason: string): void {
    if (this.state === 'closed') return
    this.end(code, reason)
    this.mailbox.post(() => this.client.closedByServer(code, reason))
  }

  /** @internal */
  private end(code: number, reason: string): void {
    if (this.state === 'closed') return
    this.state = 'closed'
    if (this.connection) this.ended(this.connection, code, reason)
    else this.earlyEnd = { code, reason }
  }
}

function asText(data: unknown): string {
  if (typeof data === 'string') return data
  if (data instanceof ArrayBuffer) return new TextDecoder().decode(data)
  if (ArrayBuffer.isView(data)) return new TextDecoder().decode(data)
  return String(data)
}

function domException(message: string, name: string): Error {
  if (typeof DOMException === 'function') return new DOMException(message, name)
  return Object.assign(new Error(message), { name })
}
