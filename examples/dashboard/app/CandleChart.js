import { CanvasView, niceStep } from './CanvasView.js'
import { compact, fixed } from './decimal.js'

const COLORS = {
  up: '#0ecb81',
  down: '#f6465d',
  grid: 'rgba(132, 142, 156, 0.12)',
  axis: '#848e9c',
  crosshair: 'rgba(234, 236, 239, 0.35)',
  labelText: '#0b0e11',
}
const MIN_SLOTS = 48
const KEEP = 240
const AXIS_WIDTH = 76
const AXIS_HEIGHT = 22

/**
 * A candlestick chart of one symbol and interval, drawn on a canvas. The WebSocket API sends only the current
 * candle (every second) and each candle once more when it closes, so the chart starts from the REST history
 * (`seed`) when the server has one, and otherwise builds up while the page is open; until it fills the
 * width, candles line up from the right as on any exchange chart.
 * Floats are used for drawing only; the legend prints the server's exact text.
 */
export class CandleChart extends CanvasView {
  constructor(canvas, legend) {
    super(canvas)
    this.legend = legend
    this.candles = []
    this.precision = { price: 2, quantity: 2 }
    this.interval = '1m'
    this.hover = undefined
    canvas.addEventListener('mousemove', (event) => this.pointAt(event.offsetX))
    canvas.addEventListener('mouseleave', () => this.pointAt(undefined))
  }

  reset(interval) {
    this.interval = interval
    this.candles = []
    this.hover = undefined
    this.canvas.dataset.candles = '0'
    this.schedule()
  }

  setPrecision(precision) {
    this.precision = precision
    this.schedule()
  }

  /**
   * Puts history before the candles the stream already gave: REST rows `[openTime, open, high, low, close,
   * volume, closeTime, quoteVolume, trades]`, oldest first. Rows the stream has already covered are skipped.
   */
  seed(rows) {
    const first = this.candles[0]?.t ?? Infinity
    const older = rows
      .filter((row) => row[0] < first)
      .map(([openTime, open, high, low, close, volume, closeTime, quoteVolume, trades]) =>
        this.candleOf({
          openTime,
          open,
          high,
          low,
          close,
          volume,
          closeTime,
          quoteVolume,
          trades,
          closed: true,
        }),
      )
    this.candles = [...older, ...this.candles].slice(-KEEP)
    this.canvas.dataset.candles = String(this.candles.length)
    this.schedule()
  }

  /** Adds a kline, or updates the candle with the same open time. */
  add(kline) {
    const candle = this.candleOf(kline)
    const last = this.candles.at(-1)
    if (last && last.t === candle.t) this.candles[this.candles.length - 1] = candle
    else if (!last || candle.t > last.t) this.candles.push(candle)
    else return
    if (this.candles.length > KEEP) this.candles.shift()
    this.canvas.dataset.candles = String(this.candles.length)
    this.schedule()
  }

  candleOf(kline) {
    return {
      t: kline.openTime,
      o: Number(kline.open),
      h: Number(kline.high),
      l: Number(kline.low),
      c: Number(kline.close),
      v: Number(kline.volume),
      kline,
    }
  }

  pointAt(x) {
    this.hover = x
    this.schedule()
  }

  paint(g, width, height) {
    const plot = { left: 8, top: 12, right: width - AXIS_WIDTH, bottom: height - AXIS_HEIGHT }
    const volumeTop = plot.bottom - (plot.bottom - plot.top) * 0.2
    const candles = this.visible(plot.right - plot.left)
    if (candles.length === 0) {
      g.fillStyle = COLORS.axis
      g.textAlign = 'center'
      g.fillText('waiting for the first kline…', width / 2, height / 2)
      this.renderLegend(undefined)
      return
    }

    const slot = (plot.right - plot.left) / Math.max(MIN_SLOTS, candles.length)
    const xOf = (i) => plot.right - (candles.length - i - 0.5) * slot
    let low = Math.min(...candles.map((c) => c.l))
    let high = Math.max(...candles.map((c) => c.h))
    const pad = (high - low) * 0.08 || high * 0.002 || 1
    low -= pad
    high += pad
    const priceBottom = volumeTop - 8
    const yOf = (price) => plot.top + ((high - price) / (high - low)) * (priceBottom - plot.top)
    const maxVolume = Math.max(...candles.map((c) => c.v)) || 1

    const last = candles.at(-1)
    this.drawGrid(g, plot, low, high, yOf, candles, xOf, yOf(last.c))
    const body = Math.max(1, Math.min(16, slot * 0.68))
    candles.forEach((c, i) => {
      const x = Math.round(xOf(i)) + 0.5
      const color = c.c >= c.o ? COLORS.up : COLORS.down
      g.strokeStyle = g.fillStyle = color
      g.beginPath()
      g.moveTo(x, yOf(c.h))
      g.lineTo(x, yOf(c.l))
      g.stroke()
      const top = yOf(Math.max(c.o, c.c))
      g.fillRect(x - body / 2, top, body, Math.max(1, yOf(Math.min(c.o, c.c)) - top))
      g.globalAlpha = 0.35
      const vh = (c.v / maxVolume) * (plot.bottom - volumeTop)
      g.fillRect(x - body / 2, plot.bottom - vh, body, vh)
      g.globalAlpha = 1
    })

    if (candles.length < 6) {
      g.fillStyle = COLORS.axis
      g.textAlign = 'left'
      const note = `${this.interval} candles since the page opened: the server gave no history`
      g.fillText(note, plot.left + 4, plot.top + 6, plot.right - plot.left - 8)
    }
    this.drawPriceTag(g, plot, yOf(last.c), last.c, last.c >= last.o ? COLORS.up : COLORS.down, true)
    const hovered = this.hoveredIndex(candles, xOf, slot)
    if (hovered !== undefined) {
      const x = Math.round(xOf(hovered)) + 0.5
      g.strokeStyle = COLORS.crosshair
      g.setLineDash([3, 3])
      g.beginPath()
      g.moveTo(x, plot.top)
      g.lineTo(x, plot.bottom)
      g.stroke()
      g.setLineDash([])
    }
    this.renderLegend(candles[hovered ?? candles.length - 1])
  }

