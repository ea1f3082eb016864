import type { WebSocketConstructor, WebSocketLike } from './types'

/** @internal How a socket ended, as far as the peer or the platform said. */
export interface SocketClose {
  /** The close frame's code (1006 when the connection died without one). */
  readonly code?: number
  /** The close frame's reason; `''` when it had none. */
  readonly reason?: string
  /** One line for humans: what the platform reported (e.g. `getaddrinfo ENOTFOUND host`). */
  readonly message: string
}

/** @internal What a socket reports to its owner; nothing is reported after the owner closes it. */
export interface SocketEvents {
  open(): void
  /** A frame's payload as the platform gave it: a string, or binary data (see frameText). */
  message(data: unknown): void
  /** The socket is gone, whichever side closed it; reported once. */
  closed(close: SocketClose): void
  /** A server ping (Node's `ws` only; browsers answer pings without telling). */
  ping(): void
}

/** The slice of a Node `ws` socket used when it is there; browsers' sockets have none of it. */
interface NodeExtras {
  on?(event: 'ping', listener: () => void): void
  removeListener?(event: 'ping', listener: () => void): void
  terminate?(): void
}

const noop = (): void => {}

/**
 * @internal
 * One WebSocket, owned. The platform socket is driven directly rather than through RxJS's `webSocket`:
 * that subject completes on a clean close and so drops the close code and reason, and it cannot abort a
 * handshake that never finishes. Here every close, clean or not, reaches the owner with its code and
 * reason, exactly once, and once the owner calls `close()` or `terminate()` nothing more is reported.
 */
export class Socket {
  private ws: (WebSocketLike & NodeExtras) | undefined
  private lastError: string | undefined
  private readonly onPing = (): void => this.events.ping()

  /** Throws what the constructor throws (a malformed URL, say); the owner treats it as a failed attempt. */
  constructor(
    Ctor: WebSocketConstructor,
    url: string,
    private readonly events: SocketEvents,
    /** The largest inbound message, in bytes after decompression; see `DexSocketOptions.maxMessageBytes`. */
    private readonly maxMessageBytes: number = Infinity,
  ) {
    // Node's `ws` takes its bound as a third argument and stops inflating a message at it, so a compressed
    // bomb never grows past the bound; platforms with two-argument constructors ignore the third.
    const limit = Number.isFinite(maxMessageBytes) ? { maxPayload: maxMessageBytes } : undefined
    const Bounded = Ctor as unknown as new (url: string, protocols?: undefined, options?: object) => WebSocketLike
    const ws = (limit ? new Bounded(url, undefined, limit) : new Ctor(url)) as WebSocketLike & NodeExtras
    this.ws = ws
    // ArrayBuffer rather than Blob: a Blob can only be read asynchronously, which would reorder frames.
    ws.binaryType = 'arraybuffer'
    ws.onopen = () => this.ws === ws && events.open()
    ws.onmessage = (event: { data?: unknown }) => {
      if (this.ws !== ws) return
      // A platform that enforced no bound has already held the message; refusing it still keeps it from
      // the decoder and treats the peer as `ws` would.
      if (byteLength(event?.data) > maxMessageBytes) return this.tooBig()
      events.message(event?.data)
    }
    ws.onerror = (event: unknown) => {
      if (this.ws !== ws) return
      // `ws` has sent its 1009 close but keeps the socket until the peer answers, which a hostile peer
      // never does: the connection ends here, reported as the 1009 it is.
      if (isTooBig(event)) this.tooBig()
      else this.lastError = errorText(event)
    }
    ws.onclose = (event: { code?: unknown; reason?: unknown } | undefined) => {
      if (this.ws !== ws) return
      this.detach()
      events.closed(closeInfo(event, this.lastError))
    }
    if (typeof ws.on === 'function') ws.on('ping', this.onPing)
  }

  get open(): boolean {
    return this.ws?.readyState === 1
  }

  send(text: string): void {
    if (this.ws?.readyState === 1) this.ws.send(text)
  }

  /** A close handshake; the socket reports nothing more. */
  close(code?: number, reason?: string): void {
    const ws = this.detach()
    if (!ws) return
    try {
      if (code === undefined) ws.close()
      else ws.close(code, reason)
    } catch {
      // A platform that refuses a close of a socket it considers closed has nothing left to release.
    }
  }

  /** Drops the connection without a handshake (a dead or silent peer never answers one). */
  terminate(): void {
    const ws = this.detach()
    if (ws) end(ws)
  }

  /** A message past `maxMessageBytes`: the socket ends with 1009 and says which bound was passed. */
  private tooBig(): void {
    const ws = this.detach()
    if (!ws) return
    // `ws` has already sent its 1009 close frame; nothing more is read from the peer.
    end(ws, TOO_BIG.code)
    const message = `a message was larger than maxMessageBytes (${this.maxMessageBytes} bytes); closed with code ${TOO_BIG.code}`
    this.events.closed({ code: TOO_BIG.code, reason: TOO_BIG.reason, message })
  }

  private detach(): (WebSocketLike & NodeExtras) | undefined {
    const ws = this.ws
    if (!ws) return undefined
    this.ws = undefined
    ws.onopen = ws.onmessage = ws.onclose = null
    // Not null: Node's `ws` emits 'error' when a handshake is aborted, and an 'error' with no listener
    // would be thrown to the process.
    ws.onerror = noop
    if (typeof ws.removeListener === 'function') ws.removeListener('ping', this.onPing)
    return ws
  }
}

/**
 * Ends `ws` at once: its terminate where there is one (Node's `ws`), else a close with `code` when given,
 * and a plain close when that fails (browsers let a page send only 1000 and 3000-4999).
 */
function end(ws: WebSocketLike & NodeExtras, code?: number): void {
  if (typeof ws.terminate === 'function') return ws.terminate()
  try {
    if (code === undefined) ws.close()
    else ws.close(code)
  } catch {
    if (code !== undefined) end(ws)
  }
}

/** The close of a message past the bound (RFC 6455 1009, "message too big"); `ws` sends it with no reason. */
const TOO_BIG = { code: 1009, reason: '' } as const

/** What `ws` reports when a message passes its `maxPayload`, inflated or not. */
function isTooBig(event: unknown): boolean {
  const error = (event as { error?: { code?: unknown } } | undefined)?.error
  return error?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
}

/** A frame's size in bytes; for text, its UTF-16 length, which never exceeds its UTF-8 size. */
function byteLength(data: unknown): number {
  if (typeof data === 'string') return data.length
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength
  return 0
}

function closeInfo(event: { code?: unknown; reason?: unknown } | undefined, lastError: string | undefined): SocketClose {
  const code = typeof event?.code === 'number' ? event.code : undefined
  const reason = typeof event?.reason === 'string' ? event.reason : code === undefined ? undefined : ''
  const parts = [code === undefined ? 'closed' : `closed with code ${code}${reason ? ` (${reason})` : ''}`]
  if (lastError) parts.unshift(lastError)
  return { code, reason, message: parts.join('; ') }
}

/** Node's `ws` puts an Error on its error events; browsers give a bare Event that says nothing. */
function errorText(event: unknown): string | undefined {
  const e = event as { error?: { message?: unknown }; message?: unknown } | undefined
  const message = e?.error?.message ?? e?.message
  return typeof message === 'string' && message !== '' ? message : undefined
}
