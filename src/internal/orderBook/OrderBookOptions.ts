import type { DepthLevels } from '../topicTable'

/**
 * Options of `dex.orderBook()`.
 * @since 0.1.0
 */
export interface OrderBookOptions {
  /** Levels per side in each emitted book (default: every level kept, so at most `maxLevels`). */
  readonly depth?: number
  /**
   * Coalesces emissions: at most one per window, the first change at once and the latest state at the
   * window's end (default 0: one emission per change).
   */
  readonly throttleMs?: number
  /** Snapshot stream that seeds and reconciles the book: marketDepth (20, default) or marketDepth100/500/1000. */
  readonly levels?: DepthLevels
  /**
   * Most levels kept per side (default 1000, what marketDepth1000 carries): the worst levels beyond it are
   * dropped after each frame, and come back only with a snapshot that shows them (see docs/orderbook.md).
   * @since 0.2.0
   */
  readonly maxLevels?: number
}

/** @internal The keys of {@link OrderBookOptions}: books with equal values for all of them are one book. */
export const ORDER_BOOK_OPTION_KEYS = ['depth', 'throttleMs', 'levels', 'maxLevels'] as const satisfies readonly (keyof OrderBookOptions)[]

// Fails to compile when OrderBookOptions gains a key the list above misses.
true satisfies Exclude<keyof OrderBookOptions, (typeof ORDER_BOOK_OPTION_KEYS)[number]> extends never ? true : never
