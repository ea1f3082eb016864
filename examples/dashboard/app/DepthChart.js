import { CanvasView } from './CanvasView.js'

const COLORS = {
  bid: '#0ecb81',
  ask: '#f6465d',
  bidFill: 'rgba(14, 203, 129, 0.18)',
  askFill: 'rgba(246, 70, 93, 0.18)',
  axis: '#848e9c',
  grid: 'rgba(132, 142, 156, 0.12)',
}
const AXIS_HEIGHT = 20

/**
 * The market depth chart: cumulative quantity against price, bids stepping down to the left of the mid
 * price and asks to the right. It shows at a glance how thick each side is and where the walls are.
 * Floats are fine here: this is a picture of the book, not a number anyone reads off to the last digit.
 */
export class DepthChart extends CanvasView {
  constructor(canvas) {
    super(canvas)
    this.book = undefined
    this.precision = { price: 2 }
  }

  clear() {
    this.book = undefined
    this.schedule()
  }

  update(book, precision) {
    this.book = book
    this.precision = precision
    this.schedule()
  }

  paint(g, width, height) {
    const bids = cumulative(this.book?.bids ?? [])
    const asks = cumulative(this.book?.asks ?? [])
    if (bids.length === 0 || asks.length === 0) return

    const mid = (bids[0].price + asks[0].price) / 2
    const reach = Math.max(mid - bids.at(-1).price, asks.at(-1).price - mid) * 1.02
    const left = 8
    const right = width - 8
    const top = 14
    const bottom = height - AXIS_HEIGHT
    const deepest = Math.max(bids.at(-1).total, asks.at(-1).total) * 1.1
    const xOf = (price) => left + ((price - (mid - reach)) / (2 * reach)) * (right - left)
    const yOf = (total) => bottom - (total / deepest) * (bottom - top)

    g.strokeStyle = COLORS.grid
    for (let i = 1; i <= 3; i++) {
      const y = Math.round(top + ((bottom - top) * i) / 4) + 0.5
      g.beginPath()
      g.moveTo(left, y)
      g.lineTo(right, y)
      g.stroke()
    }
    side(g, bids, xOf, yOf, bottom, xOf(mid - reach), COLORS.bid, COLORS.bidFill)
    side(g, asks, xOf, yOf, bottom, xOf(mid + reach), COLORS.ask, COLORS.askFill)

    g.fillStyle = COLORS.axis
    const p = this.precision.price
    g.textAlign = 'left'
    g.fillText((mid - reach).toFixed(p), left, bottom + AXIS_HEIGHT / 2)
    g.textAlign = 'center'
    g.fillText(mid.toFixed(p + 1), xOf(mid), bottom + AXIS_HEIGHT / 2)
    g.textAlign = 'right'
    g.fillText((mid + reach).toFixed(p), right, bottom + AXIS_HEIGHT / 2)
    g.fillText(`Σ ${Math.round(deepest / 1.1).toLocaleString('en-US')}`, right, top)
  }
}

function cumulative(levels) {
  let total = 0
  return levels.map(([price, quantity]) => {
    total += Number(quantity)
    return { price: Number(price), total }
  })
}

/** One side as a step line from the best level outwards, filled down to the axis, extended to `edge`. */
function side(g, levels, xOf, yOf, bottom, edge, stroke, fill) {
  // The same step line twice: closed down to the axis for the fill, open for the stroke.
  const trace = () => {
    g.beginPath()
    g.moveTo(xOf(levels[0].price), bottom)
    let y = bottom
    for (const level of levels) {
      const x = xOf(level.price)
      g.lineTo(x, y)
      y = yOf(level.total)
      g.lineTo(x, y)
    }
    g.lineTo(edge, y)
  }
  trace()
  g.lineTo(edge, bottom)
  g.closePath()
  g.fillStyle = fill
  g.fill()
  g.strokeStyle = stroke
  g.lineWidth = 1.5
  trace()
  g.stroke()
  g.lineWidth = 1
}
