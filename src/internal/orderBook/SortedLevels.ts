import type { PriceLevel } from './OrderBook'
import { keyBefore } from './priceKey'

/**
 * @internal One price level of a book side: its key (see `priceKey`), the texts last received, and the
 * frozen `[price, quantity]` handed out in views, made on the first view after a change and shared by
 * later views until the next change (so an update allocates nothing and views stay cheap).
 */
export interface Level {
  readonly key: string
  price: string
  quantity: string
  entry: PriceLevel | undefined
}

/**
 * @internal The ordered part of a book side: levels sorted ascending by key. Callers guarantee that an
 * inserted key is absent and look levels up elsewhere (a hash map), so only ordering lives here.
 */
export interface SortedLevels {
  readonly size: number
  insert(level: Level): void
  /** Removes the level with this key; false when there was none. */
  remove(key: string): boolean
  first(): Level | undefined
  last(): Level | undefined
  /** Visits levels from the lowest key up until `visit` returns false. */
  ascending(visit: (level: Level) => boolean): void
  /** Visits levels from the highest key down until `visit` returns false. */
  descending(visit: (level: Level) => boolean): void
  clear(): void
}

/** @internal Index of the first level whose key is not below `key` (binary search). */
export function lowerBound(levels: readonly Level[], key: string): number {
  let lo = 0
  let hi = levels.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (keyBefore(levels[mid].key, key)) lo = mid + 1
    else hi = mid
  }
  return lo
}
