// A stranger's program against the published declarations (dist/*.d.ts, dist/*.d.cts), compiled by
// spec/package/types.spec.ts under node16 ESM, node16 CJS and bundler resolution. Every public type is
// imported and every field is checked for its exact type, so a type that became `any`, lost a field or
// changed shape fails to compile. Not part of the repository's own typecheck: it needs the built dist/.
import { Observable } from 'rxjs'
import {
  BinanceChainSocket,
  DexConnectionError,
  DexDecodeError,
  DexError,
  DexInputError,
  DexServerError,
  DexSocket,
  KlineInterval,
  isKlineInterval,
  type AccountUpdate,
  type Balance,
  type ConnectionStatus,
  type Decimal,
  type DepthLevels,
  type DepthSnapshot,
  type DepthUpdate,
  type DexLogger,
  type DexSocketOptions,
  type FetchResult,
  type Kline,
  type MessageCallback,
  type MiniTicker,
  type OrderBook,
  type OrderBookOptions,
  type OrderStatus,
  type OrderUpdate,
  type PriceLevel,
  type RawMessage,
  type ReconnectOptions,
  type StreamHandle,
  type TickType,
  type Ticker,
  type Trade,
  type TransferOutput,
  type TransferUpdate,
  type WebSocketConstructor,
  type WebSocketLike,
} from 'binance-dex-rx'
import * as published from 'binance-dex-rx'

// ---- exact-type checks: `is<Actual, Expected>()` compiles only when both are the same type (readonly-ness
// of arrays and tuples aside, which is the implementer's choice) and Actual is not `any`.
type IsAny<T> = 0 extends 1 & T ? true : false
type Norm<T> = T extends readonly unknown[] ? Readonly<T> : T
type Same<A, B> = [Norm<A>] extends [Norm<B>] ? ([Norm<B>] extends [Norm<A>] ? true : false) : false
declare function is<A, B>(
  ...proof: IsAny<A> extends true ? [never] : Same<A, B> extends true ? [] : [never]
): void
type Emits<O> = O extends Observable<infer T> ? T : never
type Item<A> = A extends readonly (infer E)[] ? E : never

type OrderStatusText =
  | 'Ack'
  | 'Canceled'
  | 'Expired'
  | 'IocNoFill'
  | 'IocExpire'
  | 'PartialFill'
  | 'FullyFill'
  | 'FailedBlocking'
  | 'FailedMatching'
  | 'Unknown'
type TickTypeText = 'Unknown' | 'SellTaker' | 'BuyTaker' | 'BuySurplus' | 'SellSurplus' | 'Neutral'
type Interval =
  | '1m'
  | '3m'
  | '5m'
  | '15m'
  | '30m'
  | '1h'
  | '2h'
  | '4h'
  | '6h'
  | '8h'
  | '12h'
  | '1d'
  | '3d'
  | '1w'
  | '1M'

// ---- primitives
is<Decimal, string>()
is<PriceLevel, readonly [string, string]>()
is<OrderStatus, OrderStatusText>()
is<TickType, TickTypeText>()
is<KlineInterval, Interval>()
is<typeof KlineInterval.interval_1min, '1m'>()
is<typeof KlineInterval.interval_1month, '1M'>()

// ---- event types, field by field
is<Trade['eventType'], 'trade'>()
is<Trade['height'], number>()
is<Trade['symbol'], string>()
is<Trade['tradeId'], string>()
is<Trade['price'], Decimal>()
is<Trade['quantity'], Decimal>()
is<Trade['buyerOrderId'], string>()
is<Trade['sellerOrderId'], string>()
is<Trade['tradeTime'], bigint>()
is<Trade['sellerAddress'], string>()
is<Trade['buyerAddress'], string>()
is<Trade['tickType'], TickType | undefined>()

is<OrderUpdate['eventType'], 'executionReport'>()
is<OrderUpdate['height'], number>()
is<OrderUpdate['symbol'], string>()
is<OrderUpdate['side'], 'buy' | 'sell'>()
is<OrderUpdate['orderType'], 'limit' | 'market'>()
is<OrderUpdate['timeInForce'], 'GTE' | 'IOC'>()
is<OrderUpdate['quantity'], Decimal>()
is<OrderUpdate['price'], Decimal>()
is<OrderUpdate['executionType'], string>()
is<OrderUpdate['status'], OrderStatus>()
is<OrderUpdate['orderId'], string>()
is<OrderUpdate['lastExecutedQuantity'], Decimal>()
is<OrderUpdate['cumulativeFilledQuantity'], Decimal>()
is<OrderUpdate['lastExecutedPrice'], Decimal>()
is<OrderUpdate['fee'], string>()
is<OrderUpdate['transactionTime'], bigint>()
is<OrderUpdate['tradeId'], string>()
is<OrderUpdate['orderCreationTime'], bigint>()

