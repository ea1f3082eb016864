import { either } from 'fp-ts'
import type { AccountUpdate, DepthSnapshot, DepthUpdate, Kline, MiniTicker, OrderUpdate, Ticker, Trade, TransferUpdate } from '../events'
import { accountUpdateShape } from './AccountUpdate'
import { blockHeightFromWire, BlockHeightWire } from './blockHeight'
import { depthSnapshotShape, tardisDepthSnapshotShape } from './DepthSnapshot'
import { depthUpdateShape } from './DepthUpdate'
import { klineShape } from './Kline'
import { miniTickerShape } from './MiniTicker'
import { orderShape } from './OrderUpdate'
import { tickerShape } from './Ticker'
import { tradeShape } from './Trade'
import { transferUpdateShape } from './TransferUpdate'
import { WireDecoder, type TopicDecoder } from './WireDecoder'
import type { Shape } from './wireShape'

// Each topic's decoder, built from its wire shape: what the topic table hands the router.

/** @internal The io-ts codec of each topic's wire shape (validation and failure reasons). */
export const AccountUpdateWire = accountUpdateShape.codec
/** @internal */
export const DepthSnapshotWire = depthSnapshotShape.codec
/** @internal */
export const DepthUpdateWire = depthUpdateShape.codec
/** @internal */
export const KlineWire = klineShape.codec
/** @internal */
export const MiniTickerWire = miniTickerShape.codec
/** @internal */
export const OrderUpdateWire = orderShape.codec
/** @internal */
export const TickerWire = tickerShape.codec
/** @internal */
export const TradeWire = tradeShape.codec
/** @internal */
export const TransferUpdateWire = transferUpdateShape.codec


/** The decoder of a topic whose data is `shape` (an array of them when `array`), with a canonical reader when `fast`. */
function decoderOf<W, A>(shape: Shape<W, A>, array: boolean, fast: boolean): WireDecoder<W, A> {
  const canonical = fast ? (array ? shape.arrayReader() : shape.objectReader()) : undefined
  return new WireDecoder(array, shape.codec, shape.fromWire, { exact: shape.exact, canonical })
}

/**
 * `accounts` data is an object on real servers and a one-element array in the docs; both decode.
 */
class AccountsDecoder implements TopicDecoder<AccountUpdate> {
  readonly array = false
  readonly exact = []
  private readonly inner = decoderOf(accountUpdateShape, false, false)

  decode(data: unknown): either.Either<string, AccountUpdate> {
    if (!Array.isArray(data)) return this.inner.decodeAt(data, 'data')
    if (data.length === 1) return this.inner.decodeAt(data[0], 'data[0]')
    return either.left(`data: expected an object or a one-element array, got an array of ${data.length}`)
  }
}

/** @internal `accounts`. @since 0.1.0 */
export const accountsDecoder: TopicDecoder<AccountUpdate> = new AccountsDecoder()
/** @internal `orders`. @since 0.1.0 */
export const ordersDecoder: TopicDecoder<OrderUpdate> = decoderOf(orderShape, true, true)
/** @internal `transfers`. @since 0.1.0 */
export const transfersDecoder: TopicDecoder<TransferUpdate> = decoderOf(transferUpdateShape, false, false)
/** @internal `trades`. @since 0.1.0 */
export const tradesDecoder: TopicDecoder<Trade> = decoderOf(tradeShape, true, true)
/** @internal `marketDiff`. @since 0.1.0 */
export const marketDiffDecoder: TopicDecoder<DepthUpdate> = decoderOf(depthUpdateShape, false, true)
/** @internal `marketDepth`, `marketDepth100`, `marketDepth500` and `marketDepth1000`. @since 0.1.0 */
export const marketDepthDecoder: TopicDecoder<DepthSnapshot> = decoderOf(depthSnapshotShape, false, true)
/**
 * @internal `depthSnapshot`, the snapshots in tardis.dev's recordings; no canonical reader, as they are
 * rare (one per subscription) and their levels come before the height.
 * @since 0.2.0
 */
export const depthSnapshotDecoder: TopicDecoder<DepthSnapshot> = decoderOf(tardisDepthSnapshotShape, false, false)
/** @internal `kline_<interval>`, every interval. @since 0.1.0 */
export const klineDecoder: TopicDecoder<Kline> = decoderOf(klineShape, false, false)
/** @internal `ticker`. @since 0.1.0 */
export const tickerDecoder: TopicDecoder<Ticker> = decoderOf(tickerShape, false, true)
/** @internal `allTickers`. @since 0.1.0 */
export const allTickersDecoder: TopicDecoder<Ticker> = decoderOf(tickerShape, true, true)
/** @internal `miniTicker`. @since 0.1.0 */
export const miniTickerDecoder: TopicDecoder<MiniTicker> = decoderOf(miniTickerShape, false, true)
/** @internal `allMiniTickers`. @since 0.1.0 */
export const allMiniTickersDecoder: TopicDecoder<MiniTicker> = decoderOf(miniTickerShape, true, true)
/** @internal `blockheight`: the bare height. @since 0.1.0 */
export const blockHeightDecoder: TopicDecoder<number> = new WireDecoder(false, BlockHeightWire, blockHeightFromWire)
