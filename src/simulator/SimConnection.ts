import type { RawData, WebSocket } from 'ws'
import { stringifyFrame } from '../internal/parseFrame'
import { boundText, SLOW_READER, type ResolvedLimits } from './limits'
import { parseClientMessage, type Command } from './parseClientMessage'
import type { Subscription } from './Subscription'
import { SubscriptionSet } from './SubscriptionSet'
import type { ClientMessage, ConnectionInfo } from './types'

/** @internal The lifetime rules one connection runs by (see `DexSimulatorOptions`). */
export interface ConnectionTimings {
  readonly pingIntervalMs: number
  readonly keepAliveExpiryMs: number
  readonly noSubscriptionTimeoutMs: number
}

/** @internal Everything one connection runs by: its timings and its limits. */
export type ConnectionRules = ConnectionTimings & ResolvedLimits

/** @internal Close codes and reasons of the server's own closes. The real ones were never recorded. */
export const CLOSE = {
  request: { code: 1000, reason: 'close requested' },
  expired: { code: 1000, reason: 'keepAlive expired' },
  idle: { code: 1000, reason: 'no subscriptions' },
} as const

/**
 * @internal
 * One client connection: its subscriptions, its timers (pings, keepAlive expiry, no-subscription close) and
 * the frozen flag. Nothing here throws out of a socket event or a timer.
 */
export class SimConnection {
  readonly subscriptions = new SubscriptionSet()
  private keepAlives = 0
  private frozen = false
  // A close the server decided on while frozen; a half-open socket cannot carry it, so it waits for the thaw.
  private pendingClose: { code: number; reason: string } | undefined
  private readonly pingTimer: ReturnType<typeof setInterval>
  private expiryTimer: ReturnType<typeof setTimeout> | undefined
  private idleTimer: ReturnType<typeof setTimeout> | undefined
  /** Set when the server cut the connection itself, since the socket then reports only 1006. */
  forcedClose: { readonly code: number; readonly reason: string } | undefined

  constructor(
    readonly id: number,
    readonly path: string,
    private readonly socket: WebSocket,
    private readonly timings: ConnectionRules,
    initial: readonly Subscription[],
    private readonly onMessage: (message: ClientMessage) => void,
    readonly openedAt = Date.now(),
  ) {
    this.subscriptions.add(initial)
    this.pingTimer = setInterval(() => this.isLive() && socket.ping(), timings.pingIntervalMs)
    this.armExpiry()
    this.armIdle()
    socket.on('message', (data) => this.receive(data))
    // Answered by hand (the server runs with autoPong off) so that a frozen connection stays silent.
    socket.on('ping', (data) => this.isLive() && socket.pong(data))
    socket.on('close', () => this.dispose())
    // An 'error' listener keeps a socket error from becoming an uncaught exception; 'close' follows it.
    socket.on('error', () => undefined)
  }

  info(): ConnectionInfo {
    const { id, path, openedAt, keepAlives, frozen } = this
    const address = this.subscriptions.address
    const subscriptions = this.subscriptions.list()
    const deflate = this.socket.extensions.includes('permessage-deflate')
    return { id, path, openedAt, keepAlives, frozen, deflate, subscriptions, ...(address && { address }) }
  }

  /** Sends a text frame unless the connection is frozen or closing; says whether it went out. */
  send(text: string): boolean {
    if (!this.isLive()) return false
    this.socket.send(text)
    if (this.socket.bufferedAmount > this.timings.maxBufferedBytes) this.dropSlowReader()
    return true
  }

  freeze(frozen: boolean): void {
    this.frozen = frozen
    if (!frozen && this.pendingClose) this.close(this.pendingClose.code, this.pendingClose.reason)
  }

  close(code: number, reason: string): void {
    if (this.frozen) this.pendingClose = { code, reason }
    else this.socket.close(code, reason)
  }

  /** Closes with a close frame now, frozen or not: a fault injected by the test, not the server's choice. */
  drop(code: number, reason: string): void {
    this.socket.close(code, reason)
  }

  /**
   * A reader that stopped reading would make the server hold every frame for it. The close frame queues
   * behind that backlog and is unlikely to arrive, so the socket is destroyed at once to free the memory.
   */
  private dropSlowReader(): void {
    this.forcedClose = SLOW_READER
    this.socket.close(SLOW_READER.code, SLOW_READER.reason)
    this.socket.terminate()
  }

  /** Drops the TCP connection without a close frame. */
  terminate(): void {
    this.socket.terminate()
  }

  /** Open and not yet closing. */
  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN
  }

  private isLive(): boolean {
    return !this.frozen && this.isOpen
  }

  private receive(data: RawData): void {
    // Clients such as LMACKEN send their JSON in binary frames; the real server accepted them.
    const text = rawText(data)
    let json: unknown
    let parsed = false
    try {
      json = JSON.parse(text)
      parsed = true
    } catch (e) {
      this.sendError(`Invalid JSON: ${e instanceof Error ? e.message : String(e)}`)
    }
    if (parsed) {
      const result = parseClientMessage(json)
      if ('error' in result) this.sendError(result.error)
      else this.apply(result.command)
    }
    this.onMessage(parsed ? { connectionId: this.id, text, json } : { connectionId: this.id, text })
  }

  private apply(command: Command): void {
    switch (command.method) {
      case 'subscribe': {
        const max = this.timings.maxSubscriptions
        if (this.subscriptions.size + this.subscriptions.countNew(command.subscriptions) > max) {
          return this.sendError(`Too many subscriptions: at most ${max} per connection`)
        }
        this.subscriptions.add(command.subscriptions)
        return this.armIdle()
      }
      case 'unsubscribe':
        this.subscriptions.remove(command.topic, command.keys)
        return this.armIdle()
      case 'keepAlive':
        this.keepAlives++
        return this.armExpiry()
      case 'close':
        return this.close(CLOSE.request.code, CLOSE.request.reason)
    }
  }

  /** PROTOCOL 2.6: SWIFT reads the reason from `json.error.error`, the only shape any client reveals. */
  private sendError(text: string): void {
    this.send(stringifyFrame({ error: { error: boundText(text, this.timings.maxErrorChars) } }))
  }

  private armExpiry(): void {
    clearTimeout(this.expiryTimer)
    const { code, reason } = CLOSE.expired
    this.expiryTimer = setTimeout(() => this.close(code, reason), this.timings.keepAliveExpiryMs)
  }

  /** Runs the no-subscription clock while the connection has none, and stops it while it has some. */
  private armIdle(): void {
    if (!this.subscriptions.isEmpty) {
      clearTimeout(this.idleTimer)
      this.idleTimer = undefined
    } else if (this.idleTimer === undefined) {
      const { code, reason } = CLOSE.idle
      this.idleTimer = setTimeout(() => this.close(code, reason), this.timings.noSubscriptionTimeoutMs)
    }
  }

  private dispose(): void {
    clearInterval(this.pingTimer)
    clearTimeout(this.expiryTimer)
    clearTimeout(this.idleTimer)
    this.pendingClose = undefined
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8')
}
