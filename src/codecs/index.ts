import { either } from 'fp-ts'
import { accountUpdateFromWire, AccountUpdateWire, type AccountUpdate } from './AccountUpdate'
import { blockHeightFromWire, BlockHeightWire } from './blockHeight'
import type { CanonicalReader } from './canonical'
import { depthSnapshotFromWire, DepthSnapshotWire, marketDepthReader, type DepthSnapshot } from './DepthSnapshot'
import { depthUpdateFromWire, DepthUpdateWire, marketDiffReader, type DepthUpdate } from './DepthUpdate'
import { klineFromWire, KlineWire, type Kline } from './Kline'
import {
  allMiniTickersReader,
  miniTickerFromWire,
  miniTickerReader,
  MiniTickerWire,
  type MiniTicker,
} from './MiniTicker'
import { orderUpdateFromWire, ordersReader, OrderUpdateWire, type OrderUpdate } from './OrderUpdate'
import { allTickersReader, tickerFromWire, tickerReader, TickerWire, type Ticker } from './Ticker'
import { tradeFromWire, tradesReader, TradeWire, type Trade } from './Trade'
import { transferUpdateFromWire, TransferUpdateWire, type TransferUpdate } from './TransferUpdate'
import { WireDecoder } from './WireDecoder'

export { AccountUpdate, AccountUpdateWire, Balance } from './AccountUpdate'
export { BlockHeightWire } from './blockHeight'
export { DepthSnapshot, DepthSnapshotWire } from './DepthSnapshot'
export { DepthUpdate, DepthUpdateWire } from './DepthUpdate'
export { Kline, KlineWire } from './Kline'
export { MiniTicker, MiniTickerWire } from './MiniTicker'
export { OrderSide, OrderStatus, OrderType, OrderUpdate, OrderUpdateWire, TimeInForce } from './OrderUpdate'
export { Decimal, PriceLevel } from './primitives'
export { Ticker, TickerWire } from './Ticker'
export { TickType, Trade, TradeWire } from './Trade'
export { Coin, TransferOutput, TransferUpdate, TransferUpdateWire } from './TransferUpdate'

/**
 * Everything a stream can emit: the friendly events, and the bare height of `blockHeight()`.
 * @since 0.1.0
 */
export type DexEvent =
  | AccountUpdate
  | OrderUpdate
  | TransferUpdate
  | Trade
  | DepthUpdate
  | DepthSnapshot
  | Kline
  | Ticker
  | MiniTicker
  | number

/**
 * @internal
 * How the socket layer turns one topic's frame data into events.
 * @since 0.1.0
 */
export interface TopicDecoder<A> {
  /** true when the frame's data is an array whose elements are decoded (and routed) one by one */
  readonly array: boolean
  /** keys of each element that may hold an integer beyond 2^53 which the event keeps exactly (a trade's
   *  `T`); every other field rejects such a number, so only these keys need the frame's exact text */
  readonly exact: readonly string[]
  /** reads frames in the real server's exact form straight to events (canonical.ts); the fast path */
  readonly canonical?: CanonicalReader<A>
  /** decode one element (or the whole data when array is false); Left carries a human-readable reason
   *  naming the path of the bad field, e.g. 'data.p: expected a decimal string, got 12'. The path is
   *  rooted at `data` for array elements too: the decoder does not know the element's index. */
  decode(element: unknown): either.Either<string, A>
}

/**
 * `accounts` data is an object on real servers and a one-element array in the docs; both decode.
 */
class AccountsDecoder implements TopicDecoder<AccountUpdate> {
  readonly array = false
  readonly exact = []
  private readonly inner = new WireDecoder(false, AccountUpdateWire, accountUpdateFromWire)

  decode(data: unknown): either.Either<string, AccountUpdate> {
    if (!Array.isArray(data)) return this.inner.decodeAt(data, 'data')
    if (data.length === 1) return this.inner.decodeAt(data[0], 'data[0]')
    return either.left(`data: expected an object or a one-element array, got an array of ${data.length}`)
  }
}

/** @internal */ export const accountsDecoder: TopicDecoder<DexEvent> = new AccountsDecoder()
/** @internal */ export const ordersDecoder: TopicDecoder<DexEvent> = new WireDecoder(true, OrderUpdateWire, orderUpdateFromWire, { exact: ['T', 'O'], canonical: ordersReader })
/** @internal */ export const transfersDecoder: TopicDecoder<DexEvent> = new WireDecoder(false, TransferUpdateWire, transferUpdateFromWire)
/** @internal */ export const tradesDecoder: TopicDecoder<DexEvent> = new WireDecoder(true, TradeWire, tradeFromWire, { exact: ['T'], canonical: tradesReader })
/** @internal */ export const marketDiffDecoder: TopicDecoder<DexEvent> = new WireDecoder(false, DepthUpdateWire, depthUpdateFromWire, { canonical: marketDiffReader })
/** @internal */ export const marketDepthDecoder: TopicDecoder<DexEvent> = new WireDecoder(false, DepthSnapshotWire, depthSnapshotFromWire, { canonical: marketDepthReader })
/** @internal */ export const klineDecoder: TopicDecoder<DexEvent> = new WireDecoder(false, KlineWire, klineFromWire)
/** @internal */ export const tickerDecoder: TopicDecoder<DexEvent> = new WireDecoder(false, TickerWire, tickerFromWire, { canonical: tickerReader })
/** @internal */ export const allTickersDecoder: TopicDecoder<DexEvent> = new WireDecoder(true, TickerWire, tickerFromWire, { canonical: allTickersReader })
/** @internal */ export const miniTickerDecoder: TopicDecoder<DexEvent> = new WireDecoder(false, MiniTickerWire, miniTickerFromWire, { canonical: miniTickerReader })
/** @internal */ export const allMiniTickersDecoder: TopicDecoder<DexEvent> = new WireDecoder(true, MiniTickerWire, miniTickerFromWire, { canonical: allMiniTickersReader })
/** @internal */ export const blockHeightDecoder: TopicDecoder<DexEvent> = new WireDecoder(false, BlockHeightWire, blockHeightFromWire)
