import { interval, type Unsubscribable } from 'rxjs'
import { DexConnectionError, type DexError } from '../errors'
import { backoffDelay } from './backoff'
import { Liveness } from './Liveness'
import type { ResolvedOptions } from './resolveOptions'
import { retiredServiceHint } from './retiredService'
import { Socket, type SocketClose } from './Socket'
import { CLOSE, KEEP_ALIVE, subscribeMessages, unsubscribeMessage, wireKey, type WireSub } from './subscribeMessages'
import type { ConnectionStatus } from './types'

/**
 * @internal
 * Everything a connection needs: the socket's resolved options, passed whole, and which connection it is.
 */
export type ConnectionConfig = Omit<ResolvedOptions, 'prefixes'> & {
  /** `'market'` or the address this connection serves. */
  readonly name: string
  /** Set for address connections: user-topic subscribes carry it. */
  readonly address?: string
}

/** @internal What a connection reports to its owner. */
export interface ConnectionEvents {
  /** A frame's payload as the platform gave it. */
  frame(data: unknown): void
  status(status: ConnectionStatus): void
  error(error: DexError): void
  /** Reconnection is off or exhausted: the connection is gone and its streams must error. */
  failed(error: DexConnectionError): void
  /** The last subscription left and the socket was closed. */
  idle(): void
}

type State = 'idle' | 'connecting' | 'open' | 'waiting' | 'closed'

