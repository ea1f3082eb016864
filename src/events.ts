// The events the streams emit, as plain types. The codecs in src/codecs validate the wire and build these;
// a compile-time check in each codec ties its output to the type here, so the two cannot drift.

import type { KlineInterval } from './KlineInterval'

/**
 * A decimal number kept as the server's exact text (`"0.00001500"`, `"-1.5"`, `"66666"`); never a float.
 * @since 0.1.0
 */
export type Decimal = string

/**
 * One order book level: `[price, quantity]`, e.g. `['3333.00000000', '0.07398900']`.
 * @since 0.1.0
 */
export type PriceLevel = readonly [price: Decimal, quantity: Decimal]

/**
 * Which side took liquidity, from the wire's `tt` code: 0 `Unknown`, 1 `SellTaker` (a sell order took
 * liquidity), 2 `BuyTaker`, 3 `BuySurplus` (matched in a surplus on the buy side), 4 `SellSurplus`,
 * 5 `Neutral` (neither side took).
 * @since 0.1.0
 */
export type TickType = 'Unknown' | 'SellTaker' | 'BuyTaker' | 'BuySurplus' | 'SellSurplus' | 'Neutral'

/**
 * An order's state after the event (wire `X`); the chain's full list. `Ack`: accepted and resting on the
 * book; `Canceled`: cancelled by its owner; `Expired`: a GTE order that outlived its time on the book;
 * `IocNoFill`: an IOC order that found nothing to trade with; `IocExpire`: an IOC order that traded in part,
 * the rest expired; `PartialFill`: partly filled, the rest still open; `FullyFill`: completely filled;
 * `FailedBlocking`: rejected when the block was checked; `FailedMatching`: rejected by the matching engine;
 * `Unknown`: a status the server could not name.
 * @since 0.1.0
 */
export type OrderStatus =
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

/** An order's side: wire `S` 1 is `'buy'`, 2 is `'sell'`. @since 0.1.0 */
export type OrderSide = 'buy' | 'sell'

/** An order's type: wire `o` 2 is `'limit'` (the only type the chain accepts), 1 is `'market'`. @since 0.1.0 */
export type OrderType = 'limit' | 'market'

/** Wire `f`: 1 is `'GTE'` (good till expire), 3 is `'IOC'` (immediate or cancel). @since 0.1.0 */
export type TimeInForce = 'GTE' | 'IOC'

/**
 * A trade, as emitted by `trades(symbol)`. `tradeTime` is the server's nanosecond time, exact.
 *
 * ```ts
 * dex.trades('BNB_BTCB-1DE').subscribe((trade) => console.log(trade.price, trade.tradeTime))
 * ```
 * @since 0.1.0
 */
export interface Trade {
  /** Always `'trade'` (wire `e`). */
  readonly eventType: 'trade'
  /** Block height of the trade (`E`). */
  readonly height: number
  /** The market, e.g. `BNB_BTCB-1DE` (`s`). */
  readonly symbol: string
  /** `<height>-<index>` (`t`). */
  readonly tradeId: string
  /** Trade price (`p`). */
  readonly price: Decimal
  /** Traded quantity (`q`). */
  readonly quantity: Decimal
  /** The buyer's order id (`b`). */
  readonly buyerOrderId: string
  /** The seller's order id (`a`). */
  readonly sellerOrderId: string
  /** Nanoseconds since the epoch, exact (`T`). */
  readonly tradeTime: bigint
  /** The seller's address (`sa`). */
  readonly sellerAddress: string
  /** The buyer's address (`ba`). */
  readonly buyerAddress: string
  /** Who took liquidity (`tt`, 0-5); `undefined` when the frame has no `tt` (early frames). */
  readonly tickType?: TickType
}

/**
 * An execution report for one of the address's orders, as emitted by `orders(address)`.
 * `fee` is the server's raw text (`"BNB:0.00039999"`, or `""` when there is none); `transactionTime` and
 * `orderCreationTime` are exact nanosecond times.
 *
 * ```ts
 * dex.orders('bnb1…').pipe(filter((o) => o.status === 'FullyFill'))
 * ```
 * @since 0.1.0
 */
export interface OrderUpdate {
  /** Always `'executionReport'` (wire `e`). */
  readonly eventType: 'executionReport'
  /** Block height of the event (`E`). */
  readonly height: number
  /** The market (`s`). */
  readonly symbol: string
  /** `S`: 1 buy, 2 sell. */
  readonly side: OrderSide
  /** `o`: 2 limit (the only type the chain accepts), 1 market. */
  readonly orderType: OrderType
  /** `f`: 1 good till expire, 3 immediate or cancel. */
  readonly timeInForce: TimeInForce
  /** Order quantity (`q`). */
  readonly quantity: Decimal
  /** Order price (`p`). */
  readonly price: Decimal
  /** Execution type (`x`); always `'NEW'` on real servers. */
  readonly executionType: string
  /** The order's state after this event (`X`). */
  readonly status: OrderStatus
  /** `<owner address bytes, hex>-<sequence>` (`i`). */
  readonly orderId: string
  /** Quantity of this event's fill (`l`). */
  readonly lastExecutedQuantity: Decimal
  /** Quantity filled so far (`z`). */
  readonly cumulativeFilledQuantity: Decimal
  /** Price of this event's fill (`L`). */
  readonly lastExecutedPrice: Decimal
  /** The server's raw fee text (`n`), e.g. `'BNB:0.00039999'`; `''` when none. */
  readonly fee: string
  /** Nanoseconds since the epoch, exact (`T`). */
  readonly transactionTime: bigint
  /** `<height>-<index>` of this event's trade, `''` without one (`t`). */
  readonly tradeId: string
  /** Nanoseconds since the epoch, exact (`O`). */
  readonly orderCreationTime: bigint
}

