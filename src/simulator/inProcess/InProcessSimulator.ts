import { inProcessHost } from '../../internal/inProcessUrl'
import { SimulatorControls } from '../SimulatorControls'
import { SimulatorCore } from '../SimulatorCore'
import type { DexSimulatorOptions } from '../types'
import { InProcessWebSocket, ServerEnd, type ClientEnd, type Switchboard } from './InProcessWebSocket'
import { Mailbox } from './Mailbox'

/**
 * Options of {@link startInProcess}: those of `DexSimulator` but the listening address and compression,
 * since nothing listens and frames never leave memory. Every time is in milliseconds. Of the `limits`,
 * `maxSubscriptions` and `maxErrorChars` apply; `maxBufferedBytes` and `maxMessageBytes` bound a network
 * socket's buffers and are only checked here.
 * @since 0.2.0
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
 * @since 0.2.0
 */
export class InProcessSimulator extends SimulatorControls {
  /** The API base to give a client, `ws://in-process-<n>.invalid/api/`; only `WebSocket` can reach it. */
  readonly url: string
  /** The WebSocket class that connects to this simulator; pass it as `WebSocketCtor`. */
  readonly WebSocket: InProcessWebSocketConstructor
  /** @internal */
  private readonly mailbox = new Mailbox()
  /** @internal */
  private readonly host: string
  /** @internal */
  private stopping: Promise<void> | undefined

  /**
   * Throws `DexInputError` naming the first bad option. The market warms up (`warmUpMs`) and starts at
   * once; a tape (`replay`) starts with the first subscription.
   */
  constructor(options: InProcessOptions = {}) {
    super(new SimulatorCore(options))
    this.host = inProcessHost(++instances)
    this.url = `ws://${this.host}/api/`
    const board: Switchboard = { mailbox: this.mailbox, dial: (url, client) => this.dial(url, client) }
    this.WebSocket = class WebSocket extends InProcessWebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols, board)
      }
    }
    this.core.startMarket()
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

  /** @internal */
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
 * @since 0.2.0
 */
export function startInProcess(options?: InProcessOptions): InProcessSimulator {
  return new InProcessSimulator(options)
}