is<AccountUpdate['eventType'], 'outboundAccountInfo'>()
is<AccountUpdate['height'], number>()
is<AccountUpdate['balances'], readonly Balance[]>()
is<Balance['asset'], string>()
is<Balance['free'], Decimal>()
is<Balance['locked'], Decimal>()
is<Balance['frozen'], Decimal>()

is<TransferUpdate['eventType'], 'outboundTransferInfo'>()
is<TransferUpdate['height'], number>()
is<TransferUpdate['txHash'], string>()
is<TransferUpdate['memo'], string>()
is<TransferUpdate['from'], string>()
is<Item<TransferUpdate['outputs']>['to'], string>()
is<Item<Item<TransferUpdate['outputs']>['coins']>['asset'], string>()
is<Item<Item<TransferUpdate['outputs']>['coins']>['amount'], Decimal>()

is<DepthUpdate['eventType'], 'depthUpdate'>()
is<DepthUpdate['time'], number>()
is<DepthUpdate['symbol'], string>()
is<DepthUpdate['bids'], readonly PriceLevel[]>()
is<DepthUpdate['asks'], readonly PriceLevel[]>()

is<DepthSnapshot['lastUpdateId'], number>()
is<DepthSnapshot['symbol'], string>()
is<DepthSnapshot['bids'], readonly PriceLevel[]>()
is<DepthSnapshot['asks'], readonly PriceLevel[]>()

is<Kline['eventType'], 'kline'>()
is<Kline['time'], number>()
is<Kline['symbol'], string>()
is<Kline['openTime'], number>()
is<Kline['closeTime'], number>()
is<Kline['interval'], KlineInterval>()
is<Kline['firstTradeId'], string>()
is<Kline['lastTradeId'], string>()
is<Kline['open'], Decimal>()
is<Kline['close'], Decimal>()
is<Kline['high'], Decimal>()
is<Kline['low'], Decimal>()
is<Kline['volume'], Decimal>()
is<Kline['quoteVolume'], Decimal>()
is<Kline['trades'], number>()
is<Kline['closed'], boolean>()

is<Ticker['eventType'], '24hrTicker'>()
is<Ticker['time'], number>()
is<Ticker['symbol'], string>()
is<Ticker['priceChange'], Decimal>()
is<Ticker['priceChangePercent'], Decimal>()
is<Ticker['weightedAvgPrice'], Decimal>()
is<Ticker['prevClosePrice'], Decimal>()
is<Ticker['lastPrice'], Decimal>()
is<Ticker['lastQuantity'], Decimal>()
is<Ticker['bestBidPrice'], Decimal>()
is<Ticker['bestBidQuantity'], Decimal>()
is<Ticker['bestAskPrice'], Decimal>()
is<Ticker['bestAskQuantity'], Decimal>()
is<Ticker['open'], Decimal>()
is<Ticker['high'], Decimal>()
is<Ticker['low'], Decimal>()
is<Ticker['volume'], Decimal>()
is<Ticker['quoteVolume'], Decimal>()
is<Ticker['openTime'], number>()
is<Ticker['closeTime'], number>()
is<Ticker['firstTradeId'], string>()
is<Ticker['lastTradeId'], string>()
is<Ticker['trades'], number>()

is<MiniTicker['eventType'], '24hrMiniTicker'>()
is<MiniTicker['time'], number>()
is<MiniTicker['symbol'], string>()
is<MiniTicker['lastPrice'], Decimal>()
is<MiniTicker['open'], Decimal>()
is<MiniTicker['high'], Decimal>()
is<MiniTicker['low'], Decimal>()
is<MiniTicker['volume'], Decimal>()
is<MiniTicker['quoteVolume'], Decimal>()

is<OrderBook['symbol'], string>()
is<OrderBook['bids'], readonly PriceLevel[]>()
is<OrderBook['asks'], readonly PriceLevel[]>()
is<OrderBook['inSync'], boolean>()

