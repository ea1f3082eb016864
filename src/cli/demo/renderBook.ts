import type { PriceLevel } from '../../codecs'
import type { DemoBook } from './DemoState'
import { decimalColumn, fit, fromUnits, toUnits, trimZeros } from './format'
import { fitSegments, type Panel, type Segment } from './segments'

const PRICE_WIDTH = 12
const QTY_WIDTH = 14
/** One space before the price and one after each of price and quantity. */
const FIXED = 1 + PRICE_WIDTH + 1 + QTY_WIDTH + 1
const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉']

/**
 * @internal
 * The order book panel, `width` columns wide: a column header, then `levels` asks (worst at the top, best
 * just above the spread), the spread, and `levels` bids (best first). Depth bars show the cumulative
 * quantity from the spread outward, on one scale for both sides.
 */
export function renderBook(book: DemoBook | undefined, levels: number, width: number): Panel {
  // One column stays free so the longest bar does not touch the panel's border.
  const barWidth = Math.max(0, width - FIXED - 1)
  const titles = ` ${fit('price', PRICE_WIDTH, 'right')} ${fit('quantity', QTY_WIDTH, 'right')} depth`
  const header = fitSegments([[titles, 'dim']], width)
  const blank = (): Segment[] => fitSegments([], width)
  if (book === undefined) {
    const rows = Array.from({ length: 2 * levels + 1 }, blank)
    rows[levels] = fitSegments([[' waiting for the order book…', 'dim']], width)
    return { header, rows }
  }
  const asks = book.asks.slice(0, levels)
  const bids = book.bids.slice(0, levels)
  const prices = decimalColumn([...asks, ...bids].map(([p]) => p), PRICE_WIDTH)
  const quantities = decimalColumn([...asks, ...bids].map(([, q]) => q), QTY_WIDTH)
  const askDepth = cumulative(asks)
  const bidDepth = cumulative(bids)
  const scale = Math.max(askDepth[askDepth.length - 1] ?? 0, bidDepth[bidDepth.length - 1] ?? 0)
  const row = (i: number, depth: number, style: 'red' | 'green'): Segment[] =>
    fitSegments(
      [
        [` ${fit(prices[i], PRICE_WIDTH, 'right')}`, style],
        [` ${fit(quantities[i], QTY_WIDTH, 'right')} `],
        [bar(depth, scale, barWidth), style],
      ],
      width,
    )
  const askRows = asks.map((_, i) => row(i, askDepth[i], 'red')).reverse()
  const bidRows = bids.map((_, i) => row(asks.length + i, bidDepth[i], 'green'))
  return {
    header,
    rows: [
      ...Array.from({ length: levels - askRows.length }, blank),
      ...askRows,
      fitSegments(spreadLine(asks[0], bids[0]), width),
      ...bidRows,
      ...Array.from({ length: levels - bidRows.length }, blank),
    ],
  }
}

/** Running totals of quantity from the best level outward. Floats: they only size bars. */
function cumulative(levels: readonly PriceLevel[]): number[] {
  let total = 0
  return levels.map(([, quantity]) => (total += Number(quantity) || 0))
}

/** A bar of `value / scale` of `width` columns, in eighths of a column. */
function bar(value: number, scale: number, width: number): string {
  if (!(scale > 0) || width <= 0) return ''
  const eighths = Math.round((Math.min(value, scale) / scale) * width * 8)
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8]
}

function spreadLine(bestAsk: PriceLevel | undefined, bestBid: PriceLevel | undefined): Segment[] {
  const ask = bestAsk && toUnits(bestAsk[0])
  const bid = bestBid && toUnits(bestBid[0])
  if (ask === undefined || bid === undefined) return [[' spread  —', 'dim']]
  const spread = ask - bid
  const mid = Number(ask + bid) / 2
  const pct = mid > 0 ? ` (${((Number(spread) / mid) * 100).toFixed(3)}%)` : ''
  return [
    [' spread ', 'dim'],
    [trimZeros(fromUnits(spread)), 'yellow'],
    [pct, 'dim'],
  ]
}
