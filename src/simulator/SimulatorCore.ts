import type { UserTopic } from '../internal/topicTable'
import { Subject, type Observable } from 'rxjs'
import { DexInputError } from '../errors'
import { stringifyFrame } from '../internal/parseFrame'
import { checkNumber } from '../internal/validate'
import { resolveLimits, type ResolvedLimits } from './limits'
import { SimulatedMarket } from './market/SimulatedMarket'
import { parsePath } from './parsePath'
import { routeData } from './routeData'
import { runMarket } from './runMarket'
import { SimConnection, type ConnectionRules, type ConnectionTimings, type PeerSocket } from './SimConnection'
import type { Subscription } from './Subscription'
import type { ReplayFrame } from './tape/replayFrames'
import type { ReplaySink } from './tape/runReplay'
import { MARKET_CONN } from './tape/tape'
import { TAPE_ENDED, TapeReplay } from './tape/TapeReplay'
import { ALL, resolveTopic, type ResolvedTopic } from './resolveTopic'
import { warmUp } from './warmUp'
import { MAX_TIMER_MS } from './longTimeout'
import {
  DEFAULT_SIMULATOR_OPTIONS,
  type ClientMessage,
  type ConnectionEvent,
  type ConnectionInfo,
  type DexSimulatorOptions,
} from './types'

/** A week of history is already millions of simulated blocks. */
const MAX_WARM_UP_MS = 7 * 24 * 3_600_000

/**
 * @internal
 * The options the protocol core reads; the transport reads the rest (host, port, deflate) and enforces the
 * limits that belong to it (`maxBufferedBytes`, `maxMessageBytes`), which the core only checks.
 */
export type CoreOptions = Pick<
  DexSimulatorOptions,
  | 'pingIntervalMs'
  | 'keepAliveExpiryMs'
  | 'noSubscriptionTimeoutMs'
  | 'market'
  | 'warmUpMs'
  | 'replay'
  | 'limits'
>

/**
 * @internal
 * What an opening connection is answered with: refused with an HTTP status (400 for more streams in the URL
 * than a connection may follow), or admitted.
 */
export type Admission =
  | { readonly status: 400 | 404 | 503 }
  | { readonly subscriptions: readonly Subscription[] }

/**
 * @internal
 * The simulator without its transport: the market and its clocks (or a tape replaying), the open
 * connections, routing of published frames, the protocol's limits, fault injection and the observables.
 * `DexSimulator` carries it over TCP with `ws`; the in-process simulator over in-memory sockets. Nothing
 * here touches the network or Node's modules.
 */
export class SimulatorCore {
  readonly timings: ConnectionRules
  readonly limits: ResolvedLimits
  readonly market?: SimulatedMarket
  private readonly replay: TapeReplay | undefined
  private readonly warmUpMs: number
  private readonly open = new Map<number, SimConnection>()
  private readonly messages = new Subject<ClientMessage>()
  private readonly events = new Subject<ConnectionEvent>()
  private refusing = false
  private stopped = false
  private nextId = 1
  private stopMarket: (() => void) | undefined

  readonly messages$: Observable<ClientMessage> = this.messages.asObservable()
  readonly connections$: Observable<ConnectionEvent> = this.events.asObservable()

  /** Throws `DexInputError` naming the first bad option. */
  constructor(options: CoreOptions) {
    const defaults = DEFAULT_SIMULATOR_OPTIONS
    // Node fires a longer timer after 1 ms, which would close every connection at once.
    const duration = (name: keyof ConnectionTimings): number =>
      checkNumber(name, options[name] ?? defaults[name], 1, MAX_TIMER_MS)
    this.limits = resolveLimits(options.limits)
    this.timings = {
      pingIntervalMs: duration('pingIntervalMs'),
      keepAliveExpiryMs: duration('keepAliveExpiryMs'),
      noSubscriptionTimeoutMs: duration('noSubscriptionTimeoutMs'),
      maxSubscriptions: this.limits.maxSubscriptions,
      maxErrorChars: this.limits.maxErrorChars,
    }
    this.warmUpMs = checkNumber('warmUpMs', options.warmUpMs ?? defaults.warmUpMs, 0, MAX_WARM_UP_MS)
    if (options.replay !== undefined) {
      if (options.market !== undefined && options.market !== false) {
        throw new DexInputError(
          'replay and market exclude each other: a tape replaces the market',
          options.market,
        )
      }
      this.replay = new TapeReplay(options.replay)
    } else if (options.market !== false) this.market = new SimulatedMarket(options.market)
  }

  get isStopped(): boolean {
    return this.stopped
  }

  /**
   * Warms the market up and starts its clocks (once, and never after `stop`). A tape starts later, with
   * the first subscription.
   */
  startMarket(): void {
    if (this.market === undefined || this.stopped || this.stopMarket) return
    warmUp(this.market, this.warmUpMs)
    this.stopMarket = runMarket(this.market, this)
  }

  /** How a connection to `path` (the request path with its query) is answered. */
  admit(path: string): Admission {
    const parsed = parsePath(path)
    if (parsed === undefined) return { status: 404 }
    if (this.stopped || this.refusing) return { status: 503 }
    if (parsed.subscriptions.length > this.limits.maxSubscriptions) return { status: 400 }
    return parsed
  }

  /** Registers an admitted connection; the transport then feeds the client's actions into it. */
  connect(path: string, socket: PeerSocket, subscriptions: readonly Subscription[]): SimConnection {
    const id = this.nextId++
    const connection = new SimConnection(id, path, socket, this.timings, subscriptions, (m) => {
      this.messages.next(m)
      this.kickReplay(connection)
    })
    this.open.set(id, connection)
    this.events.next({ type: 'open', connectionId: id, path })
    // After the tape's end a client learns it at once, instead of waiting on a silent connection.
    const ended = this.tapeEndClose()
    if (ended) connection.close(ended.code, ended.reason)
    else this.kickReplay(connection)
    return connection
  }

