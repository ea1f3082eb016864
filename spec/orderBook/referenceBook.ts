import type { DepthSnapshotLike, DepthUpdateLike } from '../../src/internal/orderBook/depthInputs'
import type { PriceLevel } from '../../src/internal/orderBook/OrderBook'

// The obviously-correct model the real book is checked against: prices become BigInt units of 1e-8 (the test
// generators never produce finer prices), levels live in a Map and every read sorts the whole side.

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

export class ReferenceBook {
  private readonly bidMap: Side = new Map()
  private readonly askMap: Side = new Map()
  private inSync = false
  private seeded = false
  private height = 0
  private time = 0

  constructor(private readonly snapshotDepth: number) {}

  snapshot(s: DepthSnapshotLike): boolean {
    if (this.inSync && s.lastUpdateId < this.height) return false
    if (!this.inSync) {
      this.bidMap.clear()
      this.askMap.clear()
      this.time = 0
    } else {
      this.dropRange(this.bidMap, s.bids, true)
      this.dropRange(this.askMap, s.asks, false)
    }
    for (const level of s.bids) set(this.bidMap, level)
    for (const level of s.asks) set(this.askMap, level)
    this.height = s.lastUpdateId
    this.seeded = true
    this.inSync = !this.crossed()
    return true
  }

  diff(d: DepthUpdateLike): boolean {
    if (!this.seeded) return false
    for (const level of d.bids) set(this.bidMap, level)
    for (const level of d.asks) set(this.askMap, level)
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

  private dropRange(side: Side, levels: readonly PriceLevel[], bids: boolean): void {
    if (levels.length < this.snapshotDepth) return side.clear()
    const prices = levels.map(([price]) => toUnits(price))
    const worst = prices.reduce((a, b) => (bids ? (b < a ? b : a) : b > a ? b : a))
    for (const price of [...side.keys()]) if (bids ? price >= worst : price <= worst) side.delete(price)
  }

  private crossed(): boolean {
    const bids = sorted(this.bidMap, true)
    const asks = sorted(this.askMap, false)
    return bids.length > 0 && asks.length > 0 && toUnits(bids[0][0]) >= toUnits(asks[0][0])
  }
}

function set(side: Side, [price, quantity]: PriceLevel): void {
  if (toUnits(quantity) === 0n) side.delete(toUnits(price))
  else side.set(toUnits(price), [price, quantity])
}

function sorted(side: Side, descending: boolean): PriceLevel[] {
  return [...side.entries()]
    .sort(([a], [b]) => (a === b ? 0 : (a < b) !== descending ? -1 : 1))
    .map(([, level]) => level)
}
