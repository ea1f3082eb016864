import WebSocket from 'ws'
import { MAX_MESSAGE_BYTES } from '../internal/limits'
import { parseStreamName } from '../simulator/parsePath'
import { MARKET_CONN, tapeEntryLine, tapeHeaderLine } from '../simulator/tape/tape'

/** The real servers closed a connection after 30 minutes without a keepAlive; this stays well inside. */
const KEEP_ALIVE_MS = 20 * 60_000
/** A server that accepts TCP but never answers the upgrade must not hold the recording forever. */
const HANDSHAKE_TIMEOUT_MS = 10_000

/**
 * @internal
 * Where a tape is written: a file stream, or a test double. `done` runs once the line is written or failed;
 * `false` from `write` means the sink is behind and says so with `'drain'` once it caught up.
 */
export interface TapeSink {
  write(text: string, done: (error?: Error | null) => void): unknown
  once?(event: 'drain', listener: () => void): unknown
}

/** @internal One connection of a recording: the URL it opens and the `conn` its frames are taped with. */
export interface TapeSource {
  readonly conn: string
  readonly url: string
}

/**
 * @internal
 * The connections that carry `streams` (named as in the URL path form): one `/stream?streams=…` for every
 * market stream, and one `/ws/<address>` per address, since a connection follows one address only.
 * Throws `TypeError` naming a stream the protocol does not have.
 */
export function tapeSources(apiBase: string, streams: readonly string[]): TapeSource[] {
  const base = apiBase.replace(/\/+$/, '')
  const market: string[] = []
  const addresses: string[] = []
  for (const name of streams) {
    const subscriptions = parseStreamName(name)
    if (subscriptions[0].kind === 'user') {
      if (!addresses.includes(subscriptions[0].key)) addresses.push(subscriptions[0].key)
    } else if (!market.includes(name)) market.push(name)
  }
  const sources: TapeSource[] = []
  if (market.length > 0) {
    sources.push({
      conn: MARKET_CONN,
      url: `${base}/stream?streams=${market.map(encodeURIComponent).join('/')}`,
    })
  }
  for (const address of addresses) sources.push({ conn: address, url: `${base}/ws/${address}` })
  return sources
}

/**
 * @internal
 * Records the frames of some streams into a tape: a header line, then every frame's text as it came off
 * the wire, with its time since the start. `start` resolves once every connection is open; `ended` resolves
 * with the reason a connection ended the recording on its own (the server closed it or failed, or the
 * sink failed). While the sink is behind, no connection is read, so the backlog stays one sink buffer.
 */
export class TapeRecorder {
  /** Frames the sink reported written. */
  frames = 0
  /** Bytes the sink reported written, header included: every line up to here is whole. */
  bytes = 0
  /** The sink's first failure, if it failed. */
  writeError: Error | undefined
  readonly ended: Promise<string>
  private readonly sockets: WebSocket[] = []
  private readonly timers: ReturnType<typeof setInterval>[] = []
  private readonly origin: number
  private stopped = false
  private paused = false
  private endWith: (reason: string) => void = () => undefined

  constructor(
    private readonly sink: TapeSink,
    private readonly apiBase: string,
    private readonly streams: readonly string[],
    private readonly now: () => number = () => performance.now(),
  ) {
    this.origin = now()
    this.ended = new Promise((resolve) => (this.endWith = resolve))
    this.write(tapeHeaderLine({ start: new Date().toISOString(), url: apiBase, streams }), false)
  }

  /** Opens the connections; rejects with the first that cannot be opened (the others are closed). */
  async start(): Promise<void> {
    const sources = tapeSources(this.apiBase, this.streams)
    try {
      await Promise.all(sources.map((source) => this.open(source)))
    } catch (error) {
      this.stop()
      throw error
    }
  }

  /** Closes every connection; nothing is written afterwards. */
  stop(): void {
    this.stopped = true
    this.timers.forEach(clearInterval)
    for (const socket of this.sockets) socket.terminate()
  }

  private open(source: TapeSource): Promise<void> {
    const socket = new WebSocket(source.url, {
      handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
      // The client's bound: a compressed frame that inflates past it ends the recording instead of the memory.
      maxPayload: MAX_MESSAGE_BYTES,
    })
    this.sockets.push(socket)
    socket.on('message', (data) => {
      if (this.stopped) return
      const frame = (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer)).toString('utf8')
      const at = Math.round(this.now() - this.origin)
      this.write(tapeEntryLine({ at, conn: source.conn, frame }), true)
    })
    return new Promise<void>((resolve, reject) => {
      socket.once('open', () => {
        if (this.paused) socket.pause()
        const keepAlive = setInterval(() => socket.send('{"method":"keepAlive"}'), KEEP_ALIVE_MS)
        this.timers.push(keepAlive)
        resolve()
      })
      socket.on('error', (error: Error & { code?: string }) => {
        const why =
          error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
            ? `the server sent a message larger than ${MAX_MESSAGE_BYTES} bytes, the bound on one message`
            : error.message
        reject(new Error(`${source.url}: ${why}`))
        if (!this.stopped) this.endWith(`the ${source.conn} connection failed: ${why}`)
      })
      socket.on('unexpected-response', (_req, res) => {
        reject(new Error(`${source.url}: the server answered HTTP ${res.statusCode}`))
        socket.terminate()
      })
      socket.on('close', (code, reason) => {
        if (this.stopped) return
        const why = reason.length > 0 ? ` ${reason.toString()}` : ''
        this.endWith(`the server closed the ${source.conn} connection (${code}${why})`)
      })
    })
  }

  private write(line: string, isFrame: boolean): void {
    const size = Buffer.byteLength(line)
    const ok = this.sink.write(line, (error) => {
      if (error) return this.fail(error)
      if (this.writeError) return
      this.bytes += size
      if (isFrame) this.frames++
    })
    if (ok === false && !this.paused && this.sink.once) {
      this.pause(true)
      this.sink.once('drain', () => this.pause(false))
    }
  }

  /** Stops reading every connection (the socket's own buffers then fill and the server's sends wait). */
  private pause(paused: boolean): void {
    this.paused = paused
    for (const socket of this.sockets) {
      if (paused) socket.pause()
      else socket.resume()
    }
  }

  private fail(error: Error): void {
    if (this.writeError) return
    this.writeError = error
    const code = (error as NodeJS.ErrnoException).code
    if (!this.stopped) this.endWith(`writing failed: ${code ?? error.message}`)
    this.stop()
  }
}