/**
 * The order book levels that changed in one block, as emitted by `marketDiff(symbol)`. A quantity of
 * zero removes the level. `time` is the server's `E` (Unix seconds in real captures).
 *
 * ```ts
 * dex.marketDiff('BNB_BTCB-1DE').subscribe(({ bids, asks }) => console.log(bids.length, asks.length))
 * ```
 * @since 0.1.0
 */
export interface DepthUpdate {
  /** Always `'depthUpdate'` (wire `e`). */
  readonly eventType: 'depthUpdate'
  /** Event time, Unix seconds on real servers (`E`). */
  readonly time: number
  /** The market (`s`). */
  readonly symbol: string
  /** Changed bid levels, absolute quantities; zero removes the level (`b`). */
  readonly bids: readonly PriceLevel[]
  /** Changed ask levels, absolute quantities; zero removes the level (`a`). */
  readonly asks: readonly PriceLevel[]
}

/**
 * The top of the order book, as emitted by `marketDepth(symbol, levels?)`: bids best (highest) first,
 * asks best (lowest) first. `lastUpdateId` is a block height in real captures. Each push is a full
 * snapshot, not a diff. The wire keys are the field names.
 *
 * ```ts
 * dex.marketDepth('BNB_BTCB-1DE', 100).subscribe(({ bids }) => console.log('best bid', bids[0]?.[0]))
 * ```
 * @since 0.1.0
 */
export interface DepthSnapshot {
  /** The block height of the snapshot (wire `lastUpdateId`). */
  readonly lastUpdateId: number
  /** The market (`symbol`). */
  readonly symbol: string
  /** Best bids, highest price first (`bids`). */
  readonly bids: readonly PriceLevel[]
  /** Best asks, lowest price first (`asks`). */
  readonly asks: readonly PriceLevel[]
}

/**
 * One candlestick, pushed every second while it is open, as emitted by `klines(symbol, interval)`.
 * `openTime` and `closeTime` are milliseconds; `closed` tells the final push of a bar.
 *
 * ```ts
 * dex.klines('BNB_BTCB-1DE', '1h').pipe(filter((k) => k.closed))
 * ```
 * @since 0.1.0
 */
export interface Kline {
  /** Always `'kline'` (wire `e`). */
  readonly eventType: 'kline'
  /** Event time (`E`). */
  readonly time: number
  /** The market (`s`, else `k.s`). */
  readonly symbol: string
  /** Start of the bar, ms (`k.t`). */
  readonly openTime: number
  /** End of the bar, ms (`k.T`). */
  readonly closeTime: number
  /** The bar interval (`k.i`). */
  readonly interval: KlineInterval
  /** First trade of the bar (`k.f`). */
  readonly firstTradeId: string
  /** Last trade of the bar so far (`k.L`). */
  readonly lastTradeId: string
  /** Open price (`k.o`). */
  readonly open: Decimal
  /** Close price; the last price while the bar is open (`k.c`). */
  readonly close: Decimal
  /** High price (`k.h`). */
  readonly high: Decimal
  /** Low price (`k.l`). */
  readonly low: Decimal
  /** Base asset volume (`k.v`). */
  readonly volume: Decimal
  /** Quote asset volume (`k.q`). */
  readonly quoteVolume: Decimal
  /** Number of trades (`k.n`). */
  readonly trades: number
  /** True on the bar's final push (`k.x`). */
  readonly closed: boolean
}

/**
 * 24-hour rolling statistics for one symbol, pushed every second, as emitted by `ticker(symbol)` and
 * (as arrays) by `allTickers()`. `openTime` and `closeTime` are milliseconds; best bid and ask are
 * `"0.00000000"` when that side of the book is empty.
 *
 * ```ts
 * dex.ticker('BNB_BTCB-1DE').subscribe((t) => console.log(t.lastPrice, t.priceChangePercent))
 * ```
 * @since 0.1.0
 */
