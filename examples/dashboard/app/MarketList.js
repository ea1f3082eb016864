import { fixed, significantDecimals } from './decimal.js'

/**
 * The symbol picker: every market the server ticks (from `allMiniTickers`), with last price and 24-hour
 * change; a click selects one. Decimals per market only ever grow, so prices do not jitter in width.
 */
export class MarketList {
  constructor(list, onSelect) {
    this.list = list
    this.onSelect = onSelect
    this.rows = new Map()
    this.decimals = new Map()
    this.selected = undefined
  }

  clear() {
    this.list.replaceChildren()
    this.rows.clear()
    this.firstListed = undefined
  }

  select(symbol) {
    this.selected = symbol
    for (const [s, row] of this.rows) row.classList.toggle('active', s === symbol)
  }

  /** The first symbol the server listed, to start with when none was asked for. */
  first() {
    return this.firstListed
  }

  update(tickers) {
    this.firstListed ??= tickers[0]?.symbol
    for (const t of [...tickers].sort((a, b) => a.symbol.localeCompare(b.symbol))) {
      const row = this.rows.get(t.symbol) ?? this.add(t.symbol)
      const decimals = Math.max(this.decimals.get(t.symbol) ?? 2, significantDecimals(t.lastPrice))
      this.decimals.set(t.symbol, decimals)
      const open = Number(t.open)
      const change = open > 0 ? ((Number(t.lastPrice) - open) / open) * 100 : 0
      row.querySelector('.price').textContent = fixed(t.lastPrice, decimals)
      const pct = row.querySelector('.change')
      pct.textContent = `${change > 0 ? '+' : ''}${change.toFixed(2)}%`
      pct.dataset.direction = change > 0 ? 'up' : change < 0 ? 'down' : 'flat'
    }
    this.list.dataset.count = String(this.rows.size)
  }

  add(symbol) {
    const [base, quote] = symbol.split('_')
    const row = document.createElement('li')
    row.className = 'market'
    row.dataset.symbol = symbol
    row.tabIndex = 0
    row.innerHTML =
      '<span class="name"><b></b><small></small></span><span class="price"></span><span class="change"></span>'
    row.querySelector('b').textContent = base
    row.querySelector('small').textContent = `/${quote}`
    row.addEventListener('click', () => this.onSelect(symbol))
    row.addEventListener('keydown', (e) => e.key === 'Enter' && this.onSelect(symbol))
    row.classList.toggle('active', symbol === this.selected)
    // Keep the list alphabetical as markets appear.
    const next = [...this.rows.keys()].sort().find((s) => s.localeCompare(symbol) > 0)
    this.list.insertBefore(row, next ? this.rows.get(next) : null)
    this.rows.set(symbol, row)
    return row
  }
}
