import { filter, finalize, merge, Observable, ReplaySubject, share, Subject } from 'rxjs'
import type {
  AccountUpdate,
  DepthSnapshot,
  DepthUpdate,
  Kline,
  MiniTicker,
  OrderUpdate,
  Ticker,
  Trade,
  TransferUpdate,
} from './codecs'
import { DexConnectionError, DexDecodeError, type DexError } from './errors'
import type { KlineInterval } from './KlineInterval'
import type { RawMessage } from './facade/types'
import { Link, MARKET } from './internal/Link'
import { bookStream, checkOrderBookOptions, type OrderBookFrameError } from './internal/orderBook/keepOrderBook'
import { ORDER_BOOK_OPTION_KEYS, type OrderBookOptions } from './internal/orderBook/OrderBookOptions'
import type { OrderBook } from './internal/orderBook/OrderBook'
import { resolveOptions, type ResolvedOptions } from './internal/resolveOptions'
import {
  ALL,
  depthSpec,
  topicSpec,
  type DepthLevels,
  type EventOf,
  type TopicName,
  type TopicSpec,
  type UserTopic,
} from './internal/topicTable'
import type { ConnectionStatus, DexSocketOptions } from './internal/types'
import { checkAddress, checkInterval, checkSymbol } from './internal/validate'

export type { DepthLevels, OrderBookOptions, UserTopic }

/**
 * Every Binance DEX WebSocket stream as a cold, typed Observable.
 *
 * Market streams for any number of symbols share one connection; each address gets its own (the server keeps
 * one address per connection). Subscriptions are reference-counted per topic and key: the subscribe message
 * goes out with the first observer, the unsubscribe with the last, and a connection with nothing left is
 * closed. Dropped connections are reconnected with backoff and their subscriptions re-sent.
 *
 * ```ts
 * // The URL `npx binance-dex-rx simulate` prints; the public service behind the defaults was shut down in 2023.
 * const dex = new DexSocket({ url: 'ws://127.0.0.1:8090/api/' })
 * dex.trades('BNB_BTCB-1DE').subscribe((t) => console.log(t.price, t.quantity))
 * const height = await firstValueFrom(dex.blockHeight())
 * ```
 * @since 0.1.0
 */
export class DexSocket {
  /** Connection lifecycle events (hot; no replay). */
  readonly status$: Observable<ConnectionStatus>
  /** What went wrong without ending the streams: bad frames, server errors, drops (hot; no replay). */
  readonly errors$: Observable<DexError>

  /** @internal */
  private readonly statusSubject = new Subject<ConnectionStatus>()
  /** @internal */
  private readonly errorSubject = new Subject<DexError>()
  /** @internal */
  private readonly links = new Map<string, Link>()
  /** @internal */
  private readonly books = new Map<string, Observable<OrderBook>>()
  /** @internal */
  private readonly options: ResolvedOptions
  /** @internal */
  private closed = false

  constructor(options?: DexSocketOptions) {
    this.options = resolveOptions(options)
    this.status$ = this.statusSubject.asObservable()
    this.errors$ = this.errorSubject.asObservable()
  }

  // -------------------------------------------------------------------------------------------------
  // user streams (one connection per address)
  // -------------------------------------------------------------------------------------------------

  /** Balance changes of `address` (topic `accounts`). @since 0.1.0 */
  accounts(address: string): Observable<AccountUpdate> {
    return this.userStream('accounts', address)
  }

  /** Order events of `address`, one emission per event (topic `orders`). @since 0.1.0 */
  orders(address: string): Observable<OrderUpdate> {
    return this.userStream('orders', address)
  }

  /** Transfers from or to `address` (topic `transfers`). @since 0.1.0 */
  transfers(address: string): Observable<TransferUpdate> {
    return this.userStream('transfers', address)
  }

  /** Accounts, orders and transfers of `address` together, told apart by `eventType`. @since 0.1.0 */
  userEvents(address: string): Observable<AccountUpdate | OrderUpdate | TransferUpdate> {
    return merge(this.accounts(address), this.orders(address), this.transfers(address))
  }

