import { LevelTree } from './LevelTree'
import type { PriceLevel } from './OrderBook'
import { isZeroQuantity, keyBefore, priceKey } from './priceKey'
import type { Level, SortedLevels } from './SortedLevels'

/** @internal A level already validated and keyed, e.g. one entry of a parsed snapshot. */
export interface KeyedLevel {
  readonly key: string
  readonly price: string
  readonly quantity: string
  readonly zero: boolean
}

/** @internal Validates one `[price, quantity]` pair; throws `InvalidLevelError` on bad text. */
export function keyLevel(level: PriceLevel): KeyedLevel {
  return { key: priceKey(level[0]), price: level[0], quantity: level[1], zero: isZeroQuantity(level[1]) }
}

/** The level's shared view entry, frozen so that no consumer can change what others see. */
function entryOf(level: Level): PriceLevel {
  return (level.entry ??= Object.freeze([level.price, level.quantity] as const))
}

/**
 * @internal One side of a book. A hash map finds a level by key in O(1), so the common update (a new
 * quantity at a known price) never touches the ordered structure; only inserts and removals do, at
 * O(log n) each (see LevelTree). Bids are the same structure read from the top down.
 */
export class BookSide {
  private readonly byKey = new Map<string, Level>()

  constructor(
    /** True for bids: best is the highest price. */
    readonly descending: boolean,
    private readonly order: SortedLevels = new LevelTree(),
  ) {}

  /** Applies one `[price, quantity]` from the wire: a zero quantity removes the level, if any. */
  set(level: PriceLevel): void {
    this.setKeyed(priceKey(level[0]), level[0], level[1], isZeroQuantity(level[1]))
  }

  setKeyed(key: string, price: string, quantity: string, zero: boolean): void {
    const found = this.byKey.get(key)
    if (zero) {
      if (found) {
        this.byKey.delete(key)
        this.order.remove(key)
      }
      return
    }
    if (found) {
      found.price = price
      found.quantity = quantity
      found.entry = undefined
      return
    }
    const created: Level = { key, price, quantity, entry: undefined }
    this.byKey.set(key, created)
    this.order.insert(created)
  }

  /** The best level's key, or undefined when the side is empty. */
  bestKey(): string | undefined {
    return (this.descending ? this.order.last() : this.order.first())?.key
  }

  best(): PriceLevel | undefined {
    const level = this.descending ? this.order.last() : this.order.first()
    return level && entryOf(level)
  }

  /** A fresh array of at most `depth` levels, best first. Entries are frozen and shared. */
  top(depth = Infinity): PriceLevel[] {
    const out: PriceLevel[] = []
    if (depth <= 0) return out
    const take = (level: Level): boolean => out.push(entryOf(level)) < depth
    if (this.descending) this.order.descending(take)
    else this.order.ascending(take)
    return out
  }

  /**
   * Removes every level from the best one down to `worstKey`, inclusive: the range a snapshot whose worst
   * level is `worstKey` speaks for. Costs O(m log n) for m levels removed.
   */
  removeThrough(worstKey: string): void {
    const doomed: string[] = []
    const collect = this.descending
      ? (level: Level): boolean => !keyBefore(level.key, worstKey) && doomed.push(level.key) > 0
      : (level: Level): boolean => !keyBefore(worstKey, level.key) && doomed.push(level.key) > 0
    if (this.descending) this.order.descending(collect)
    else this.order.ascending(collect)
    for (const key of doomed) {
      this.byKey.delete(key)
      this.order.remove(key)
    }
  }

  clear(): void {
    this.byKey.clear()
    this.order.clear()
  }
}
