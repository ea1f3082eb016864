import { merge, type Observable } from 'rxjs'
import { DexSocket } from './DexSocket'
import { DexConnectionError } from './errors'
import type { KlineInterval } from './KlineInterval'
import { checkCallback, checkFlag, socketOptions } from './facade/checkArgs'
import { fetchForever, fetchOnce } from './facade/runFetch'
import type { FetchResult, RawMessage } from './facade/types'
import { checkInterval, checkSymbol } from './internal/validate'
import type { DexSocketOptions } from './internal/types'
import type { TopicName } from './internal/topicTable'

/**
 * A `BinanceChainSocket` callback: gets every message and the facade that delivered it. Whatever it throws
 * is caught: it rejects a one-off call's Promise, and is printed with `console.error` for a long-lived one.
 * @since 0.1.0
 */
export type MessageCallback = (message: RawMessage, socket: BinanceChainSocket) => void

/**
 * The interface of the Python package `binance_dex.sockets.BinanceChainSocket`, for people coming from it:
 * the same `fetch*` methods with the same positional arguments, delivering the same raw `{stream, data}`
 * messages. It is a thin layer over {@link DexSocket}: one shared market connection, the same decoding and
 * validation, the same reconnection, keepAlive and stale detection.
 *
 * Every `fetch*` method takes `oneOff` (default `true`) and an optional `callback(message, socket)`:
 * - one-off calls return a `Promise` of the first message and then release the subscription (a connection
 *   left without subscriptions closes);
 * - long-lived calls (`oneOff: false`) return a {@link StreamHandle} whose `close()` ends them;
 * - without a callback each message is printed (`console.log`, as JSON text with exact big integers).
 *
 * Bad arguments (a symbol, address or interval the server would refuse, a non-boolean `oneOff`) throw
 * `DexInputError` synchronously and nothing is sent; so does any call after `close()`, with
 * `DexConnectionError`. A one-off Promise rejects with the `DexConnectionError` that ended its stream
 * (reconnection off or out of attempts), with `DexConnectionError` when `socket.close()` came first, or
 * with what the callback threw. With reconnection on (the default) a drop is healed and the call waits.
 *
 * ```ts
 * // A local simulator's URL: `true` (testnet) and `false` (mainnet) name hosts shut down in 2023.
 * const socket = new BinanceChainSocket({ url: 'ws://127.0.0.1:8090/api/' })
 * const { data } = await socket.fetchBlockHeightUpdates() // one-off
 * const handle = socket.fetchTradesUpdates('100K-9BC_BNB', false, (message) => console.log(message.data))
 * handle.close()
 * socket.close()
 * ```
 * @see DexSocket for the typed streams behind it; `socket.dex` is that socket.
 * @since 0.1.0
 */
export class BinanceChainSocket {
  /**
   * The {@link DexSocket} this facade runs on: its `status$` and `errors$` report on the facade's
   * connections too, and its typed streams share them. Closing it closes the facade.
   */
  readonly dex: DexSocket

  /**
   * @param isTestNet `true` for testnet (`wss://testnet-dex.binance.org/api/`), `false` (the default) for
   * mainnet, or {@link DexSocketOptions} (e.g. `{ url: sim.url }` for a local simulator).
   * @throws DexInputError for anything else, or for invalid options.
   */
  constructor(isTestNet: boolean | DexSocketOptions = false) {
    this.dex = new DexSocket(socketOptions(isTestNet))
  }

  /**
   * The personal streams of `userAddress` on one connection: `accounts`, `orders` and `transfers` messages,
   * told apart by `stream`, as in the seed. A one-off call resolves with whichever comes first.
   * @param userAddress a bech32 address (`bnb1…` on mainnet, `tbnb1…` on testnet).
   * @since 0.1.0
   */
  fetchAccountUpdates<OneOff extends boolean = true>(
    userAddress: string,
    oneOff?: OneOff,
    callback?: MessageCallback,
  ): FetchResult<OneOff> {
    const source = merge(this.raw('accounts', userAddress), this.raw('orders', userAddress), this.raw('transfers', userAddress))
    return this.fetch(source, oneOff, callback)
  }

  /** Trades of `tradingPair` (topic `trades`; `data` is an array of this pair's trades). @since 0.1.0 */
  fetchTradesUpdates<OneOff extends boolean = true>(
    tradingPair: string,
    oneOff?: OneOff,
    callback?: MessageCallback,
  ): FetchResult<OneOff> {
    return this.market('trades', tradingPair, oneOff, callback)
  }