// ---- what each stream method emits
declare const dex: DexSocket
is<Emits<ReturnType<DexSocket['accounts']>>, AccountUpdate>()
is<Emits<ReturnType<DexSocket['orders']>>, OrderUpdate>()
is<Emits<ReturnType<DexSocket['transfers']>>, TransferUpdate>()
is<Emits<ReturnType<DexSocket['userEvents']>>, AccountUpdate | OrderUpdate | TransferUpdate>()
is<Emits<ReturnType<DexSocket['trades']>>, Trade>()
is<Emits<ReturnType<DexSocket['marketDiff']>>, DepthUpdate>()
is<Emits<ReturnType<DexSocket['marketDepth']>>, DepthSnapshot>()
is<Emits<ReturnType<DexSocket['klines']>>, Kline>()
is<Emits<ReturnType<DexSocket['ticker']>>, Ticker>()
is<Emits<ReturnType<DexSocket['allTickers']>>, readonly Ticker[]>()
is<Emits<ReturnType<DexSocket['miniTicker']>>, MiniTicker>()
is<Emits<ReturnType<DexSocket['allMiniTickers']>>, readonly MiniTicker[]>()
is<Emits<ReturnType<DexSocket['blockHeight']>>, number>()
is<Emits<ReturnType<DexSocket['orderBook']>>, OrderBook>()
is<Emits<typeof dex.status$>, ConnectionStatus>()
is<Emits<typeof dex.errors$>, DexError>()
is<Parameters<DexSocket['marketDepth']>[1], DepthLevels | undefined>()
is<DepthLevels, 20 | 100 | 500 | 1000>()
// The constructor takes the options and nothing else (no internals in the published surface).
is<ConstructorParameters<typeof DexSocket>, [options?: DexSocketOptions]>()

// ---- options and status
const logger: DexLogger = { debug() {}, info() {}, warn() {}, error() {} }
const reconnect: ReconnectOptions = { initialDelayMs: 10, maxDelayMs: 100, maxAttempts: 3 }
const options: DexSocketOptions = {
  network: 'testnet',
  url: 'ws://127.0.0.1:1/api/',
  WebSocketCtor: class {} as unknown as WebSocketConstructor,
  reconnect,
  keepAliveIntervalMs: 1000,
  staleAfterMs: 1000,
  connectTimeoutMs: 300,
  logger,
}
is<DexSocketOptions['connectTimeoutMs'], number | undefined>()
is<DexSocketOptions['logger'], DexLogger | undefined>()
is<OrderBookOptions['maxLevels'], number | undefined>()
is<ConnectionStatus['connection'], string>()
is<ConnectionStatus['state'], 'connecting' | 'open' | 'reconnecting' | 'reconnected' | 'closed'>()
is<WebSocketLike['readyState'], number>()
export const made: DexSocket = new DexSocket(options)

// ---- issue 20: types as an editor shows them. Each check below failed to compile on the earlier shapes.
// ConnectionStatus is a union told apart by `state`; each member has the fields it always has.
type StatusIn<S> = Extract<ConnectionStatus, { readonly state: S }>
is<StatusIn<'connecting'>, { readonly connection: string; readonly state: 'connecting' }>()
is<StatusIn<'open'>, { readonly connection: string; readonly state: 'open' }>()
is<StatusIn<'reconnecting'>['attempt'], number>()
is<StatusIn<'reconnecting'>['delayMs'], number>()
is<StatusIn<'reconnecting'>['error'], DexError>()
is<StatusIn<'reconnecting'>['code'], number | undefined>()
is<StatusIn<'reconnecting'>['reason'], string | undefined>()
is<StatusIn<'reconnected'>['downtimeMs'], number>()
is<StatusIn<'closed'>['error'], DexError | undefined>()
is<StatusIn<'closed'>['code'], number | undefined>()
export function attemptOf(status: ConnectionStatus): number {
  return status.state === 'reconnecting' ? status.attempt : 0 // narrowed: a number, not number | undefined
}
// @ts-expect-error an open connection has no attempt count
export const noAttempt = (status: StatusIn<'open'>): unknown => status.attempt

// Every event is readonly, its arrays included (the modifiers count here, unlike in `is`).
type Strict<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
declare function frozen<T>(...proof: Strict<T, Readonly<T>> extends true ? [] : [never]): void
type ReadonlyList<T> = T extends unknown[] ? false : T extends readonly unknown[] ? true : false
declare function readonlyList<T>(...proof: ReadonlyList<T> extends true ? [] : [never]): void
frozen<Trade>()
frozen<OrderUpdate>()
frozen<AccountUpdate>()
frozen<Balance>()
frozen<TransferUpdate>()
frozen<TransferOutput>()
frozen<DepthUpdate>()
frozen<DepthSnapshot>()
frozen<Kline>()
frozen<Ticker>()
frozen<MiniTicker>()
frozen<OrderBook>()
readonlyList<DepthUpdate['bids']>()
readonlyList<DepthUpdate['asks']>()
readonlyList<DepthSnapshot['bids']>()
readonlyList<DepthSnapshot['asks']>()
readonlyList<AccountUpdate['balances']>()
readonlyList<TransferUpdate['outputs']>()
readonlyList<TransferOutput['coins']>()
readonlyList<OrderBook['bids']>()
readonlyList<Emits<ReturnType<DexSocket['allTickers']>>>()
readonlyList<Emits<ReturnType<DexSocket['allMiniTickers']>>>()

