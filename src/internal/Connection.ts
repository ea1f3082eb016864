import { interval, type SchedulerLike, type Subscription, type Unsubscribable } from 'rxjs'
import { webSocket, type WebSocketSubject } from 'rxjs/webSocket'
import { DexConnectionError, type DexError } from '../errors'
import { backoffDelay, type BackoffConfig } from './backoff'
import { retiredServiceHint } from './retiredService'
import { isUserTopic, wireKey, type WireSub } from './topics'
import type { ConnectionStatus, WebSocketConstructor } from './types'

/** @internal Everything a connection needs, with defaults already applied. */
export interface ConnectionConfig {
  /** `'market'` or the address this connection serves. */
  readonly name: string
  readonly url: string
  /** Set for address connections: user-topic subscribes carry it. */
  readonly address?: string
  readonly WebSocketCtor: WebSocketConstructor
  readonly reconnect: BackoffConfig | false
  readonly keepAliveIntervalMs: number
  readonly staleAfterMs: number
  /** A Node socket that saw a server ping and then none for this long is dead. */
  readonly pingTimeoutMs: number
  readonly scheduler: SchedulerLike
  readonly random: () => number
}

/** @internal What a connection reports to its owner. */
export interface ConnectionEvents {
  frame(text: string): void
  status(status: ConnectionStatus): void
  error(error: DexError): void
  /** Reconnection is off or exhausted: the connection is gone and its streams must error. */
  failed(error: DexConnectionError): void
  /** The last subscription left and the socket was closed. */
  idle(): void
}

type State = 'idle' | 'connecting' | 'open' | 'waiting' | 'closed'

/**
 * @internal
 * One WebSocket to `<base>ws` and the subscriptions it should carry. The desired set is the single source
 * of truth: while the socket is down, subscribe/unsubscribe only edit that set (so a subscribe followed by an
 * unsubscribe sends nothing, and the queue can never outgrow the set), and every (re)open sends the whole set
 * once. While open, `sent` mirrors what the server holds, so nothing is subscribed twice.
 */
export class Connection {
  private state: State = 'idle'
  private readonly desired = new Map<string, WireSub>()
  private readonly sent = new Set<string>()
  private periodic = 0
  private subject?: WebSocketSubject<string>
  private socketSub?: Subscription
  private socket?: RawSocket
  private keepAliveTimer?: Unsubscribable
  private livenessTimer?: Unsubscribable
  private backoffTimer?: Unsubscribable
  private failures = 0
  private everOpened = false
  private deliveredSinceOpen = false
  private openedAt = 0
  private periodicSince = 0
  private lastFrameAt = -Infinity
  private lastPingAt?: number
  /** When data stopped arriving in the current outage; undefined while healthy. */
  private outageSince?: number
  private readonly onPing = (): void => {
    this.lastPingAt = this.now()
  }

  constructor(
    private readonly config: ConnectionConfig,
    private readonly events: ConnectionEvents,
  ) {}

  get size(): number {
    return this.desired.size
  }

  add(sub: WireSub): void {
    const key = wireKey(sub)
    if (this.desired.has(key)) return
    this.desired.set(key, sub)
    if (!isUserTopic(sub.topic) && this.periodic++ === 0) this.periodicSince = this.now()
    if (this.state === 'idle') this.connect()
    else if (this.state === 'open') this.sendSubscribes([sub])
  }

  remove(sub: WireSub): void {
    const key = wireKey(sub)
    if (!this.desired.delete(key)) return
    if (!isUserTopic(sub.topic)) this.periodic--
    if (this.state === 'open' && this.sent.delete(key)) this.send(unsubscribeMessage(sub))
    if (this.desired.size === 0 && this.state !== 'closed') {
      this.shutdown('release')
      this.events.status({ connection: this.config.name, state: 'closed' })
      this.events.idle()
    }
  }

  /** Ends the connection for good; `{"method":"close"}` goes first when the socket is open. */
  close(): void {
    if (this.state === 'closed') return
    const wasActive = this.state !== 'idle'
    this.shutdown('close')
    this.state = 'closed'
    if (wasActive) this.events.status({ connection: this.config.name, state: 'closed' })
  }

  // -------------------------------------------------------------------------------------------------
  // lifecycle
  // -------------------------------------------------------------------------------------------------

