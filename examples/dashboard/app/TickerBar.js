import { compact, fixed } from './decimal.js'

/**
 * The 24-hour ticker strip: last price (flashing on each change), change, high, low, volumes, trades and the
 * best bid and ask. Every field is an element with `data-field` in the page.
 */
export class TickerBar {
  constructor(root) {
    this.root = root
    const fields = [...root.querySelectorAll('[data-field]')]
    this.fields = Object.fromEntries(fields.map((el) => [el.dataset.field, el]))
    this.previous = undefined
  }

  clear() {
    for (const el of Object.values(this.fields)) el.textContent = '—'
    this.previous = undefined
    this.root.dataset.direction = 'flat'
  }

  update(t, precision) {
    const p = precision.price
    const f = this.fields
    const last = Number(t.lastPrice)
    if (this.previous !== undefined && last !== this.previous) {
      flash(f.last, last > this.previous ? 'up' : 'down')
    }
    this.previous = last
    const change = Number(t.priceChange)
    this.root.dataset.direction = change > 0 ? 'up' : change < 0 ? 'down' : 'flat'
    const sign = change > 0 ? '+' : ''
    f.last.textContent = fixed(t.lastPrice, p)
    f.change.textContent = `${sign}${fixed(t.priceChange, p)}`
    f.changePercent.textContent = `${sign}${fixed(t.priceChangePercent, 2)}%`
    f.high.textContent = fixed(t.high, p)
    f.low.textContent = fixed(t.low, p)
    f.volume.textContent = compact(t.volume)
    f.quoteVolume.textContent = compact(t.quoteVolume)
    f.trades.textContent = t.trades.toLocaleString('en-US')
    f.bid.textContent = fixed(t.bestBidPrice, p)
    f.ask.textContent = fixed(t.bestAskPrice, p)
  }
}

function flash(el, direction) {
  el.classList.remove('flash-up', 'flash-down')
  void el.offsetWidth // restarts the CSS animation
  el.classList.add(`flash-${direction}`)
}
