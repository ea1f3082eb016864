import type { WebSocketLike } from '../../internal/types'
import { topicSpec, type TopicSpec } from '../../internal/topicTable'

/** @internal What a tape socket asks of the replay that serves it. */
export interface TapeSwitchboard {
  /** A socket was made; the replay opens it before it plays the next frame. */
  connected(socket: TapeSocket): void
  /** The client closed it. */
  closed(socket: TapeSocket): void
}

/** The close a replayed connection gets where the recording lost its own. */
const LOST = { code: 1006, reason: 'the recording lost its connection here' }

/**
 * @internal
 * The client's end of a replayed connection: a `WebSocket` to no server. It keeps what its client
 * subscribed to (topics and symbols, or the address of its user topics) so that the replay hands it only
 * frames it asked for, as their exact taped text.
 */
export class TapeSocket implements WebSocketLike {
  readyState = 0
  binaryType?: string
  onopen: ((event: unknown) => void) | null = null
  onclose: ((event: unknown) => void) | null = null
  onerror: ((event: unknown) => void) | null = null
  onmessage: ((event: unknown) => void) | null = null
  /** The address of this connection's user topics, once a subscribe named it. */
  address: string | undefined
  /** Subscribed topic → its symbols (upper case; `$all` and user topics have an empty set). */
  private readonly subs = new Map<string, Set<string>>()

  constructor(private readonly board: TapeSwitchboard) {
    board.connected(this)
  }

  send(text: string): void {
    if (this.readyState !== 1) return
    let message: { method?: unknown; topic?: unknown; symbols?: unknown; address?: unknown }
    try {
      message = JSON.parse(text)
    } catch {
      return
    }
    const spec = typeof message?.topic === 'string' ? topicSpec(message.topic) : undefined
    if (spec === undefined) return
    const symbols = Array.isArray(message.symbols) ? message.symbols.map((s) => String(s).toUpperCase()) : []
    if (message.method === 'subscribe') {
      if (spec.kind === 'user' && typeof message.address === 'string') this.address = message.address.toLowerCase()
      const set = this.subs.get(spec.name) ?? new Set<string>()
      for (const s of symbols) set.add(s)
      this.subs.set(spec.name, set)
    } else if (message.method === 'unsubscribe') {
      const set = this.subs.get(spec.name)
      for (const s of symbols) set?.delete(s)
      if (symbols.length === 0 || set?.size === 0) this.subs.delete(spec.name)
    }
  }

  close(): void {
    if (this.readyState === 3) return
    this.readyState = 3
    this.board.closed(this)
  }

  /** @internal The replay opens it. */
  open(): void {
    if (this.readyState !== 0) return
    this.readyState = 1
    this.onopen?.({ type: 'open' })
  }

  /** @internal Whether a frame of these topics, taped on `conn`, is for this connection. */
  wants(specs: readonly TopicSpec[], conn: string, symbols: () => readonly string[]): boolean {
    for (let i = 0; i < specs.length; i++) {
      const spec = specs[i]
      const keys = this.subs.get(spec.name)
      if (keys === undefined) continue
      if (spec.kind === 'user') return this.address !== undefined && this.address === conn.toLowerCase()
      if (spec.kind === 'all') return true
      // A frame that names no symbol goes to every subscriber of its topic, as from the simulator.
      const named = symbols()
      if (named.length === 0) return true
      for (let j = 0; j < named.length; j++) if (keys.has(named[j])) return true
    }
    return false
  }

  /** @internal A frame, as its exact text. */
  receive(text: string): void {
    if (this.readyState === 1) this.onmessage?.({ data: text })
  }

  /** @internal The recording lost its connection: this one drops as it did. */
  drop(): void {
    if (this.readyState === 3) return
    this.readyState = 3
    this.board.closed(this)
    this.onclose?.({ ...LOST })
  }

  /** @internal Subscribed to nothing (a subscribe may still come). */
  get subscribed(): boolean {
    return this.subs.size > 0
  }
}
