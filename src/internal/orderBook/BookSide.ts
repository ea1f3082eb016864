import { LevelTree } from './LevelTree'
import { levelText } from './levelText'
import type { PriceLevel } from './OrderBook'
import { InvalidLevelError, isZeroQuantity, keyBefore, priceKey } from './priceKey'
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

/**
 * @internal The error to report for a frame whose levels could not be applied: the first level of `levels`
 * that fails validation, named with its text (anything thrown while reading one, e.g. for a level that is
 * not even a pair, counts as bad). Levels are applied in order and stop at the first bad one, so finding it
 * again here keeps the validation on the hot path free of any error handling.
 */
export function blameLevel(error: unknown, levels: readonly (readonly PriceLevel[])[]): InvalidLevelError {
  const reason = (e: unknown): string =>
    e instanceof InvalidLevelError ? e.message : 'order book: a level is not a [price, quantity] pair'
  try {
    for (const side of levels)
      for (const level of side) {
        try {
          keyLevel(level)
        } catch (bad) {
          return new InvalidLevelError(reason(bad), levelText(level))
        }
      }
  } catch {
    // the frame's sides are not even lists: no level to name
  }
  const message = error instanceof InvalidLevelError ? error.message : 'order book: bids and asks must be lists'
  return new InvalidLevelError(message)
}

/** The level's shared view entry, frozen so that no consumer can change what others see. */
function entryOf(level: Level): PriceLevel {
  return (level.entry ??= Object.freeze([level.price, level.quantity] as const))
}

/**
 * @internal One side of a book, holding at most `maxLevels` levels. A hash map finds a level by key in O(1),
 * so the common update (a new quantity at a known price) never touches the ordered structure; only inserts
 * and removals do, at O(log n) each (see LevelTree). Bids are the same structure read from the top down.
 *
 * The bound is applied by `trim()`, which the book calls once a whole frame is applied, so that a frame that
 * both adds levels and removes better ones loses no level it did not have to. Once levels were dropped, the
 * side no longer knows what lies beyond the worst level it kept (its frontier): it takes no new level there,
 * since showing one could skip a dropped level in between. A snapshot reaching past the frontier moves it
 * out, and one that replaces the side lifts it. So the side always holds exactly the levels an unbounded
 * side would hold down to its frontier, and nothing beyond it.
 *
 * `top()` hands out a frozen array and keeps it until a change reaches the levels it shows: an update
 * deeper than those levels, or on the other side, costs no copy.
 */
export class BookSide {
  private readonly byKey = new Map<string, Level>()
  /** The array `top()` last handed out, for `shownDepth`; undefined once a change reached it. */
  private shown: readonly PriceLevel[] | undefined
  private shownDepth = 0
  /** Key of the worst level in `shown`: changes beyond it do not reach it. */
  private shownEdge = ''
  /** Whether `shown` holds the whole side: then every change reaches it. */
  private shownWhole = true
  /** Key of the worst price this side may hold since it dropped levels; undefined: no limit. */
  private frontier: string | undefined

  constructor(
    /** True for bids: best is the highest price. */
    readonly descending: boolean,
    private readonly order: SortedLevels = new LevelTree(),
    /** Most levels kept once `trim()` has run (a positive integer, or Infinity for no bound). */
    private readonly maxLevels = Infinity,
  ) {}

  /** Applies one `[price, quantity]` from the wire: a zero quantity removes the level, if any. */
  set(level: PriceLevel): void {
    this.setKeyed(priceKey(level[0]), level[0], level[1], isZeroQuantity(level[1]))
  }

  setKeyed(key: string, price: string, quantity: string, zero: boolean): void {
    const found = this.byKey.get(key)
    if (zero) {
      if (found) this.drop(key)
      return
    }
    if (found) {
      found.price = price
      found.quantity = quantity
      found.entry = undefined
      if (this.shown) this.touch(key)
      return
    }
    if (this.frontier !== undefined && this.beyondFrontier(key)) return
    const created: Level = { key, price, quantity, entry: undefined }
    this.byKey.set(key, created)
    this.order.insert(created)
    if (this.shown) this.touch(key)
  }

  /**
   * Drops the worst levels until at most `maxLevels` are left, and makes the worst one kept the frontier.
   * O(log n) per level dropped.
   */
  trim(): void {
    if (this.order.size <= this.maxLevels) return
    const worst = (): Level => (this.descending ? this.order.first() : this.order.last())!
    while (this.order.size > this.maxLevels) this.drop(worst().key)
    this.frontier = worst().key
  }

  /** The best level's key, or undefined when the side is empty. */
  bestKey(): string | undefined {
    return (this.descending ? this.order.last() : this.order.first())?.key
  }

  /**
   * At most `depth` levels, best first, in a frozen array of frozen entries. The same array as last time
   * when nothing it shows has changed since; otherwise a new one, costing O(depth + log n).
   */
  top(depth = Infinity): readonly PriceLevel[] {
    if (this.shown && this.shownDepth === depth) return this.shown
    const out: PriceLevel[] = []
    let edge = ''
    const take = (level: Level): boolean => {
      edge = level.key
      return out.push(entryOf(level)) < depth
    }
    if (depth > 0) {
      if (this.descending) this.order.descending(take)
      else this.order.ascending(take)
    }
    this.shownWhole = out.length < depth
    this.shownEdge = edge
    this.shownDepth = depth
    return (this.shown = Object.freeze(out))
  }

  /**
   * Removes every level from the best one down to `worstKey`, inclusive: the range a snapshot whose worst
   * level is `worstKey` speaks for, and which the side knows completely from now on (the frontier moves
   * out to it if it lay further in). Costs O(m log n) for m levels removed.
   */
  removeThrough(worstKey: string): void {
    if (this.beyondFrontier(worstKey)) this.frontier = worstKey
    const doomed: string[] = []
    const collect = this.descending
      ? (level: Level): boolean => !keyBefore(level.key, worstKey) && doomed.push(level.key) > 0
      : (level: Level): boolean => !keyBefore(worstKey, level.key) && doomed.push(level.key) > 0
    if (this.descending) this.order.descending(collect)
    else this.order.ascending(collect)
    for (const key of doomed) this.drop(key)
  }

  clear(): void {
    this.byKey.clear()
    this.order.clear()
    this.shown = undefined
    this.frontier = undefined
  }

  /** Whether `key` lies beyond the frontier: a worse price than any this side may hold now. */
  private beyondFrontier(key: string): boolean {
    const edge = this.frontier
    return edge !== undefined && (this.descending ? keyBefore(key, edge) : keyBefore(edge, key))
  }

  private drop(key: string): void {
    this.byKey.delete(key)
    this.order.remove(key)
    if (this.shown) this.touch(key)
  }

  /** Forgets the shown array when a change at `key` reaches it. */
  private touch(key: string): void {
    const edge = this.shownEdge
    const within = this.descending ? !keyBefore(key, edge) : !keyBefore(edge, key)
    if (this.shownWhole || within) this.shown = undefined
  }
}
