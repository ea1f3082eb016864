import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { Subject, type Observable } from 'rxjs'
import { WebSocketServer } from 'ws'
import { DexInputError } from '../errors'
import { stringifyFrame } from '../internal/parseFrame'
import { checkNumber } from '../internal/validate'
import { resolveLimits } from './limits'
import { SimulatedMarket } from './market/SimulatedMarket'
import { parsePath } from './parsePath'
import { rejectUpgrade } from './rejectUpgrade'
import { serveRest } from './rest/serveRest'
import { routeData } from './routeData'
import { runMarket } from './runMarket'
import { SimConnection, type ConnectionRules, type ConnectionTimings } from './SimConnection'
import type { ReplayFrame } from './tape/replayFrames'
import { TapeReplay } from './tape/TapeReplay'
import { ALL, resolveTopic, type ResolvedTopic } from './topicKind'
import { warmUp } from './warmUp'
import {
  DEFAULT_SIMULATOR_OPTIONS,
  type ClientMessage,
  type ConnectionEvent,
  type ConnectionInfo,
  type DexSimulatorOptions,
} from './types'

const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * A local WebSocket server that speaks the Binance DEX protocol (PROTOCOL.md sections 1 and 2): the same URL
 * forms, control messages, `{stream, data}` envelope, pings and connection lifetime rules. Tests and demos
 * publish frames into it, watch what clients send, and inject faults (drops, refusals, half-open sockets).
 *
 * ```ts
 * const sim = await DexSimulator.start({ market: false })
 * const dex = new DexSocket({ url: sim.url })
 * dex.trades('BNB_BTCB-1DE').subscribe(console.log)
 * sim.publish('trades', [{ e: 'trade', E: 1, s: 'BNB_BTCB-1DE', t: '1-0', p: '0.1', q: '1' }])
 * await sim.stop()
 * ```
 * @since 0.1.0
 */
export class DexSimulator {
  private readonly host: string
  private readonly requestedPort: number
  private readonly timings: ConnectionRules
  private readonly wss: WebSocketServer
  private readonly warmUpMs: number
  private readonly replay: TapeReplay | undefined
  private readonly open = new Map<number, SimConnection>()
  private readonly handshakes = new Set<Duplex>()
  private readonly messages = new Subject<ClientMessage>()
  private readonly events = new Subject<ConnectionEvent>()
  private server: Server | undefined
  private listeningPort: number | undefined
  private starting: Promise<this> | undefined
  private stopping: Promise<void> | undefined
  private refusing = false
  private nextId = 1
  private stopMarket: (() => void) | undefined

  /**
   * The simulated market feeding the streams (absent with `market: false`): a block every
   * `blockIntervalMs`, tickers and klines every second, from `start()` until `stop()`. Its `addresses`
   * are the accounts whose `orders`, `accounts` and `transfers` move.
   */
  readonly market?: SimulatedMarket

  /** Every message any client sent, parsed when it is JSON. Completes on `stop()`. */
  readonly messages$: Observable<ClientMessage> = this.messages.asObservable()
  /** Connections opening and closing. Completes on `stop()`, which does not report the closes it causes. */
  readonly connections$: Observable<ConnectionEvent> = this.events.asObservable()

