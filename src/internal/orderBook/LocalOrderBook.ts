import { BookSide, type KeyedLevel, blameLevel, keyLevel } from './BookSide'
import type { DepthSnapshotLike, DepthUpdateLike } from './depthInputs'
import { LevelTree } from './LevelTree'
import type { OrderBook, PriceLevel } from './OrderBook'
import { keyBefore } from './priceKey'
import type { SortedLevels } from './SortedLevels'

/**
 * @internal A mutable local order book kept from marketDepth snapshots and marketDiff updates, holding at
 * most `maxLevels` levels per side. Pure: no time, no I/O; `keepOrderBook` drives it from streams.
 *
 * Rules:
 * - Until the first snapshot the book is unseeded and diffs are dropped (see `keepOrderBook` for why).
 * - A snapshot applied while out of sync (or to a fresh book) replaces every level. A snapshot applied while
 *   in sync is reconciled per side: when the side has fewer levels than the requested snapshot depth it
 *   speaks for the whole side; otherwise for the prices from the best down to its worst level, inclusive.
 *   Levels in that range are replaced by the snapshot's; levels beyond it are kept.
 * - While in sync, a snapshot older (lower `lastUpdateId`) than the last one is ignored. Out of sync, any
 *   snapshot is taken, so that a restarted server with lower heights cannot wedge the book.
 * - A diff sets absolute quantities; a zero quantity removes the level (an absent level: nothing happens);
 *   duplicates in one diff apply in order, so the last wins. Diffs are applied while out of sync too: the
 *   next snapshot replaces everything anyway, and meanwhile the best-effort view stays as fresh as it can.
 * - After each snapshot or diff, a side holding more than `maxLevels` levels drops its worst ones (lowest
 *   bids, highest asks), and then takes no level beyond the worst one it kept (its frontier) until a snapshot
 *   reaches past it or replaces the side: each side is always a prefix of what an unbounded book would hold
 *   (see `BookSide`, and `keepOrderBook` for what this means for a view's depth).
 * - If the best bid is at or above the best ask after any change, the book goes out of sync.
 * - Bad text (not a non-negative decimal, or a price finer than 8 decimals) throws `InvalidLevelError`
 *   naming the level, and leaves the book out of sync. A bad snapshot changes no level; a bad diff may be
 *   applied up to the bad entry (and trimmed to `maxLevels`). The structure stays sound.
 * - Frames naming another symbol (compared without regard to case) are ignored; frames naming none are not.
 */
export class LocalOrderBook {
  private readonly bidSide: BookSide
  private readonly askSide: BookSide
  private synced = false
  private seededFlag = false
  private height = 0
  private time = 0

  constructor(
    readonly symbol: string,
    /** How many levels per side the snapshots were requested with (marketDepth: 20; or 100, 500, 1000). */
    readonly snapshotDepth = 20,
    makeLevels: () => SortedLevels = () => new LevelTree(),
    /** Most levels kept per side (a positive integer; Infinity: no bound). */
    readonly maxLevels = Infinity,
  ) {
    this.bidSide = new BookSide(true, makeLevels(), maxLevels)
    this.askSide = new BookSide(false, makeLevels(), maxLevels)
  }

  /** Seeded or replaced by a snapshot, and not crossed, reset or fed bad text since. */
  get inSync(): boolean {
    return this.synced
  }

  /** Whether any snapshot has been applied yet. */
  get seeded(): boolean {
    return this.seededFlag
  }

  get lastUpdateId(): number {
    return this.height
  }

  get updateTime(): number {
    return this.time
  }

  /** Applies a snapshot; false when it was ignored (stale or another symbol). */
  applySnapshot(snapshot: DepthSnapshotLike): boolean {
    if (!this.mine(snapshot.symbol)) return false
    if (this.synced && snapshot.lastUpdateId < this.height) return false
    let bids: KeyedLevel[]
    let asks: KeyedLevel[]
    try {
      bids = snapshot.bids.map(keyLevel)
      asks = snapshot.asks.map(keyLevel)
    } catch (error) {
      this.synced = false
      throw blameLevel(error, [snapshot.bids, snapshot.asks])
    }
    if (this.synced) {
      this.clearRange(this.bidSide, bids)
      this.clearRange(this.askSide, asks)
    } else {
      this.bidSide.clear()
      this.askSide.clear()
      this.time = 0
    }
    for (const l of bids) this.bidSide.setKeyed(l.key, l.price, l.quantity, l.zero)
    for (const l of asks) this.askSide.setKeyed(l.key, l.price, l.quantity, l.zero)
    this.bidSide.trim()
    this.askSide.trim()
    this.height = snapshot.lastUpdateId
    this.seededFlag = true
    this.synced = !this.crossed()
    return true
  }

  /** Applies a diff; false when it was dropped (no snapshot yet, or another symbol). */
  applyDiff(diff: DepthUpdateLike): boolean {
    if (!this.seededFlag || !this.mine(diff.symbol)) return false
    try {
      for (const level of diff.bids) this.bidSide.set(level)
      for (const level of diff.asks) this.askSide.set(level)
    } catch (error) {
      this.synced = false
      this.bidSide.trim() // the levels applied before the bad one stay bounded too
      this.askSide.trim()
      throw blameLevel(error, [diff.bids, diff.asks])
    }
    this.bidSide.trim()
    this.askSide.trim()
    this.time = diff.time
    if (this.synced && this.crossed()) this.synced = false
    return true
  }

  /** Marks the book out of sync (a reconnect); the next snapshot replaces it. False if it already was. */
  markOutOfSync(): boolean {
    const was = this.synced
    this.synced = false
    return was
  }

  /** Bids, best (highest) first, at most `depth` of them: a frozen array (see `BookSide.top`). */
  bids(depth?: number): readonly PriceLevel[] {
    return this.bidSide.top(depth)
  }

  /** Asks, best (lowest) first, at most `depth` of them: a frozen array (see `BookSide.top`). */
  asks(depth?: number): readonly PriceLevel[] {
    return this.askSide.top(depth)
  }

  /**
   * An immutable picture of the book now, with at most `depth` levels per side. A side that has not
   * changed within those levels since the last view is the very same frozen array as in that view, so a
   * view costs a copy only of what changed.
   */
  view(depth?: number): OrderBook {
    return {
      symbol: this.symbol,
      bids: this.bidSide.top(depth),
      asks: this.askSide.top(depth),
      inSync: this.synced,
      lastUpdateId: this.height,
      updateTime: this.time,
    }
  }

  /** Servers before Feb 2019 sent snapshots without a symbol: those are taken as this book's. */
  private mine(symbol: string | undefined): boolean {
    if (typeof symbol !== 'string' || symbol === this.symbol) return true
    return symbol.toUpperCase() === this.symbol.toUpperCase()
  }

  private crossed(): boolean {
    const bid = this.bidSide.bestKey()
    const ask = this.askSide.bestKey()
    return bid !== undefined && ask !== undefined && !keyBefore(bid, ask)
  }

  /** The reconcile rule for one side of an in-sync snapshot (see the class comment). */
  private clearRange(side: BookSide, levels: readonly KeyedLevel[]): void {
    if (levels.length < this.snapshotDepth) return side.clear()
    let worst = levels[0].key
    for (const { key } of levels) {
      if (side.descending ? keyBefore(key, worst) : keyBefore(worst, key)) worst = key
    }
    side.removeThrough(worst)
  }
}
