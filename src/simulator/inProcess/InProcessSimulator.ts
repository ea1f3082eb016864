import type { Observable } from 'rxjs'
import type { SimulatedMarket } from '../market/SimulatedMarket'
import { SimulatorCore } from '../SimulatorCore'
import type { ClientMessage, ConnectionEvent, ConnectionInfo, DexSimulatorOptions } from '../types'
import { InProcessWebSocket, ServerEnd, type ClientEnd, type Switchboard } from './InProcessWebSocket'
import { Mailbox } from './Mailbox'

/**
 * Options of {@link startInProcess}: those of `DexSimulator` but the listening address and compression,
 * since nothing listens and frames never leave memory. Every time is in milliseconds. Of the `limits`,
 * `maxSubscriptions` and `maxErrorChars` apply; `maxBufferedBytes` and `maxMessageBytes` bound a network
 * socket's buffers and are only checked here.
 * @since 0.1.0
 */
export type InProcessOptions = Omit<DexSimulatorOptions, 'host' | 'port' | 'deflate'>

/** The class a simulator hands out as `sim.WebSocket`: `new sim.WebSocket(url)`, as the standard one. */
export interface InProcessWebSocketConstructor {
  new (url: string | URL, protocols?: string | string[]): InProcessWebSocket
  /** 0, as on the standard `WebSocket`. */
  readonly CONNECTING: number
  /** 1. */
  readonly OPEN: number
  /** 2. */
  readonly CLOSING: number
  /** 3. */
  readonly CLOSED: number
}

// Each simulator gets its own host, so a URL of a stopped or another simulator cannot reach this one.
let instances = 0

/**
 * The simulator without a server: the same market, protocol and faults as `DexSimulator`, reached through
 * `sim.WebSocket` instead of a port. Runs wherever JavaScript runs (browsers, Web Workers, Node, Bun, Deno).
 * Create it with {@link startInProcess}.
 *
 * What differs from the Node server: no pings or pongs travel (a browser's WebSocket never shows them), and a
 * refused or unknown URL fails as in a browser, with an `error` event (whose `message` names the HTTP
 * status, `Unexpected server response: 503`) and a `close` with 1006.
 * @since 0.1.0
 */
export class InProcessSimulator {
  /** The API base to give a client, `ws://in-process-<n>.invalid/api/`; only `WebSocket` can reach it. */
  readonly url: string
  /** The WebSocket class that connects to this simulator; pass it as `WebSocketCtor`. */
  readonly WebSocket: InProcessWebSocketConstructor
  /** The simulated market (absent with `market: false` or `replay`). */
  readonly market?: SimulatedMarket
  /** The market's symbols, or none with `market: false`. */
  readonly symbols: readonly string[]
  /** The accounts whose `orders`, `accounts` and `transfers` move, or none with `market: false`. */
  readonly addresses: readonly string[]
  /** Every message any client sent, parsed when it is JSON. Completes on `stop()`. */
  readonly messages$: Observable<ClientMessage>
  /** Connections opening and closing. Completes on `stop()`, which does not report the closes it causes. */
  readonly connections$: Observable<ConnectionEvent>
  private readonly core: SimulatorCore
  private readonly mailbox = new Mailbox()
  private readonly host: string
  private stopping: Promise<void> | undefined

  /**
   * Throws `DexInputError` naming the first bad option. The market warms up (`warmUpMs`) and starts at
   * once; a tape (`replay`) starts with the first subscription.
   */
  constructor(options: InProcessOptions = {}) {
    this.core = new SimulatorCore(options)
    this.host = `in-process-${++instances}.invalid`
    this.url = `ws://${this.host}/api/`
    this.market = this.core.market
    this.symbols = this.market?.symbols ?? []
    this.addresses = this.market?.addresses ?? []
    this.messages$ = this.core.messages$
    this.connections$ = this.core.connections$
    const board: Switchboard = { mailbox: this.mailbox, dial: (url, client) => this.dial(url, client) }
    this.WebSocket = class WebSocket extends InProcessWebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, board)
      }
    }
    this.core.startMarket()
  }

  /** See `DexSimulator.publish`: routes `{stream, data}` to the subscribers; returns how many got it. */
  publish(stream: string, data: unknown): number {
    return this.core.publish(stream, data)
  }

  /** Sends a user-topic frame to the connections following that topic for `address`. */
  publishToAddress(address: string, stream: 'orders' | 'accounts' | 'transfers', data: unknown): number {
    return this.core.publishToAddress(address, stream, data)
  }

  /** Whether any open connection follows `stream` (for that symbol or address, when one is given). */
  hasSubscribers(stream: string, symbolOrAddress?: string): boolean {
    return this.core.hasSubscribers(stream, symbolOrAddress)
  }

  /** Sends `text` as it is (not JSON-checked) to every live connection the filter accepts. */
  sendRaw(text: string, connectionFilter?: (c: ConnectionInfo) => boolean): number {
    return this.core.sendRaw(text, connectionFilter)
  }

  /**
   * Drops every open connection: with a close handshake (`code`, default 1001) or, with `abrupt: true`,
   * without one, so the client sees an `error` and a close with 1006.
   */
  dropConnections(options: { code?: number; abrupt?: boolean } = {}): number {
    return this.core.dropConnections(options)
  }

  /** While on, new connections fail (as an HTTP 503 would fail them); open connections are not touched. */
  refuseConnections(refuse: boolean): void {
    this.core.refuseConnections(refuse)
  }

  /** Half-open sockets: see `DexSimulator.freeze`. */
  freeze(frozen: boolean): void {
    this.core.freeze(frozen)
  }

  /** A snapshot of the open connections. */
  connections(): ConnectionInfo[] {
    return this.core.connections()
  }

  /**
   * Stops the market, drops every client (1006) and clears every timer; resolves once the clients have
   * seen their close events, and completes the observables. Later connections fail.
   */
  stop(): Promise<void> {
    this.stopping ??= new Promise<void>((resolve) => {
      this.core.stop()
      this.mailbox.post(() => {
        this.core.complete()
        resolve()
      })
    })
    return this.stopping
  }

  private dial(url: URL, client: ClientEnd): ServerEnd | string {
    if (url.host !== this.host || this.stopping) return `no in-process simulator at ${url.origin}`
    const path = url.pathname + url.search
    const admission = this.core.admit(path)
    if ('status' in admission) return `Unexpected server response: ${admission.status}`
    const server = new ServerEnd(client, this.mailbox, (c, code, reason) => this.core.disconnected(c, code, reason))
    server.attach(this.core.connect(path, server, admission.subscriptions))
    return server
  }
}

/**
 * Starts a simulator in this process, with no server and no port.
 *
 * ```ts
 * const sim = startInProcess({ market: { seed: 1 } })
 * const dex = new DexSocket({ url: sim.url, WebSocketCtor: sim.WebSocket })
 * dex.trades(sim.symbols[0]).subscribe(console.log)
 * // later: dex.close(); await sim.stop()
 * ```
 * @since 0.1.0
 */
export function startInProcess(options?: InProcessOptions): InProcessSimulator {
  return new InProcessSimulator(options)
}