  private connect(): void {
    this.state = 'connecting'
    this.sent.clear()
    if (!this.everOpened && this.failures === 0) {
      this.events.status({ connection: this.config.name, state: 'connecting' })
    }
    const subject = webSocket<string>({
      url: this.config.url,
      WebSocketCtor: this.trackingCtor() as never,
      deserializer: (e) => e.data as string,
      serializer: (text) => text,
      openObserver: { next: () => subject === this.subject && this.onOpen() },
    })
    this.subject = subject
    this.socketSub = subject.subscribe({
      next: (text) => this.onFrame(text),
      error: (err: unknown) => subject === this.subject && this.onDrop(describeDrop(err)),
      complete: () => subject === this.subject && this.onDrop({ message: 'closed by the server' }),
    })
  }

  /** Wraps the constructor to see the raw socket: Node's `ws` exposes server pings and `terminate()` there. */
  private trackingCtor(): WebSocketConstructor {
    const Ctor = this.config.WebSocketCtor
    const track = (socket: RawSocket): void => {
      if (typeof socket.on === 'function') socket.on('ping', this.onPing)
      this.socket = socket
    }
    return function TrackedWebSocket(url: string, protocols?: string | string[]) {
      const socket = protocols === undefined ? new Ctor(url) : new Ctor(url, protocols)
      track(socket as unknown as RawSocket)
      return socket
    } as unknown as WebSocketConstructor
  }

  private onOpen(): void {
    this.state = 'open'
    this.openedAt = this.now()
    this.lastPingAt = undefined
    this.deliveredSinceOpen = false
    const { name } = this.config
    if (this.everOpened) {
      const downtimeMs = this.openedAt - (this.outageSince ?? this.openedAt)
      this.outageSince = undefined
      this.events.status({ connection: name, state: 'reconnected', downtimeMs })
    } else {
      this.events.status({ connection: name, state: 'open' })
    }
    this.everOpened = true
    this.sendSubscribes([...this.desired.values()])
    // On a fixed timer, not on idleness: the server expires busy connections too.
    const { scheduler, keepAliveIntervalMs } = this.config
    this.keepAliveTimer = interval(keepAliveIntervalMs, scheduler).subscribe(() => this.send(KEEP_ALIVE))
    this.scheduleLivenessCheck(Math.min(this.config.staleAfterMs, this.config.pingTimeoutMs))
  }

  private onFrame(text: string): void {
    this.lastFrameAt = this.now()
    if (!this.deliveredSinceOpen) {
      // A connection that opens and delivers is healthy: only then may the failure count start over.
      this.deliveredSinceOpen = true
      this.failures = 0
    }
    this.events.frame(text)
  }

  private onDrop(cause: { message: string; code?: number; reason?: string }, silentSince?: number): void {
    const { name, reconnect } = this.config
    this.shutdown('dead')
    this.outageSince ??= silentSince ?? this.now()
    const error = new DexConnectionError(
      `Connection "${name}" to ${this.config.url} dropped: ${cause.message}${this.everOpened ? '' : retiredServiceHint(this.config.url) ?? ''}`,
      name,
      cause.code,
      cause.reason,
    )
    this.events.error(error)
    this.failures++
    if (reconnect === false || this.failures > reconnect.maxAttempts) {
      this.state = 'closed'
      const final = new DexConnectionError(
        reconnect === false
          ? `${error.message} (reconnection is off)`
          : `${error.message}; gave up after ${this.failures - 1} reconnection attempts`,
        name,
        cause.code,
        cause.reason,
      )
      this.events.status({ connection: name, state: 'closed', error: final })
      this.events.failed(final)
      return
    }
    this.state = 'waiting'
    const delay = backoffDelay(reconnect, this.failures, this.config.random)
    this.events.status({ connection: name, state: 'reconnecting', attempt: this.failures, delayMs: delay })
    this.backoffTimer = this.config.scheduler.schedule(() => {
      this.backoffTimer = undefined
      if (this.state === 'waiting') this.connect()
    }, delay)
  }