  /**
   * A connection ended, from either side, with the code and reason the transport saw (or those of the
   * server's own forced close). The closes `stop` causes are not reported.
   */
  disconnected(connection: SimConnection, code: number, reason: string): void {
    connection.dispose()
    if (!this.open.delete(connection.id) || this.stopped) return
    const closed = connection.forcedClose ?? { code, reason }
    this.events.next({ type: 'close', connectionId: connection.id, ...closed })
  }

  publish(stream: string, data: unknown): number {
    return this.deliver(this.topicOf(stream), data)
  }

  publishToAddress(address: string, stream: UserTopic, data: unknown): number {
    const resolved = this.topicOf(stream)
    if (resolved.kind !== 'user') throw new DexInputError(`"${stream}" is not a user topic`, stream)
    return this.deliver(resolved, data, address.toLowerCase())
  }

  hasSubscribers(stream: string, symbolOrAddress?: string): boolean {
    const resolved = resolveTopic(stream)
    if (resolved === undefined) return false
    const key = keyFor(resolved, symbolOrAddress)
    return [...this.open.values()].some((c) => c.isOpen && c.subscriptions.has(resolved.topic, key))
  }

  sendRaw(text: string, connectionFilter: (c: ConnectionInfo) => boolean = () => true): number {
    const picked = [...this.open.values()].filter((c) => c.isOpen && connectionFilter(c.info()))
    return picked.filter((c) => c.send(text)).length
  }

  dropConnections(options: { code?: number; abrupt?: boolean } = {}): number {
    const live = [...this.open.values()].filter((c) => c.isOpen)
    for (const c of live) {
      if (options.abrupt) c.terminate()
      else c.drop(options.code ?? 1001, 'dropped by DexSimulator')
    }
    return live.length
  }

  refuseConnections(refuse: boolean): void {
    this.refusing = refuse
  }

  freeze(frozen: boolean): void {
    for (const c of this.open.values()) c.freeze(frozen)
  }

  connections(): ConnectionInfo[] {
    return [...this.open.values()].filter((c) => c.isOpen).map((c) => c.info())
  }

  /** Stops the market and terminates every connection; `complete` then ends the observables. */
  stop(): void {
    this.stopped = true
    this.stopMarket?.()
    this.replay?.stop()
    for (const c of [...this.open.values()]) {
      c.terminate()
      c.dispose()
    }
    this.open.clear()
  }

  complete(): void {
    this.messages.complete()
    this.events.complete()
  }

  private topicOf(stream: string): ResolvedTopic {
    const resolved = resolveTopic(stream)
    if (resolved === undefined) throw new DexInputError(`Unknown stream "${stream}"`, stream)
    return resolved
  }

  /** A tape starts playing with the first subscription, so that its first frames have a receiver. */
  private kickReplay(connection: SimConnection): void {
    this.replay?.kick(this.replaySink, !this.stopped && !connection.subscriptions.isEmpty, () => this.tapeEnded())
  }

  /** The close that tells a client the tape is over: played to its end, or unreadable from some line. */
  private tapeEndClose(): { code: number; reason: string } | undefined {
    if (this.replay?.status !== 'ended') return undefined
    const error = this.replay.error
    // A close reason is at most 123 bytes.
    return error ? { code: 1011, reason: utf8Prefix(error.message, 123) } : TAPE_ENDED
  }

  private tapeEnded(): void {
    const close = this.tapeEndClose()
    if (close) for (const c of this.open.values()) if (c.isOpen) c.close(close.code, close.reason)
  }

  private readonly replaySink: ReplaySink = {
    deliverFrame: (frame: ReplayFrame): number =>
      this.deliver(frame.topic, frame.data, frame.address, frame.text),
    // The recording lost that connection: so do the connections that would have come on it.
    disconnect: (conn: string): void => {
      const address = conn.toLowerCase()
      for (const c of [...this.open.values()]) {
        if (!c.isOpen) continue
        const subs = c.subscriptions
        if (address === MARKET_CONN ? subs.followsMarket : subs.address === address) c.terminate()
      }
    },
  }

  /** `text`, when given, is the exact frame of `data` (a taped one), sent to whoever gets all of it. */
  private deliver(resolved: ResolvedTopic, data: unknown, address?: string, text?: string): number {
    let whole: string | undefined
    let count = 0
    for (const c of this.open.values()) {
      if (address !== undefined && !c.subscriptions.has(resolved.topic, address)) continue
      const routed = routeData(c.subscriptions, resolved, data)
      if (routed === undefined) continue
      // Most connections get the frame unfiltered, so it is serialised once for all of them.
      const frame =
        routed === data
          ? (whole ??= text ?? stringifyFrame({ stream: resolved.topic, data }))
          : stringifyFrame({ stream: resolved.topic, data: routed })
      if (c.send(frame)) count++
    }
    return count
  }
}

function keyFor(resolved: ResolvedTopic, symbolOrAddress: string | undefined): string | undefined {
  if (symbolOrAddress === undefined) return undefined
  if (resolved.kind === 'all') return ALL
  return resolved.kind === 'user' ? symbolOrAddress.toLowerCase() : symbolOrAddress.toUpperCase()
}

/** The longest start of `text` whose UTF-8 encoding fits in `bytes`. */
function utf8Prefix(text: string, bytes: number): string {
  const encoder = new TextEncoder()
  let end = Math.min(text.length, bytes)
  while (encoder.encode(text.slice(0, end)).length > bytes) end--
  return text.slice(0, end)
}
