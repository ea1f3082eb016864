import type { DepthSnapshotLike, DepthUpdateLike } from '../../src/internal/orderBook/depthInputs'
import type { PriceLevel } from '../../src/internal/orderBook/OrderBook'

// The obviously-correct model the real book is checked against: prices become BigInt units of 1e-8 (the test
// generators never produce finer prices), levels live in a Map and every read sorts the whole side. The bound
// (`maxLevels`) is modelled the same plain way: after each frame a side is sorted and cut, and the worst price
// kept becomes the side's frontier, beyond which it takes no new level until a snapshot reaches past it.

export function toUnits(text: string): bigint {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text)
  if (!match) throw new Error(`reference: bad decimal ${text}`)
  const fraction = (match[2] ?? '').replace(/0+$/, '')
  if (fraction.length > 8) throw new Error(`reference: more than 8 decimals in ${text}`)
  return BigInt(match[1]) * 100_000_000n + BigInt(fraction.padEnd(8, '0'))
}

export interface ReferenceView {
  bids: PriceLevel[]
  asks: PriceLevel[]
  inSync: boolean
  seeded: boolean
  lastUpdateId: number
  updateTime: number
}

type Side = Map<bigint, PriceLevel>

/** A side and its frontier (undefined: no limit). */
interface Bounded {
  readonly levels: Side
  frontier: bigint | undefined
  readonly bids: boolean
}

export class ReferenceBook {
  private readonly bid: Bounded = { levels: new Map(), frontier: undefined, bids: true }
  private readonly ask: Bounded = { levels: new Map(), frontier: undefined, bids: false }
  private readonly bidMap = this.bid.levels
  private readonly askMap = this.ask.levels
  private inSync = false
  private seeded = false
  private height = 0
  private time = 0

  constructor(
    private readonly snapshotDepth: number,
    private readonly maxLevels = Infinity,
  ) {}

  snapshot(s: DepthSnapshotLike): boolean {
    if (this.inSync && s.lastUpdateId < this.height) return false
    if (!this.inSync) {
      for (const side of [this.bid, this.ask]) {
        side.levels.clear()
        side.frontier = undefined
      }
      this.time = 0
    } else {
      this.dropRange(this.bid, s.bids)
      this.dropRange(this.ask, s.asks)
    }
    for (const level of s.bids) set(this.bid, level)
    for (const level of s.asks) set(this.ask, level)
    this.trim(this.bid)
    this.trim(this.ask)
    this.height = s.lastUpdateId
    this.seeded = true
    this.inSync = !this.crossed()
    return true
  }

  diff(d: DepthUpdateLike): boolean {
    if (!this.seeded) return false
    for (const level of d.bids) set(this.bid, level)
    for (const level of d.asks) set(this.ask, level)
    this.trim(this.bid)
    this.trim(this.ask)
    this.time = d.time
    if (this.crossed()) this.inSync = false
    return true
  }

  resync(): boolean {
    const was = this.inSync
    this.inSync = false
    return was
  }

  view(): ReferenceView {
    return {
      bids: sorted(this.bidMap, true),
      asks: sorted(this.askMap, false),
      inSync: this.inSync,
      seeded: this.seeded,
      lastUpdateId: this.height,
      updateTime: this.time,
    }
  }

  private dropRange(side: Bounded, levels: readonly PriceLevel[]): void {
    const { bids } = side
    if (levels.length < this.snapshotDepth) {
      side.levels.clear()
      side.frontier = undefined
      return
    }
    const prices = levels.map(([price]) => toUnits(price))
    const worst = prices.reduce((a, b) => (bids ? (b < a ? b : a) : b > a ? b : a))
    for (const price of [...side.levels.keys()]) if (bids ? price >= worst : price <= worst) side.levels.delete(price)
    if (side.frontier !== undefined && (bids ? worst < side.frontier : worst > side.frontier)) side.frontier = worst
  }

  private trim(side: Bounded): void {
    const all = sorted(side.levels, side.bids)
    if (all.length <= this.maxLevels) return
    for (const [price] of all.slice(this.maxLevels)) side.levels.delete(toUnits(price))
    side.frontier = toUnits(all[this.maxLevels - 1][0])
  }

  private crossed(): boolean {
    const bids = sorted(this.bidMap, true)
    const asks = sorted(this.askMap, false)
    return bids.length > 0 && asks.length > 0 && toUnits(bids[0][0]) >= toUnits(asks[0][0])
  }
}

function set(side: Bounded, [price, quantity]: PriceLevel): void {
  const units = toUnits(price)
  if (toUnits(quantity) === 0n) side.levels.delete(units)
  else if (side.levels.has(units) || !beyond(side, units)) side.levels.set(units, [price, quantity])
}

function beyond({ frontier, bids }: Bounded, units: bigint): boolean {
  return frontier !== undefined && (bids ? units < frontier : units > frontier)
}

function sorted(side: Side, descending: boolean): PriceLevel[] {
  return [...side.entries()]
    .sort(([a], [b]) => (a === b ? 0 : (a < b) !== descending ? -1 : 1))
    .map(([, level]) => level)
}