  /**
   * Stops timers and the socket. `close` says `{"method":"close"}` first, `release` just closes, and `dead`
   * tears the socket down at once, since a dead peer never answers a close handshake.
   */
  private shutdown(mode: 'close' | 'release' | 'dead'): void {
    for (const timer of [this.keepAliveTimer, this.livenessTimer, this.backoffTimer]) timer?.unsubscribe()
    this.keepAliveTimer = this.livenessTimer = this.backoffTimer = undefined
    const { subject, socketSub, socket } = this
    this.subject = undefined
    this.socketSub = undefined
    this.socket = undefined
    if (socket && typeof socket.removeListener === 'function') socket.removeListener('ping', this.onPing)
    if (mode === 'close' && subject && this.state === 'open') subject.next(CLOSE)
    if (mode === 'dead' && typeof socket?.terminate === 'function') socket.terminate()
    socketSub?.unsubscribe()
    this.sent.clear()
    this.state = 'idle'
  }

  // -------------------------------------------------------------------------------------------------
  // liveness: silence on a periodic stream, or missing server pings, means a dead connection
  // -------------------------------------------------------------------------------------------------

  /** One self-rescheduling check instead of a timer per frame, so the hot path only stores a timestamp. */
  private scheduleLivenessCheck(delay: number): void {
    this.livenessTimer = this.config.scheduler.schedule(() => this.checkLiveness(), Math.max(1, delay))
  }

  private checkLiveness(): void {
    if (this.state !== 'open') return
    const now = this.now()
    const { staleAfterMs, pingTimeoutMs } = this.config
    let next = staleAfterMs
    if (this.periodic > 0) {
      const since = Math.max(this.lastFrameAt, this.openedAt, this.periodicSince)
      const silent = now - since
      if (silent >= staleAfterMs) return this.onDrop({ message: `no data for ${silent} ms (stale)` }, since)
      next = staleAfterMs - silent
    }
    if (this.lastPingAt !== undefined) {
      const quiet = now - this.lastPingAt
      if (quiet >= pingTimeoutMs) return this.onDrop({ message: `no server ping for ${quiet} ms` }, Math.max(this.lastFrameAt, this.openedAt))
      next = Math.min(next, pingTimeoutMs - quiet)
    } else {
      next = Math.min(next, pingTimeoutMs)
    }
    this.scheduleLivenessCheck(next)
  }

  // -------------------------------------------------------------------------------------------------
  // wire
  // -------------------------------------------------------------------------------------------------

  private sendSubscribes(subs: readonly WireSub[]): void {
    // One message per topic, all its symbols together: the server appends symbols to a topic.
    const byTopic = new Map<string, string[]>()
    for (const sub of subs) {
      const key = wireKey(sub)
      if (this.sent.has(key)) continue
      this.sent.add(key)
      if (sub.symbol === undefined) {
        this.send(JSON.stringify({ method: 'subscribe', topic: sub.topic, address: this.config.address }))
        continue
      }
      const list = byTopic.get(sub.topic)
      if (list) list.push(sub.symbol)
      else byTopic.set(sub.topic, [sub.symbol])
    }
    for (const [topic, symbols] of byTopic) this.send(JSON.stringify({ method: 'subscribe', topic, symbols }))
  }

  private send(text: string): void {
    this.subject?.next(text)
  }

  private now(): number {
    return this.config.scheduler.now()
  }
}

/** The slice of a Node `ws` socket we use when it is there; browsers' sockets have none of it. */
interface RawSocket {
  on?(event: 'ping', listener: () => void): void
  removeListener?(event: 'ping', listener: () => void): void
  terminate?(): void
}

const KEEP_ALIVE = '{"method":"keepAlive"}'
const CLOSE = '{"method":"close"}'

function unsubscribeMessage(sub: WireSub): string {
  return sub.symbol === undefined
    ? JSON.stringify({ method: 'unsubscribe', topic: sub.topic })
    : JSON.stringify({ method: 'unsubscribe', topic: sub.topic, symbols: [sub.symbol] })
}

/** Close events and error events carry different things; keep what explains the drop. */
function describeDrop(err: unknown): { message: string; code?: number; reason?: string } {
  const e = err as { code?: unknown; reason?: unknown; message?: unknown; type?: unknown; error?: unknown }
  if (typeof e?.code === 'number') {
    const reason = typeof e.reason === 'string' ? e.reason : ''
    return { message: `closed with code ${e.code}${reason ? ` (${reason})` : ''}`, code: e.code, reason }
  }
  const inner = e?.error as { message?: unknown } | undefined
  const message = typeof inner?.message === 'string' ? inner.message : typeof e?.message === 'string' ? e.message : 'socket error'
  return { message }
}
