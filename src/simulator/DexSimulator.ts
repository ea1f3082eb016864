import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import { checkNumber } from '../internal/validate'
import { SLOW_READER } from './limits'
import { rejectUpgrade } from './rejectUpgrade'
import { serveRest } from './rest/serveRest'
import type { SimConnection } from './SimConnection'
import { SimulatorControls } from './SimulatorControls'
import { SimulatorCore } from './SimulatorCore'
import { DEFAULT_SIMULATOR_OPTIONS, type DexSimulatorOptions } from './types'
import { attachWs, wsPeer } from './wsPeer'

/**
 * A local WebSocket server that speaks the Binance DEX protocol (see docs/protocol.md): the same URL
 * forms, control messages, `{stream, data}` envelope, pings and connection lifetime rules, with
 * permessage-deflate for clients that offer it and a REST subset (`/api/v1/depth`, `/api/v1/klines`,
 * `/api/v1/markets`) on the same port. Tests and demos publish frames into it, watch what clients send,
 * inject faults (drops, refusals, half-open sockets), or replay a recorded tape.
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
export class DexSimulator extends SimulatorControls {
  /** @internal */
  private readonly host: string
  /** @internal */
  private readonly requestedPort: number
  /** @internal */
  private readonly wss: WebSocketServer
  /** @internal */
  private readonly handshakes = new Set<Duplex>()
  /** @internal */
  private server: Server | undefined
  /** @internal */
  private listeningPort: number | undefined
  /** @internal */
  private starting: Promise<this> | undefined
  /** @internal */
  private stopping: Promise<void> | undefined

  /** Throws `DexInputError` naming the first bad option. */
  constructor(options: DexSimulatorOptions = {}) {
    // The core holds the protocol, the market or tape and the faults; this class adds HTTP (REST) and `ws`.
    super(new SimulatorCore(options))
    const defaults = DEFAULT_SIMULATOR_OPTIONS
    this.host = options.host ?? defaults.host
    this.requestedPort = checkNumber('port', options.port ?? defaults.port, 0, 65_535)
    this.wss = new WebSocketServer({
      noServer: true,
      autoPong: false,
      clientTracking: false,
      maxPayload: this.core.limits.maxMessageBytes,
      // Negotiated only with clients that offer it; the real servers needed it for marketDepth1000.
      perMessageDeflate: options.deflate ?? defaults.deflate,
    })
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
      const server = createServer((req, res) => serveRest(req, res, this.market))
      server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head))
      server.once('error', reject)
      server.listen(this.requestedPort, this.host, () => {
        server.off('error', reject)
        // Later server errors (say, running out of file descriptors) must not crash the process.
        server.on('error', () => undefined)
        this.listeningPort = (server.address() as AddressInfo).port
        // Warm-up runs here, before anyone can ask REST for the history it builds.
        if (!this.stopping) this.core.startMarket()
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

  /** Terminates every client, clears every timer and closes the server; completes the observables. */
  stop(): Promise<void> {
    this.stopping ??= new Promise<void>((resolve) => {
      this.core.stop()
      for (const socket of this.handshakes) socket.destroy()
      this.wss.close()
      const finish = (): void => {
        this.core.complete()
        resolve()
      }
      if (this.server === undefined) return finish()
      this.server.close(() => finish())
      this.server.closeAllConnections()
    })
    return this.stopping
  }

  /** @internal */
  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = req.url ?? '/'
    const admission = this.core.admit(path)
    if ('status' in admission) return rejectUpgrade(socket, admission.status)
    this.handshakes.add(socket)
    // A handshake `ws` refuses (a bad key or version) ends here, without reaching the callback below.
    socket.once('close', () => this.handshakes.delete(socket))
    socket.on('error', () => socket.destroy())
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.handshakes.delete(socket)
      if (this.stopping) return ws.terminate()
      // Unset only while `connect` reports the open: a send from a listener of it is checked on the next.
      let opened: SimConnection | undefined
      const slowReader = (): void => opened?.forceClose(SLOW_READER.code, SLOW_READER.reason)
      const peer = wsPeer(ws, this.core.limits.maxBufferedBytes, slowReader)
      const connection = this.core.connect(path, peer, admission.subscriptions)
      opened = connection
      attachWs(ws, connection)
      ws.on('close', (code, reason) => this.core.disconnected(connection, code, reason.toString()))
    })
  }
}

/** A wildcard listen address is not one a client can dial; IPv6 literals need brackets in a URL. */
function connectableHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}
