import type { PriceLevel } from '../../codecs/primitives'

// The codecs' level type (exact decimal strings), so a book's levels and a snapshot's levels are one type.
export type { PriceLevel }

/**
 * A locally kept order book, as emitted by `dex.orderBook(symbol)` after every change.
 *
 * Prices compare numerically and exactly ("100.00000000" ranks above "99.00000000"; "1.5" and "1.50000000"
 * are one level, shown with the price text last received). Arrays and levels are never mutated after
 * emission: holding on to an old `OrderBook` is safe.
 *
 * ```ts
 * dex.orderBook('BNB_BTC.B-918', { depth: 10 }).pipe(filter((book) => book.inSync)).subscribe((book) => {
 *   const [bestBid] = book.bids
 *   const [bestAsk] = book.asks
 *   console.log(bestBid?.[0], bestAsk?.[0])
 * })
 * ```
 * @see keepOrderBook for the rules (seeding, reconciling snapshots, resync).
 * @since 0.1.0
 */
export interface OrderBook {
  /** The symbol as requested. */
  readonly symbol: string
  /** Bids, best (highest price) first. */
  readonly bids: readonly PriceLevel[]
  /** Asks, best (lowest price) first. */
  readonly asks: readonly PriceLevel[]
  /**
   * True while the book is known to match the server: seeded or replaced by a snapshot and not crossed
   * since. False after a reconnect, a crossed update or a bad frame, until the next snapshot replaces every
   * level; such a book is a best-effort view (it may be stale, even crossed). An in-sync book is never
   * crossed: its best bid is below its best ask.
   */
  readonly inSync: boolean
  /** `lastUpdateId` (block height) of the last snapshot applied. */
  readonly lastUpdateId: number
  /**
   * Event time (`E`, Unix seconds on real servers) of the last diff applied since the last snapshot that
   * replaced the whole book; 0 when none has been applied since.
   */
  readonly updateTime: number
}