  /** Per-block order book changes of `tradingPair` (topic `marketDiff`). @since 0.1.0 */
  fetchMarketDiffStream<OneOff extends boolean = true>(
    tradingPair: string,
    oneOff?: OneOff,
    callback?: MessageCallback,
  ): FetchResult<OneOff> {
    return this.market('marketDiff', tradingPair, oneOff, callback)
  }

  /** Top-20 order book snapshots of `tradingPair` (topic `marketDepth`). @since 0.1.0 */
  fetchMarketDepthStream<OneOff extends boolean = true>(
    tradingPair: string,
    oneOff?: OneOff,
    callback?: MessageCallback,
  ): FetchResult<OneOff> {
    return this.market('marketDepth', tradingPair, oneOff, callback)
  }

  /**
   * Candlesticks of `tradingPair` (topic `kline_<interval>`), pushed every second.
   * @param interval one of the 15 {@link KlineInterval} values, e.g. `KlineInterval.interval_1hour`.
   * @since 0.1.0
   */
  fetchKlineUpdates<OneOff extends boolean = true>(
    tradingPair: string,
    interval: KlineInterval,
    oneOff?: OneOff,
    callback?: MessageCallback,
  ): FetchResult<OneOff> {
    const symbol = checkSymbol(tradingPair)
    return this.market(`kline_${checkInterval(interval)}`, symbol, oneOff, callback)
  }

  /**
   * 24-hour statistics, every second. The topic follows the arguments, as in the seed:
   *
   * | `tradingPair` | `isFullData: true` (default) | `isFullData: false` |
   * |---|---|---|
   * | a pair | `ticker` | `miniTicker` |
   * | `undefined` or `null` | `allTickers` (`data` is an array) | `allMiniTickers` (`data` is an array) |
   * @since 0.1.0
   */
  fetchTickerStreams<OneOff extends boolean = true>(
    tradingPair?: string | null,
    isFullData?: boolean,
    oneOff?: OneOff,
    callback?: MessageCallback,
  ): FetchResult<OneOff> {
    const full = checkFlag('isFullData', isFullData, true)
    if (tradingPair === undefined || tradingPair === null) {
      return this.fetch(this.raw(full ? 'allTickers' : 'allMiniTickers', '$all'), oneOff, callback)
    }
    return this.market(full ? 'ticker' : 'miniTicker', tradingPair, oneOff, callback)
  }

  /** The chain's block height, on every block (topic `blockheight`; `data` is `{ h }`). @since 0.1.0 */
  fetchBlockHeightUpdates<OneOff extends boolean = true>(oneOff?: OneOff, callback?: MessageCallback): FetchResult<OneOff> {
    return this.fetch(this.raw('blockheight', '$all'), oneOff, callback)
  }

  /**
   * Ends everything this facade opened: pending one-off calls reject with `DexConnectionError`, long-lived
   * handles close, and `{"method":"close"}` goes out on every open connection. Later calls throw
   * `DexConnectionError`; a second `close()` does nothing.
   * @since 0.1.0
   */
  close(): void {
    this.dex.close()
  }

  /** A per-symbol market topic. The symbol is checked here: the raw channel also accepts `$all`. */
  /** @internal */
  private market<OneOff extends boolean>(
    topic: TopicName,
    tradingPair: string,
    oneOff: OneOff | undefined,
    callback: MessageCallback | undefined,
  ): FetchResult<OneOff> {
    return this.fetch(this.raw(topic, checkSymbol(tradingPair)), oneOff, callback)
  }

  /**
   * The raw channel of `topic` and `key`. A closed `DexSocket` refuses with its own name; a user of the facade
   * is told about the object they hold.
   */
  /** @internal */
  private raw(topic: TopicName, key: string): Observable<RawMessage> {
    try {
      return this.dex.rawMessages(topic, key)
    } catch (error) {
      if (!(error instanceof DexConnectionError)) throw error
      throw new DexConnectionError('This BinanceChainSocket is closed; create a new one to fetch again')
    }
  }

  /** @internal */
  private fetch<OneOff extends boolean>(
    source: Observable<RawMessage>,
    oneOff: OneOff | undefined,
    callback: MessageCallback | undefined,
  ): FetchResult<OneOff> {
    const once = checkFlag('oneOff', oneOff, true)
    const checked = checkCallback(callback)
    const deliver = checked && ((message: RawMessage) => checked(message, this))
    const result = once ? fetchOnce(source, deliver) : fetchForever(source, deliver)
    return result as FetchResult<OneOff>
  }
}