export interface Ticker {
  /** Always `'24hrTicker'` (wire `e`). */
  readonly eventType: '24hrTicker'
  /** Event time, Unix seconds on real servers (`E`). */
  readonly time: number
  /** The market (`s`). */
  readonly symbol: string
  /** Price change over the 24 hours (`p`). */
  readonly priceChange: Decimal
  /** Price change in percent (`P`). */
  readonly priceChangePercent: Decimal
  /** Volume-weighted average price (`w`). */
  readonly weightedAvgPrice: Decimal
  /** The previous day's close (`x`). */
  readonly prevClosePrice: Decimal
  /** Last price (`c`). */
  readonly lastPrice: Decimal
  /** Quantity of the last trade (`Q`). */
  readonly lastQuantity: Decimal
  /** Best bid price, `"0.00000000"` when there is none (`b`). */
  readonly bestBidPrice: Decimal
  /** Quantity at the best bid (`B`). */
  readonly bestBidQuantity: Decimal
  /** Best ask price, `"0.00000000"` when there is none (`a`). */
  readonly bestAskPrice: Decimal
  /** Quantity at the best ask (`A`). */
  readonly bestAskQuantity: Decimal
  /** Open price of the 24 hours (`o`). */
  readonly open: Decimal
  /** High price of the 24 hours (`h`). */
  readonly high: Decimal
  /** Low price of the 24 hours (`l`). */
  readonly low: Decimal
  /** Base asset volume (`v`). */
  readonly volume: Decimal
  /** Quote asset volume (`q`). */
  readonly quoteVolume: Decimal
  /** Start of the 24-hour window, ms (`O`). */
  readonly openTime: number
  /** End of the 24-hour window, ms (`C`). */
  readonly closeTime: number
  /** First trade of the window (`F`). */
  readonly firstTradeId: string
  /** Last trade of the window (`L`). */
  readonly lastTradeId: string
  /** Number of trades (`n`). */
  readonly trades: number
}

/**
 * The short form of a 24-hour ticker, as emitted by `miniTicker(symbol)` and (as arrays) by
 * `allMiniTickers()`. `eventType` is always `'24hrMiniTicker'`, whichever the server sent.
 *
 * ```ts
 * dex.allMiniTickers().subscribe((all) => console.log(all.length, 'markets'))
 * ```
 * @since 0.1.0
 */
export interface MiniTicker {
  /** Always `'24hrMiniTicker'`, whichever the server sent (wire `e`: `'24hrMiniTicker'` or `'24hrTicker'`). */
  readonly eventType: '24hrMiniTicker'
  /** Event time (`E`). */
  readonly time: number
  /** The market (`s`). */
  readonly symbol: string
  /** Last price (`c`). */
  readonly lastPrice: Decimal
  /** Open price of the 24 hours (`o`). */
  readonly open: Decimal
  /** High price of the 24 hours (`h`). */
  readonly high: Decimal
  /** Low price of the 24 hours (`l`). */
  readonly low: Decimal
  /** Base asset volume (`v`). */
  readonly volume: Decimal
  /** Quote asset volume (`q`). */
  readonly quoteVolume: Decimal
}

/**
 * One asset's balance. `l` is locked and `r` frozen, as in the official docs and SDKs (the seed README's
 * comments had them swapped).
 * @since 0.1.0
 */
export interface Balance {
  /** Asset symbol, e.g. `'BNB'` (wire `a`). */
  readonly asset: string
  /** Available amount (`f`). */
  readonly free: Decimal
  /** Amount locked in open orders (`l`). */
  readonly locked: Decimal
  /** Frozen amount (`r`). */
  readonly frozen: Decimal
}

/**
 * Balances of the address that changed in a block, as emitted by `accounts(address)`.
 *
 * ```ts
 * dex.accounts('bnb1…').subscribe(({ balances }) => balances.forEach((b) => console.log(b.asset, b.free)))
 * ```
 * @since 0.1.0
 */
export interface AccountUpdate {
  /** Always `'outboundAccountInfo'` (wire `e`). */
  readonly eventType: 'outboundAccountInfo'
  /** Block height of the change (`E`). */
  readonly height: number
  /** The assets whose balance changed (`B`). */
  readonly balances: readonly Balance[]
}

/** An amount of one asset. @since 0.1.0 */
export interface Coin {
  /** Asset symbol (wire `a`). */
  readonly asset: string
  /** Amount (`A`). */
  readonly amount: Decimal
}

/** One receiver of a transfer and what it received. @since 0.1.0 */
export interface TransferOutput {
  /** Receiver address (wire `o`). */
  readonly to: string
  /** What the receiver got (`c`). */
  readonly coins: readonly Coin[]
}

/**
 * A transfer sent or received by the address, as emitted by `transfers(address)`; multisend transfers
 * have several outputs. `memo` is `''` when the transaction had none.
 *
 * ```ts
 * dex.transfers('bnb1…').subscribe((tx) => console.log(tx.txHash, tx.outputs[0].coins))
 * ```
 * @since 0.1.0
 */
export interface TransferUpdate {
  /** Always `'outboundTransferInfo'` (wire `e`). */
  readonly eventType: 'outboundTransferInfo'
  /** Block height (`E`). */
  readonly height: number
  /** Transaction hash, upper-case hex (`H`). */
  readonly txHash: string
  /** The memo (`M`), `''` when there is none. */
  readonly memo: string
  /** Sender address (`f`). */
  readonly from: string
  /** One entry per receiver (`t`). */
  readonly outputs: readonly TransferOutput[]
}

/**
 * Everything a stream can emit: the friendly events, and the bare height of `blockHeight()` (wire `h`).
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