  // -------------------------------------------------------------------------------------------------
  // market streams (one shared connection)
  // -------------------------------------------------------------------------------------------------

  /** Trades of `symbol`, one emission per trade. @since 0.1.0 */
  trades(symbol: string): Observable<Trade> {
    return this.marketStream('trades', symbol)
  }

  /** Per-block order book changes of `symbol`; a zero quantity removes a level. @since 0.1.0 */
  marketDiff(symbol: string): Observable<DepthUpdate> {
    return this.marketStream('marketDiff', symbol)
  }

  /** Top-`levels` order book snapshots of `symbol` (20, 100, 500 or 1000; default 20). @since 0.1.0 */
  marketDepth(symbol: string, levels: DepthLevels = 20): Observable<DepthSnapshot> {
    const sym = checkSymbol(symbol)
    return this.stream(MARKET, depthSpec(levels), sym) as Observable<DepthSnapshot>
  }

  /**
   * A local order book of `symbol`, kept from marketDepth snapshots and marketDiff updates, emitted after
   * every change. Seeds from the first snapshot; later snapshots replace the levels inside their range.
   * Prices compare exactly. A crossed update, a bad frame or a reconnect marks the book `inSync: false`
   * until the next snapshot. Observers with the same symbol and options share one book (a late observer
   * gets the current book at once), and every book shares the ref-counted marketDepth/marketDiff
   * subscriptions. Bad levels are reported on `errors$` as `DexDecodeError`.
   *
   * ```ts
   * dex.orderBook('BNB_BTCB-1DE', { depth: 10, throttleMs: 100 })
   *   .pipe(filter((book) => book.inSync))
   *   .subscribe(({ bids, asks }) => console.log(bids[0], asks[0]))
   * ```
   * @throws DexInputError for a bad symbol, `depth`, `throttleMs`, `levels` or `maxLevels`, synchronously.
   * @since 0.1.0
   */
  orderBook(symbol: string, options: OrderBookOptions = {}): Observable<OrderBook> {
    const sym = checkSymbol(symbol)
    const levels = options.levels ?? 20
    const topic = depthSpec(levels).name
    checkOrderBookOptions(options)
    this.assertOpen()
    const report = (e: OrderBookFrameError): void => {
      const from = e.from === 'diff' ? 'marketDiff' : topic
      this.errorSubject.next(new DexDecodeError(`orderBook ${sym}: ${e.reason}`, from, e.reason, e.raw))
    }
    // A drop may lose diffs: the book must not trust itself again before the new connection's snapshot.
    const drops = this.status$.pipe(filter((s) => s.connection === MARKET && s.state === 'reconnecting'))
    const settings: OrderBookOptions = { ...options, levels }
    const key = [sym, ...ORDER_BOOK_OPTION_KEYS.map((k) => settings[k] ?? '')].join('|')
    return new Observable<OrderBook>((subscriber) => {
      let shared = this.books.get(key)
      if (!shared) {
        const book$ = bookStream(sym, this.marketDepth(sym, levels), this.marketDiff(sym), drops, {
          ...settings,
          scheduler: this.options.scheduler,
          onError: report,
        })
        const created: Observable<OrderBook> = book$.pipe(
          // Only books with observers stay in the map, so it cannot grow with symbols no longer watched.
          finalize(() => {
            if (this.books.get(key) === created) this.books.delete(key)
          }),
          share({ connector: () => new ReplaySubject<OrderBook>(1) }),
        )
        this.books.set(key, (shared = created))
      }
      return shared.subscribe(subscriber)
    })
  }

  /** Candlesticks of `symbol` for `interval`, pushed every second. @since 0.1.0 */
  klines(symbol: string, interval: KlineInterval): Observable<Kline> {
    const sym = checkSymbol(symbol)
    return this.marketStream(`kline_${checkInterval(interval)}`, sym)
  }

