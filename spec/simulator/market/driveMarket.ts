import { KLINE_INTERVALS } from '../../../src/KlineInterval'
import type { MarketFrame, SimulatedMarket, Wants } from '../../../src/simulator/market/SimulatedMarket'

/** One block of a driven market: its frames, and the per-second frames pushed right after it (if any). */
export interface Step {
  readonly height: number
  readonly nowMs: number
  readonly block: MarketFrame[]
  readonly second: MarketFrame[]
}

export interface DriveOptions {
  blocks: number
  startMs: number
  stepMs: number
  /** Call `second()` after every n-th block (at the block's time). */
  secondEvery: number
  wants?: Wants
}

/** Runs `blocks` blocks, calling `after` once each block (and its second) is done. */
export function drive(
  market: SimulatedMarket,
  { blocks, startMs, stepMs, secondEvery, wants }: DriveOptions,
  after?: (step: Step) => void,
): Step[] {
  const steps: Step[] = []
  for (let i = 0; i < blocks; i++) {
    const nowMs = startMs + i * stepMs
    const block = market.block(nowMs, wants)
    const second = (i + 1) % secondEvery === 0 ? market.second(nowMs, wants) : []
    const step = { height: market.height, nowMs, block, second }
    steps.push(step)
    after?.(step)
  }
  return steps
}

const ALL_TOPICS = new Set(['blockheight', 'allTickers', 'allMiniTickers'])

/** The 15 kline intervals. */
export const INTERVALS: readonly string[] = KLINE_INTERVALS

/** The `wants` key of a frame: its address, its symbol, or undefined for the `$all` topics. */
export function frameKey(frame: MarketFrame): string | undefined {
  if (frame.address !== undefined) return frame.address
  if (ALL_TOPICS.has(frame.stream)) return undefined
  const data = (Array.isArray(frame.data) ? frame.data[0] : frame.data) as Record<string, unknown>
  return (data.s ?? data.symbol) as string
}

/** The payload of `stream` for `key` among one step's block frames, if there is one. */
export function blockFrame(step: Step, stream: string, key: string): any {
  return step.block.find((f) => f.stream === stream && frameKey(f) === key)?.data
}

const indexes = new WeakMap<readonly Step[], Map<string, MarketFrame[]>>()

/** The payloads of one stream (and symbol or address, if given) in the order they were produced. */
export function framesOf(steps: readonly Step[], stream: string, key?: string): any[] {
  let index = indexes.get(steps)
  if (!index) {
    index = new Map()
    for (const step of steps) {
      for (const frame of [...step.block, ...step.second]) {
        for (const name of [frame.stream, `${frame.stream}|${frameKey(frame)}`]) {
          const list = index.get(name) ?? []
          if (list.length === 0) index.set(name, list)
          list.push(frame)
        }
      }
    }
    indexes.set(steps, index)
  }
  return (index.get(key === undefined ? stream : `${stream}|${key}`) ?? []).map((f) => f.data)
}

/** JSON text of a value that may hold bigints (written `123n`), for cheap deep comparisons. */
export const text = (value: unknown): string =>
  JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v))

/** A fingerprint of the market's whole state: full books, every balance, the fees. */
export function fingerprint(market: SimulatedMarket): unknown {
  return {
    height: market.height,
    books: market.symbols.map((symbol) => market.depth(symbol, 100_000)),
    balances: market.addresses.map((address) => market.balances(address)),
    open: market.addresses.map((address) => market.openOrders(address).length),
    fees: market.fees(),
  }
}

/** Applies a marketDiff side to a book side (price → quantity). */
export function applySide(levels: Map<string, string>, changes: readonly [string, string][]): void {
  for (const [price, qty] of changes) {
    if (qty === '0.00000000') levels.delete(price)
    else levels.set(price, qty)
  }
}

/** A book side as sorted wire pairs. */
export function sortedSide(levels: Map<string, string>, descending: boolean): [string, string][] {
  const keyed = [...levels].map((level): [bigint, [string, string]] => [decimal(level[0]), level])
  keyed.sort(([x], [y]) => (x === y ? 0 : x < y === descending ? 1 : -1))
  return keyed.map(([, level]) => level)
}

/** An 8-decimal wire string as bigint 1e-8 units, parsed independently of the code under test. */
export function decimal(text: string): bigint {
  const match = /^(-?)(\d+)\.(\d{8})$/.exec(text)
  if (!match) throw new Error(`not an 8-decimal string: ${text}`)
  const units = BigInt(match[2]) * 100_000_000n + BigInt(match[3])
  return match[1] === '-' ? -units : units
}
