import type { UserTopic } from '../internal/topicTable'
import type { Observable } from 'rxjs'
import type { SimulatedMarket } from './market/SimulatedMarket'
import type { SimulatorCore } from './SimulatorCore'
import type { ClientMessage, ConnectionEvent, ConnectionInfo } from './types'

/**
 * What a test drives and watches in either simulator, the server (`DexSimulator`) and the in-process one:
 * publishing frames, injecting faults and looking at the connections. Both hand these to one shared core,
 * so a fault means the same on a TCP port and in a page.
 * @since 0.2.0
 */
export abstract class SimulatorControls {
  /**
   * The simulated market feeding the streams (absent with `market: false` or `replay`): a block every
   * `blockIntervalMs`, tickers and klines every second, until `stop()`. Its `addresses` are the accounts
   * whose `orders`, `accounts` and `transfers` move.
   */
  readonly market?: SimulatedMarket
  /** The market's symbols, or none with `market: false` or `replay`. */
  readonly symbols: readonly string[]
  /** The accounts whose `orders`, `accounts` and `transfers` move, or none with `market: false` or `replay`. */
  readonly addresses: readonly string[]
  /** Every message any client sent, parsed when it is JSON. Completes on `stop()`. */
  readonly messages$: Observable<ClientMessage>
  /** Connections opening and closing. Completes on `stop()`, which does not report the closes it causes. */
  readonly connections$: Observable<ConnectionEvent>

  /** @internal */
  protected constructor(
    /** @internal The protocol, the market or tape and the faults. */
    protected readonly core: SimulatorCore,
  ) {
    this.market = core.market
    this.symbols = core.market?.symbols ?? []
    this.addresses = core.market?.addresses ?? []
    this.messages$ = core.messages$
    this.connections$ = core.connections$
  }

  /**
   * Sends `{stream, data}` to every connection subscribed to `stream` and to the symbol(s) in `data`. An
   * array is cut down per connection to its symbols; `$all` topics go to all their subscribers; a user topic
   * goes to every connection following it, whatever its address (see `publishToAddress`). Throws
   * `DexInputError` for a stream the server does not have. Returns how many connections got the frame.
   */
  publish(stream: string, data: unknown): number {
    return this.core.publish(stream, data)
  }

  /** Sends a user-topic frame to the connections following that topic for `address`. */
  publishToAddress(address: string, stream: UserTopic, data: unknown): number {
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
   * Drops every open connection: with a close frame (`code`, default 1001 "going away") or, with
   * `abrupt: true`, without one, so the client sees an error and a close with 1006. Frozen connections
   * drop too.
   */
  dropConnections(options: { code?: number; abrupt?: boolean } = {}): number {
    return this.core.dropConnections(options)
  }

  /**
   * While on, new connections are refused (the server answers the upgrade with HTTP 503); open connections
   * are not touched.
   */
  refuseConnections(refuse: boolean): void {
    this.core.refuseConnections(refuse)
  }

  /**
   * `true` turns every connection open now half-open: the socket stays up but the server sends nothing on
   * it, neither data, pings, pongs, error frames nor its own closes (those wait for the thaw). Connections
   * opened afterwards are live, as after a real half-open failure. `false` thaws them all.
   */
  freeze(frozen: boolean): void {
    this.core.freeze(frozen)
  }

  /** A snapshot of the open connections. */
  connections(): ConnectionInfo[] {
    return this.core.connections()
  }
}
