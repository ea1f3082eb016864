// The public API of binance-dex-rx: named re-exports only. Anything not listed here is internal.

export { DexSocket, type DepthLevels, type OrderBookOptions, type UserTopic } from './DexSocket'
export { BinanceChainSocket, type MessageCallback } from './BinanceChainSocket'
export type { FetchResult, RawMessage, StreamHandle } from './facade/types'
export type { OrderBook } from './internal/orderBook/OrderBook'
export { KlineInterval, isKlineInterval } from './KlineInterval'
export { asyncValues, type AsyncValuesOptions } from './asyncValues'
export { DexError, DexInputError, DexDecodeError, DexServerError, DexConnectionError } from './errors'
export type {
  DexSocketOptions,
  ReconnectOptions,
  ConnectionStatus,
  ConnectingStatus,
  OpenStatus,
  ReconnectingStatus,
  ReconnectedStatus,
  ClosedStatus,
  WebSocketLike,
  WebSocketLikeEvent,
  WebSocketLikeMessageEvent,
  WebSocketLikeCloseEvent,
  WebSocketLikeErrorEvent,
  WebSocketConstructor,
} from './internal/types'
export type { DexLogger } from './internal/logger'
export type {
  AccountUpdate,
  Balance,
  Coin,
  Decimal,
  DepthSnapshot,
  DepthUpdate,
  Kline,
  MiniTicker,
  OrderSide,
  OrderStatus,
  OrderType,
  OrderUpdate,
  PriceLevel,
  TickType,
  Ticker,
  TimeInForce,
  Trade,
  TransferOutput,
  TransferUpdate,
} from './events'