/** Why a connection counts as dropped: the socket's own close, or a watchdog's verdict. */
type Drop = { readonly message: string; readonly code?: number; readonly reason?: string }

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
  private socket?: Socket
  private keepAliveTimer?: Unsubscribable
  private backoffTimer?: Unsubscribable
  private connectTimer?: Unsubscribable
  private readonly liveness: Liveness
  private failures = 0
  private everOpened = false
  private deliveredSinceOpen = false
  /** When data stopped arriving in the current outage; undefined while healthy. */
  private outageSince?: number

  constructor(
    private readonly config: ConnectionConfig,
    private readonly events: ConnectionEvents,
  ) {
    this.liveness = new Liveness(config, (message, silentSince) => this.onDrop({ message }, silentSince))
  }

  add(sub: WireSub): void {
    const key = wireKey(sub)
    if (this.desired.has(key)) return
    this.desired.set(key, sub)
    this.liveness.added(sub)
    if (this.state === 'idle') this.connect()
    else if (this.state === 'open') this.sendSubscribes([sub])
  }

  remove(sub: WireSub): void {
    const key = wireKey(sub)
    if (!this.desired.delete(key)) return
    this.liveness.removed(sub)
    if (this.state === 'open' && this.sent.delete(key)) this.send(unsubscribeMessage(sub))
    if (this.desired.size === 0 && this.state !== 'closed') {
      this.shutdown('release')
      this.config.log.info?.(`connection "${this.config.name}" closed: no subscriptions left`)
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
    if (wasActive) {
      this.config.log.info?.(`connection "${this.config.name}" closed`)
      this.events.status({ connection: this.config.name, state: 'closed' })
    }
  }

  // -------------------------------------------------------------------------------------------------
  // lifecycle
  // -------------------------------------------------------------------------------------------------

  private connect(): void {
    const { name, url, WebSocketCtor, connectTimeoutMs, maxMessageBytes, scheduler, log } = this.config
    this.state = 'connecting'
    this.sent.clear()
    if (!this.everOpened && this.failures === 0) this.events.status({ connection: name, state: 'connecting' })
    log.info?.(`connection "${name}" connecting to ${url}`)
    try {
      this.socket = new Socket(WebSocketCtor, url, {
        open: () => this.onOpen(),
        message: (data) => this.onFrame(data),
        closed: (close) => this.onClosed(close),
        ping: () => this.liveness.ping(),
      }, maxMessageBytes)
    } catch (e) {
      // A constructor that refuses the URL fails this attempt like a refused connection, on the same schedule.
      const message = e instanceof Error ? e.message : String(e)
      this.backoffTimer = scheduler.schedule(() => {
        this.backoffTimer = undefined
        if (this.state === 'connecting') this.onDrop({ message })
      })
      return
    }
    if (connectTimeoutMs !== Infinity) {
      this.connectTimer = scheduler.schedule(() => {
        this.connectTimer = undefined
        if (this.state === 'connecting') this.onDrop({ message: `no handshake within ${connectTimeoutMs} ms` })
      }, connectTimeoutMs)
    }
  }

  private onClosed(close: SocketClose): void {
    this.socket = undefined
    this.onDrop(close)
  }

  private onOpen(): void {
    this.connectTimer?.unsubscribe()
    this.connectTimer = undefined
    this.state = 'open'
    const openedAt = this.now()
    this.deliveredSinceOpen = false
    const { name } = this.config
    if (this.everOpened) {
      const downtimeMs = openedAt - (this.outageSince ?? openedAt)
      this.outageSince = undefined
      this.config.log.info?.(`connection "${name}" reconnected after ${downtimeMs} ms`)
      this.events.status({ connection: name, state: 'reconnected', downtimeMs })
    } else {
      this.config.log.info?.(`connection "${name}" open`)
      this.events.status({ connection: name, state: 'open' })
    }
    this.everOpened = true
    this.sendSubscribes([...this.desired.values()])
    // On a fixed timer, not on idleness: the server expires busy connections too.
    const { scheduler, keepAliveIntervalMs } = this.config
    this.keepAliveTimer = interval(keepAliveIntervalMs, scheduler).subscribe(() => this.send(KEEP_ALIVE))
    this.liveness.start(openedAt)
  }

  private onFrame(data: unknown): void {
    this.liveness.frame()
    if (!this.deliveredSinceOpen) {
      // A connection that opens and delivers is healthy: only then may the failure count start over.
      this.deliveredSinceOpen = true
      this.failures = 0
    }
    this.config.log.debug?.(`connection "${this.config.name}" received a frame`, { frame: data })
    this.events.frame(data)
  }

  private onDrop(cause: Drop, silentSince?: number): void {
    const { name, reconnect, log } = this.config
    const { code, reason } = cause
    this.shutdown('dead')
    this.outageSince ??= silentSince ?? this.now()
    const error = new DexConnectionError(
      `Connection "${name}" to ${this.config.url} dropped: ${cause.message}${this.everOpened ? '' : retiredServiceHint(this.config.url) ?? ''}`,
      name,
      code,
      reason,
    )
    log.warn?.(error.message, { connection: name, code, reason })
    this.events.error(error)
    this.failures++
    if (reconnect === false || this.failures > reconnect.maxAttempts) {
      this.state = 'closed'
      const final = new DexConnectionError(
        reconnect === false
          ? `${error.message} (reconnection is off)`
          : `${error.message}; gave up after ${this.failures - 1} reconnection attempt${this.failures === 2 ? '' : 's'}`,
        name,
        code,
        reason,
      )
      log.error?.(final.message, { connection: name, code, reason })
      this.events.status({ connection: name, state: 'closed', error: final, ...closeOf(cause) })
      this.events.failed(final)
      return
    }
    this.state = 'waiting'
    const delay = backoffDelay(reconnect, this.failures, this.config.random)
    log.info?.(`connection "${name}" reconnecting in ${delay} ms (attempt ${this.failures})`)
    this.events.status({ connection: name, state: 'reconnecting', attempt: this.failures, delayMs: delay, error, ...closeOf(cause) })
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
    const timers = [this.keepAliveTimer, this.backoffTimer, this.connectTimer]
    for (const timer of timers) timer?.unsubscribe()
    this.keepAliveTimer = this.backoffTimer = this.connectTimer = undefined
    this.liveness.stop()
    const socket = this.socket
    this.socket = undefined
    if (mode === 'close' && socket?.open) socket.send(CLOSE)
    if (mode === 'dead') socket?.terminate()
    else socket?.close(1000)
    this.sent.clear()
    this.state = 'idle'
  }

  // -------------------------------------------------------------------------------------------------
  // wire
  // -------------------------------------------------------------------------------------------------

  private sendSubscribes(subs: readonly WireSub[]): void {
    const fresh = subs.filter((sub) => {
      const key = wireKey(sub)
      if (this.sent.has(key)) return false
      this.sent.add(key)
      return true
    })
    for (const message of subscribeMessages(fresh, this.config.address)) this.send(message)
  }

  private send(text: string): void {
    this.config.log.debug?.(`connection "${this.config.name}" sent a frame`, { frame: text })
    this.socket?.send(text)
  }

  private now(): number {
    return this.config.scheduler.now()
  }
}

/** A close's code and reason for `status$`, when the socket closed (a watchdog's drop has none). */
function closeOf(cause: Drop): { code?: number; reason?: string } {
  return cause.code === undefined ? {} : { code: cause.code, reason: cause.reason }
}