// No private member in the declarations: a class with one would accept only its own instances, so an
// object with exactly the public members would not be assignable.
type PublicOf<T> = { [K in keyof T]: T[K] }
declare const dexLookalike: PublicOf<DexSocket>
declare const facadeLookalike: PublicOf<BinanceChainSocket>
export const structuralDex: DexSocket = dexLookalike
export const structuralFacade: BinanceChainSocket = facadeLookalike

// WebSocketLike's handlers take typed events, not `any`.
type EventOf<K extends 'onopen' | 'onclose' | 'onerror' | 'onmessage'> = Parameters<NonNullable<WebSocketLike[K]>>[0]
is<EventOf<'onopen'>['type'], string>()
is<EventOf<'onclose'>['code'], number>()
is<EventOf<'onclose'>['reason'], string>()
is<EventOf<'onerror'>['message'], string | undefined>()
is<EventOf<'onmessage'>['data'], unknown>()
// A socket whose handlers take a richer event still fits, as the platforms' own WebSocket classes do.
interface RicherSocket extends Omit<WebSocketLike, 'onopen' | 'onmessage'> {
  onopen: ((event: { type: string; target: RicherSocket }) => void) | null
  onmessage: ((event: { type: string; data: string; origin: string }) => void) | null
}
export const richer: WebSocketConstructor = class {} as unknown as new (url: string) => RicherSocket

// A user's string narrows to KlineInterval through the guard.
is<typeof isKlineInterval, (value: unknown) => value is KlineInterval>()
export function intervalOf(text: string): KlineInterval | undefined {
  return isKlineInterval(text) ? text : undefined
}

// ---- error classes: constructors, fields, narrowing
is<DexInputError['value'], unknown>()
is<DexDecodeError['topic'], string | undefined>()
is<DexDecodeError['reason'], string>()
is<DexDecodeError['raw'], string>()
is<DexServerError['error'], unknown>()
is<DexServerError['raw'], string>()
is<DexConnectionError['connection'], string | undefined>()
is<DexConnectionError['code'], number | undefined>()
is<DexConnectionError['reason'], string | undefined>()
export function describe(error: unknown): string {
  if (error instanceof DexDecodeError) return `${error.topic ?? '?'}: ${error.reason} (${error.raw.length})`
  if (error instanceof DexServerError) return `${String(error.error)} ${error.raw}`
  if (error instanceof DexConnectionError)
    return `${error.connection ?? '?'} ${error.code ?? 0} ${error.reason ?? ''}`
  if (error instanceof DexInputError) return `${error.message} ${String(error.value)}`
  if (error instanceof DexError) return error.name
  return 'other'
}
export const input: TypeError = new DexInputError('x', 1)

// ---- the seed-compatible facade
const facade = new BinanceChainSocket(true)
const onMessage: MessageCallback = (message: RawMessage, socket: BinanceChainSocket) =>
  void [message.stream, socket]
export const handle: StreamHandle = facade.fetchTradesUpdates('BNB_BTC.B-918', false, onMessage)
export const once: FetchResult<true> = facade.fetchBlockHeightUpdates()
is<typeof once, Promise<RawMessage>>()

// ---- event types are types only: no codec value is published under their names (read through the
// namespace, since a name imported with `type` is refused as a value whatever the declarations say)
// @ts-expect-error no value `Trade`
void published.Trade
// @ts-expect-error no value `OrderUpdate`
void published.OrderUpdate
// @ts-expect-error no value `AccountUpdate`
void published.AccountUpdate
// @ts-expect-error no value `TransferUpdate`
void published.TransferUpdate
// @ts-expect-error no value `DepthUpdate`
void published.DepthUpdate
// @ts-expect-error no value `DepthSnapshot`
void published.DepthSnapshot
// @ts-expect-error no value `Kline`
void published.Kline
// @ts-expect-error no value `Ticker`
void published.Ticker
// @ts-expect-error no value `MiniTicker`
void published.MiniTicker
// @ts-expect-error no value `Balance`
void published.Balance
// @ts-expect-error no value `Decimal`
void published.Decimal
// @ts-expect-error no value `PriceLevel`
void published.PriceLevel
// @ts-expect-error no value `OrderStatus`
void published.OrderStatus
// @ts-expect-error no value `TickType`
void published.TickType
