// The public API of binance-dex-rx: named re-exports only. Anything not listed here is internal.

export { DexSocket, type DepthLevels } from './DexSocket'
export { KlineInterval } from './KlineInterval'
export { DexError, DexInputError, DexDecodeError, DexServerError, DexConnectionError } from './errors'
export type {
  DexSocketOptions,
  ReconnectOptions,
  ConnectionStatus,
  WebSocketLike,
  WebSocketConstructor,
} from './internal/types'
export type {
  AccountUpdate,
  Balance,
  Decimal,
  DepthSnapshot,
  DepthUpdate,
  Kline,
  MiniTicker,
  OrderStatus,
  OrderUpdate,
  PriceLevel,
  TickType,
  Ticker,
  Trade,
  TransferUpdate,
} from './codecs'
