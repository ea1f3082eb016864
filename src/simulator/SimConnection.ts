import { stringifyFrame } from '../internal/parseFrame'
import { boundText, type ResolvedLimits } from './limits'
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

/**
 * @internal
 * Everything one connection runs by: its timings and the limits of the protocol itself. The limits of a
 * transport (buffered bytes, message size) are the transport's to enforce.
 */
export type ConnectionRules = ConnectionTimings & Pick<ResolvedLimits, 'maxSubscriptions' | 'maxErrorChars'>

/**
 * @internal
 * The server's end of one connection, as a transport provides it: a `ws` socket on the Node server, an
 * in-memory pipe in the in-process simulator. The transport feeds what the client does back through
 * `SimConnection.receive`, `receivePing` and `dispose`.
 */
export interface PeerSocket {
  /** Open and not yet closing. */
  readonly isOpen: boolean
  /** Whether the client and the server agreed on permessage-deflate (never, in process). */
  readonly deflate: boolean
  send(text: string): void
  /** Transports whose clients cannot see control frames (a browser's WebSocket) ignore pings and pongs. */
  ping(): void
  pong(data: unknown): void
  /** Starts a close handshake. */
  close(code: number, reason: string): void
  /** Drops the connection without a close handshake; the client sees 1006. */
  terminate(): void
}

/** @internal Close codes and reasons of the server's own closes. The real ones were never recorded. */
export const CLOSE = {
  request: { code: 1000, reason: 'close requested' },
  expired: { code: 1000, reason: 'keepAlive expired' },
  idle: { code: 1000, reason: 'no subscriptions' },
} as const

/**
 * @internal
 * One client connection, whatever carries it: its subscriptions, its timers (pings, keepAlive expiry,
 * no-subscription close) and the frozen flag. Nothing here throws out of a socket event or a timer.
 */
export class SimConnection {
  readonly subscriptions = new SubscriptionSet()
  private keepAlives = 0
  private frozen = false
  private disposed = false
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
    private readonly socket: PeerSocket,
    private readonly timings: ConnectionRules,
    initial: readonly Subscription[],
    private readonly onMessage: (message: ClientMessage) => void,
    readonly openedAt = Date.now(),
  ) {
    this.subscriptions.add(initial)
    this.pingTimer = setInterval(() => this.isLive() && socket.ping(), timings.pingIntervalMs)
    this.armExpiry()
    this.armIdle()
  }

  info(): ConnectionInfo {
    const { id, path, openedAt, keepAlives, frozen } = this
    const address = this.subscriptions.address
    const subscriptions = this.subscriptions.list()
    const { deflate } = this.socket
    return { id, path, openedAt, keepAlives, frozen, deflate, subscriptions, ...(address && { address }) }
  }

  /** Sends a text frame unless the connection is frozen or closing; says whether it went out. */
  send(text: string): boolean {
    if (!this.isLive()) return false
    this.socket.send(text)
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
   * The server gives up on the connection (a transport's limit was passed): a close frame, which may never
   * get through a full buffer, then the socket dropped at once to free what it holds. The close is
   * reported with `code` and `reason`, whatever the socket saw.
   */
  forceClose(code: number, reason: string): void {
    this.forcedClose ??= { code, reason }
    this.socket.close(code, reason)
    this.socket.terminate()
  }

  /** Drops the connection without a close frame. */
  terminate(): void {
    this.socket.terminate()
  }

  /** Open and not yet closing. */
  get isOpen(): boolean {
    return this.socket.isOpen
  }

  /** A text message from the client (a transport decodes binary frames as UTF-8 first). */
  receive(text: string): void {
    if (this.disposed) return
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

  /** Answered by hand rather than by the transport, so that a frozen connection stays silent. */
  receivePing(data: unknown): void {
    if (this.isLive()) this.socket.pong(data)
  }

  /** The connection ended, from either side: stops every timer. */
  dispose(): void {
    this.disposed = true
    clearInterval(this.pingTimer)
    clearTimeout(this.expiryTimer)
    clearTimeout(this.idleTimer)
    this.pendingClose = undefined
  }

  private isLive(): boolean {
    return !this.frozen && this.isOpen
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
    if (this.disposed) return
    const { code, reason } = CLOSE.expired
    this.expiryTimer = setTimeout(() => this.close(code, reason), this.timings.keepAliveExpiryMs)
  }

  /** Runs the no-subscription clock while the connection has none, and stops it while it has some. */
  private armIdle(): void {
    if (!this.subscriptions.isEmpty) {
      clearTimeout(this.idleTimer)
      this.idleTimer = undefined
    } else if (this.idleTimer === undefined && !this.disposed) {
      const { code, reason } = CLOSE.idle
      this.idleTimer = setTimeout(() => this.close(code, reason), this.timings.noSubscriptionTimeoutMs)
    }
  }
}