  /** 24-hour statistics of `symbol`, every second. @since 0.1.0 */
  ticker(symbol: string): Observable<Ticker> {
    return this.marketStream('ticker', symbol)
  }

  /** 24-hour statistics of every symbol, one array per push. @since 0.1.0 */
  allTickers(): Observable<readonly Ticker[]> {
    return this.marketStream('allTickers')
  }

  /** Condensed 24-hour statistics of `symbol`. @since 0.1.0 */
  miniTicker(symbol: string): Observable<MiniTicker> {
    return this.marketStream('miniTicker', symbol)
  }

  /** Condensed 24-hour statistics of every symbol, one array per push. @since 0.1.0 */
  allMiniTickers(): Observable<readonly MiniTicker[]> {
    return this.marketStream('allMiniTickers')
  }

  /** The chain's block height, on every block. @since 0.1.0 */
  blockHeight(): Observable<number> {
    return this.marketStream('blockheight')
  }

  /**
   * Ends everything: sends `{"method":"close"}` on every open connection, closes them, and completes every
   * stream, `status$` and `errors$`. Later stream calls throw `DexConnectionError`; a second call does nothing.
   * @since 0.1.0
   */
  close(): void {
    this.end()
  }

  /**
   * @internal
   * `close()`, but every open stream errors with `error` instead of completing: a replayed tape that
   * turned out unreadable must not look like one that ended.
   */
  end(error?: DexError): void {
    if (this.closed) return
    this.closed = true
    const links = [...this.links.values()]
    this.links.clear()
    this.books.clear()
    for (const link of links) link.close(error)
    this.statusSubject.complete()
    this.errorSubject.complete()
  }

  // -------------------------------------------------------------------------------------------------
  // internals
  // -------------------------------------------------------------------------------------------------

  /** @internal */
  private userStream<K extends UserTopic>(topic: K, address: string): Observable<EventOf<K>> {
    const addr = checkAddress(address, this.options.prefixes)
    return this.stream(addr, spec(topic), '')
  }

  /** A market topic for `symbol` (checked here), or for the whole market when the topic is keyed by `$all`. */
  /** @internal */
  private marketStream<K extends TopicName>(topic: K, symbol?: string): Observable<EventOf<K>> {
    const s = spec(topic)
    return this.stream(MARKET, s, s.kind === 'all' ? ALL : checkSymbol(symbol))
  }

  /**
   * @internal
   * The seed facade's view: the `{stream, data}` messages behind a stream, sharing its connection, wire
   * subscription and validation. `key` is the symbol (market topics, `$all` for all-market ones) or the address.
   */
  rawMessages(topic: TopicName, key: string): Observable<RawMessage> {
    const s = spec(topic)
    if (s.kind === 'user') return this.stream(checkAddress(key, this.options.prefixes), s, '', true)
    return this.stream(MARKET, s, s.kind === 'all' ? ALL : checkSymbol(key), true)
  }

  /** Every stream: the link's channel for this topic and key, opened lazily on the link of `linkName`. */
  /** @internal */
  private stream<T>(linkName: string, topic: TopicSpec, key: string, raw = false): Observable<T> {
    this.assertOpen()
    return new Observable<T>((subscriber) => {
      if (this.closed) return subscriber.error(closedError())
      return this.link(linkName).observe<T>(topic, key, raw).subscribe(subscriber)
    })
  }

  /** @internal */
  private link(name: string): Link {
    let link = this.links.get(name)
    if (!link) {
      link = new Link(name, this.options, {
        status: (status) => this.statusSubject.next(status),
        error: (error) => this.errorSubject.next(error),
        gone: (gone) => {
          if (this.links.get(name) === gone) this.links.delete(name)
        },
      })
      this.links.set(name, link)
    }
    return link
  }

  /** @internal */
  private assertOpen(): void {
    if (this.closed) throw closedError()
  }
}

function closedError(): DexConnectionError {
  return new DexConnectionError('This DexSocket is closed; create a new one to stream again')
}

function spec(topic: TopicName): TopicSpec {
  return topicSpec(topic) as TopicSpec
}