  visible(plotWidth) {
    const fit = Math.max(MIN_SLOTS, Math.floor(plotWidth / 7))
    return this.candles.slice(-fit)
  }

  hoveredIndex(candles, xOf, slot) {
    if (this.hover === undefined) return undefined
    const i = candles.findIndex((_, k) => Math.abs(xOf(k) - this.hover) <= slot / 2)
    return i < 0 ? undefined : i
  }

  /** Grid lines with price and time labels; no price label within reach of the last-price tag at `tagY`. */
  drawGrid(g, plot, low, high, yOf, candles, xOf, tagY) {
    g.strokeStyle = COLORS.grid
    g.fillStyle = COLORS.axis
    g.lineWidth = 1
    g.textAlign = 'left'
    const step = Math.max(niceStep((high - low) / 5), 10 ** -this.precision.price)
    for (let price = Math.ceil(low / step) * step; price <= high; price += step) {
      const y = Math.round(yOf(price)) + 0.5
      g.beginPath()
      g.moveTo(plot.left, y)
      g.lineTo(plot.right, y)
      g.stroke()
      if (Math.abs(y - tagY) > 14) g.fillText(price.toFixed(this.precision.price), plot.right + 8, y)
    }
    g.textAlign = 'center'
    const every = Math.max(1, Math.ceil(90 / Math.max(1, xOf(1) - xOf(0))))
    candles.forEach((c, i) => {
      if ((candles.length - 1 - i) % every !== 0) return
      const x = Math.round(xOf(i)) + 0.5
      g.beginPath()
      g.moveTo(x, plot.top)
      g.lineTo(x, plot.bottom)
      g.stroke()
      g.fillText(timeLabel(c.t, this.interval), x, plot.bottom + AXIS_HEIGHT / 2 + 1)
    })
  }

  drawPriceTag(g, plot, y, price, color, dashed) {
    g.strokeStyle = color
    if (dashed) g.setLineDash([4, 4])
    g.beginPath()
    g.moveTo(plot.left, Math.round(y) + 0.5)
    g.lineTo(plot.right, Math.round(y) + 0.5)
    g.stroke()
    g.setLineDash([])
    g.fillStyle = color
    g.fillRect(plot.right + 2, y - 9, AXIS_WIDTH - 4, 18)
    g.fillStyle = COLORS.labelText
    g.textAlign = 'left'
    g.fillText(price.toFixed(this.precision.price), plot.right + 8, y + 0.5)
  }

  renderLegend(candle) {
    if (!this.legend) return
    if (!candle) {
      this.legend.replaceChildren()
      return
    }
    const k = candle.kline
    const p = this.precision.price
    const dir = candle.c >= candle.o ? 'up' : 'down'
    const parts = [
      ['O', fixed(k.open, p)],
      ['H', fixed(k.high, p)],
      ['L', fixed(k.low, p)],
      ['C', fixed(k.close, p)],
      ['Vol', compact(k.volume)],
    ]
    this.legend.innerHTML = parts.map(([name]) => `<span>${name} <b class="${dir}"></b></span>`).join('')
    this.legend.querySelectorAll('b').forEach((b, i) => (b.textContent = parts[i][1]))
  }
}

function timeLabel(ms, interval) {
  const d = new Date(ms)
  const pad = (n) => String(n).padStart(2, '0')
  if (/[dwM]$/.test(interval)) return `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`
}
