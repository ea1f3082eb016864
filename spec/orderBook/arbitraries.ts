import fc from 'fast-check'
import type { DepthSnapshotLike, DepthUpdateLike } from '../../src/internal/orderBook/depthInputs'
import type { PriceLevel } from '../../src/internal/orderBook/OrderBook'

// Generators for the order book properties. Prices come from a small per-run pool so that updates hit
// existing levels, removals hit absent ones and one diff repeats a price; the pool spans 1e-8 .. 1e5.

const UNIT = 100_000_000n

/** A price in units of 1e-8, log-uniform over 1e-8 .. 1e5. */
export const priceUnits = fc.oneof(
  fc
    .integer({ min: 0, max: 12 })
    .chain((e) => fc.bigInt({ min: 10n ** BigInt(e), max: 10n ** BigInt(e + 1) - 1n })),
  fc.constant(100_000n * UNIT),
)

/** Writes units the ways a decimal can be written: 8 decimals, trimmed, padded, with leading zeros. */
export function formatUnits(units: bigint, style: number): string {
  const whole = (units / UNIT).toString()
  const eight = (units % UNIT).toString().padStart(8, '0')
  const trimmed = eight.replace(/0+$/, '')
  switch (style % 4) {
    case 0:
      return `${whole}.${eight}`
    case 1:
      return trimmed ? `${whole}.${trimmed}` : whole
    case 2:
      return `${whole}.${eight}0000`
    default:
      return `0${whole}.${trimmed || '0'}`
  }
}

/** A decimal string of any magnitude in the pool's range, in any of the styles. */
export const decimal = fc.tuple(priceUnits, fc.nat(3)).map(([u, s]) => formatUnits(u, s))

/** Quantities: a third are a zero in one of its spellings (which removes the level). */
export const quantity = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('0', '0.00000000', '0.0', '00') },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.bigInt({ min: 1n, max: 10n ** 15n }), fc.nat(3))
      .map(([units, style]) => formatUnits(units, style)),
  },
)

export type Op =
  | { kind: 'snapshot'; snapshot: DepthSnapshotLike }
  | { kind: 'diff'; diff: DepthUpdateLike }
  | { kind: 'resync' }

interface Pick {
  index: number
  style: number
  quantity: string
  anywhere: boolean
}

const pick = fc.record({
  index: fc.nat(),
  style: fc.nat(3),
  quantity,
  anywhere: fc.oneof(
    { weight: 1, arbitrary: fc.constant(true) },
    { weight: 30, arbitrary: fc.constant(false) },
  ),
})

/**
 * Scenarios: a price pool (sorted), a snapshot depth, and a list of operations. Bids are drawn from the lower
 * half of the pool and asks from the upper half, except for a rare level drawn from anywhere, so books cross
 * now and then but mostly stay in sync long enough to grow and be reconciled.
 */
export const scenario = fc
  .record({
    pool: fc
      .uniqueArray(priceUnits, { minLength: 2, maxLength: 80, size: 'medium' })
      .map((p) => [...p].sort((a, b) => (a < b ? -1 : 1))),
    snapshotDepth: fc.integer({ min: 1, max: 8 }),
    steps: fc.array(
      fc.record({
        kind: fc.constantFrom('snapshot', 'snapshot', 'diff', 'diff', 'diff', 'diff', 'resync'),
        heightStep: fc.integer({ min: -2, max: 3 }),
        time: fc.nat(2_000_000_000),
        bids: fc.array(pick, { maxLength: 12 }),
        asks: fc.array(pick, { maxLength: 12 }),
      }),
      { minLength: 1, maxLength: 60, size: 'medium' },
    ),
  })
  .map(({ pool, snapshotDepth, steps }) => {
    const half = pool.length >> 1
    const levels = (picks: Pick[], from: number, count: number): PriceLevel[] =>
      picks.map((p) => {
        const units = p.anywhere ? pool[p.index % pool.length] : pool[from + (p.index % count)]
        return [formatUnits(units, p.style), p.quantity] as const
      })
    let height = 100
    const ops: Op[] = steps.map((s): Op => {
      const bids = levels(s.bids, 0, half)
      const asks = levels(s.asks, half, pool.length - half)
      if (s.kind === 'resync') return { kind: 'resync' }
      if (s.kind === 'diff') return { kind: 'diff', diff: { time: s.time, symbol: 'BNB_BTC', bids, asks } }
      height += s.heightStep
      return { kind: 'snapshot', snapshot: { lastUpdateId: height, symbol: 'BNB_BTC', bids, asks } }
    })
    return { snapshotDepth, ops }
  })
