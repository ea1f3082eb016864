// The codecs' public face for the rest of the library: re-exports only. Shapes live in one file per
// topic, decoders in decoders.ts, the decoder contract in WireDecoder.ts.

export type {
  AccountUpdate,
  Balance,
  Coin,
  DepthSnapshot,
  DepthUpdate,
  DexEvent,
  Kline,
  MiniTicker,
  OrderSide,
  OrderType,
  OrderUpdate,
  PriceLevel,
  Ticker,
  TickType,
  TimeInForce,
  Trade,
  TransferOutput,
  TransferUpdate,
} from '../events'
export { accountUpdateShape } from './AccountUpdate'
export { BlockHeightWire } from './blockHeight'
export { depthSnapshotShape } from './DepthSnapshot'
export { depthUpdateShape } from './DepthUpdate'
export { klineShape } from './Kline'
export { miniTickerShape } from './MiniTicker'
export { OrderStatus, orderShape } from './OrderUpdate'
export { Decimal, PriceLevelCodec } from './primitives'
export { tickerShape } from './Ticker'
export { tradeShape } from './Trade'
export { transferUpdateShape } from './TransferUpdate'
export type { TopicDecoder } from './WireDecoder'
export {
  AccountUpdateWire,
  DepthSnapshotWire,
  DepthUpdateWire,
  KlineWire,
  MiniTickerWire,
  OrderUpdateWire,
  TickerWire,
  TradeWire,
  TransferUpdateWire,
  accountsDecoder,
  allMiniTickersDecoder,
  allTickersDecoder,
  blockHeightDecoder,
  depthSnapshotDecoder,
  klineDecoder,
  marketDepthDecoder,
  marketDiffDecoder,
  miniTickerDecoder,
  ordersDecoder,
  tickerDecoder,
  tradesDecoder,
  transfersDecoder,
} from './decoders'