  /** Throws `DexInputError` naming the first bad option. */
  constructor(options: DexSimulatorOptions = {}) {
    const defaults = DEFAULT_SIMULATOR_OPTIONS
    // Node fires a longer timer after 1 ms, which would close every connection at once.
    const duration = (name: keyof ConnectionTimings): number =>
      checkNumber(name, options[name] ?? defaults[name], 1, MAX_TIMER_MS)
    this.host = options.host ?? defaults.host
    this.requestedPort = checkNumber('port', options.port ?? defaults.port, 0, 65_535)
    const limits = resolveLimits(options.limits)
    this.timings = {
      pingIntervalMs: duration('pingIntervalMs'),
      keepAliveExpiryMs: duration('keepAliveExpiryMs'),
      noSubscriptionTimeoutMs: duration('noSubscriptionTimeoutMs'),
      ...limits,
    }
    this.warmUpMs = checkNumber('warmUpMs', options.warmUpMs ?? defaults.warmUpMs, 0, 7 * 24 * 3_600_000)
    this.wss = new WebSocketServer({
      noServer: true,
      autoPong: false,
      clientTracking: false,
      maxPayload: limits.maxMessageBytes,
      // Negotiated only with clients that offer it; the real servers needed it for marketDepth1000.
      perMessageDeflate: options.deflate ?? defaults.deflate,
    })
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

  /** Creates a simulator and waits until it listens. */
  static start(options?: DexSimulatorOptions): Promise<DexSimulator> {
    return new DexSimulator(options).start()
  }

  /** Starts listening; resolves with the simulator once `url` and `port` can be read. */
  start(): Promise<this> {
    if (this.stopping) {
      return Promise.reject(new Error('DexSimulator: a stopped simulator cannot be restarted'))
    }
    this.starting ??= new Promise<this>((resolve, reject) => {
      if (this.market) warmUp(this.market, this.warmUpMs)
      const server = createServer((req, res) => serveRest(req, res, this.market))
      server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head))
      server.once('error', reject)
      server.listen(this.requestedPort, this.host, () => {
        server.off('error', reject)
        // Later server errors (say, running out of file descriptors) must not crash the process.
        server.on('error', () => undefined)
        this.listeningPort = (server.address() as AddressInfo).port
        if (this.market && !this.stopping) this.stopMarket = runMarket(this.market, this)
        resolve(this)
      })
      this.server = server
    })
    return this.starting
  }

  /** The API base to give a client, `ws://127.0.0.1:<port>/api/`. Throws before `start()` resolved. */
  get url(): string {
    return `ws://${connectableHost(this.host)}:${this.port}/api/`
  }

  /** The port the server listens on. Throws before `start()` resolved. */
  get port(): number {
    if (this.listeningPort === undefined) {
      throw new Error('DexSimulator is not listening yet: await start() first')
    }
    return this.listeningPort
  }

  /**
   * Sends `{stream, data}` to every connection subscribed to `stream` and to the symbol(s) in `data`. An
   * array is cut down per connection to its symbols; `$all` topics go to all their subscribers; a user topic
   * goes to every connection following it, whatever its address (see `publishToAddress`). Throws
   * `DexInputError` for a stream the server does not have. Returns how many connections got the frame.
   */
  publish(stream: string, data: unknown): number {
    return this.deliver(this.topicOf(stream), data)
  }

  /** Sends a user-topic frame to the connections following that topic for `address`. */
  publishToAddress(address: string, stream: 'orders' | 'accounts' | 'transfers', data: unknown): number {
    const resolved = this.topicOf(stream)
    if (resolved.kind !== 'user') throw new DexInputError(`"${stream}" is not a user topic`, stream)
    return this.deliver(resolved, data, address.toLowerCase())
  }

  /** Whether any open connection follows `stream` (for that symbol or address, when one is given). */
  hasSubscribers(stream: string, symbolOrAddress?: string): boolean {
    const resolved = resolveTopic(stream)
    if (resolved === undefined) return false
    const key = keyFor(resolved, symbolOrAddress)
    return [...this.open.values()].some((c) => c.isOpen && c.subscriptions.has(resolved.topic, key))
  }

  /** Sends `text` as it is (not JSON-checked) to every live connection the filter accepts. */
  sendRaw(text: string, connectionFilter: (c: ConnectionInfo) => boolean = () => true): number {
    const picked = [...this.open.values()].filter((c) => c.isOpen && connectionFilter(c.info()))
    return picked.filter((c) => c.send(text)).length
  }

  /**
   * Drops every open connection: with a close frame (`code`, default 1001 "going away") or, with
   * `abrupt: true`, by destroying the TCP socket so the client sees 1006. Frozen connections drop too.
   */
  dropConnections(options: { code?: number; abrupt?: boolean } = {}): number {
    const live = [...this.open.values()].filter((c) => c.isOpen)
    for (const c of live) {
      if (options.abrupt) c.terminate()
      else c.drop(options.code ?? 1001, 'dropped by DexSimulator')
    }
    return live.length
  }

  /** While on, new upgrade requests are answered with HTTP 503; open connections are not touched. */
  refuseConnections(refuse: boolean): void {
    this.refusing = refuse
  }

  /**
   * `true` turns every connection open now half-open: the socket stays up but the server sends nothing on
   * it, neither data, pings, pongs, error frames nor its own closes (those wait for the thaw). Connections
   * opened afterwards are live, as after a real half-open failure. `false` thaws them all.
   */
  freeze(frozen: boolean): void {
    for (const c of this.open.values()) c.freeze(frozen)
  }

  /** A snapshot of the open connections. */
  connections(): ConnectionInfo[] {
    return [...this.open.values()].filter((c) => c.isOpen).map((c) => c.info())
  }

  /** Terminates every client, clears every timer and closes the server; completes the observables. */
  stop(): Promise<void> {
    this.stopping ??= new Promise<void>((resolve) => {
      this.stopMarket?.()
      this.replay?.stop()
      for (const c of this.open.values()) c.terminate()
      for (const socket of this.handshakes) socket.destroy()
      this.wss.close()
      const finish = (): void => {
        this.messages.complete()
        this.events.complete()
        resolve()
      }
      if (this.server === undefined) return finish()
      this.server.close(() => finish())
      this.server.closeAllConnections()
    })
    return this.stopping
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const parsed = parsePath(req.url ?? '/')
    if (this.stopping || this.refusing || parsed === undefined) {
      return rejectUpgrade(socket, parsed === undefined ? 404 : 503)
    }
    if (parsed.subscriptions.length > this.timings.maxSubscriptions) return rejectUpgrade(socket, 400)
    this.handshakes.add(socket)
    // A handshake `ws` refuses (a bad key or version) ends here, without reaching the callback below.
    socket.once('close', () => this.handshakes.delete(socket))
    socket.on('error', () => socket.destroy())
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.handshakes.delete(socket)
      if (this.stopping) return ws.terminate()
      const id = this.nextId++
      const path = req.url ?? '/'
      const connection = new SimConnection(id, path, ws, this.timings, parsed.subscriptions, (m) => {
        this.messages.next(m)
        this.kickReplay(connection)
      })
      this.open.set(id, connection)
      ws.on('close', (code, reason) => {
        this.open.delete(id)
        if (this.stopping) return
        const forced = connection.forcedClose
        const closed = forced ?? { code, reason: reason.toString() }
        this.events.next({ type: 'close', connectionId: id, ...closed })
      })
      this.events.next({ type: 'open', connectionId: id, path })
      this.kickReplay(connection)
    })
  }

  /** A tape starts playing with the first subscription, so that its first frames have a receiver. */
  private kickReplay(connection: SimConnection): void {
    this.replay?.kick(this.replaySink, !this.stopping && !connection.subscriptions.isEmpty)
  }

  private readonly replaySink = {
    deliverFrame: (frame: ReplayFrame): number =>
      this.deliver(frame.topic, frame.data, frame.address, frame.text),
  }

  private topicOf(stream: string): ResolvedTopic {
    const resolved = resolveTopic(stream)
    if (resolved === undefined) throw new DexInputError(`Unknown stream "${stream}"`, stream)
    return resolved
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

/** A wildcard listen address is not one a client can dial; IPv6 literals need brackets in a URL. */
function connectableHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}
