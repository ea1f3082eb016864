import { fixed, fromUnits, toUnits } from './decimal.js'

/**
 * The order book: asks above (best ask nearest the middle), the spread, bids below. Each row has a depth
 * bar sized by the cumulative quantity up to that level, on one scale for both sides, so a thin side shows.
 * Rows are built once and updated in place: a book arrives every block and must not flicker.
 */
export class OrderBookPanel {
  constructor(root, levels) {
    this.levels = levels
    this.asks = rowsIn(root.querySelector('[data-side="asks"]'), levels)
    this.bids = rowsIn(root.querySelector('[data-side="bids"]'), levels)
    this.spread = root.querySelector('[data-role="spread"]')
    this.mid = root.querySelector('[data-role="mid"]')
    this.sync = root.querySelector('[data-role="sync"]')
    this.root = root
  }

  clear() {
    for (const row of [...this.asks, ...this.bids]) fill(row, undefined)
    this.spread.textContent = '—'
    this.mid.textContent = '—'
    this.root.dataset.levels = '0'
  }

  /** `book`: `{ bids, asks, inSync? }`, best level first on each side; `precision` from `precisionOf`. */
  update(book, precision) {
    const bids = cumulate(book.bids.slice(0, this.levels))
    const asks = cumulate(book.asks.slice(0, this.levels))
    const deepest = Math.max(...[bids, asks].map((side) => Number(fromUnits(side.at(-1)?.total ?? 0n))))
    // Asks render top-down from the worst shown level to the best, so the best ask sits on the spread.
    this.asks.forEach((row, i) => fill(row, asks[this.levels - 1 - i], precision, deepest))
    this.bids.forEach((row, i) => fill(row, bids[i], precision, deepest))
    this.root.dataset.levels = String(bids.length + asks.length)

    const [bestBid] = book.bids
    const [bestAsk] = book.asks
    if (bestBid && bestAsk) {
      const bid = toUnits(bestBid[0])
      const ask = toUnits(bestAsk[0])
      const spread = ask - bid
      const pct = (Number(spread) / Number(ask)) * 100
      this.spread.textContent = `${fixed(fromUnits(spread), precision.price)}  (${pct.toFixed(3)}%)`
      this.mid.textContent = fixed(fromUnits((bid + ask) / 2n), precision.price + 1)
    }
    if (this.sync) {
      const inSync = book.inSync !== false
      this.sync.textContent = inSync ? 'in sync' : 'resyncing'
      this.sync.dataset.ok = String(inSync)
    }
  }
}

function rowsIn(container, count) {
  container.replaceChildren()
  return Array.from({ length: count }, () => {
    const row = document.createElement('div')
    row.className = 'level'
    row.innerHTML =
      '<span class="bar"></span><span class="price"></span><span class="qty"></span><span class="total"></span>'
    container.append(row)
    return {
      row,
      bar: row.children[0],
      price: row.children[1],
      qty: row.children[2],
      total: row.children[3],
    }
  })
}

function cumulate(levels) {
  let total = 0n
  return levels.map(([price, quantity]) => {
    total += toUnits(quantity)
    return { price, quantity, total }
  })
}

function fill(cells, level, precision, deepest) {
  if (!level) {
    cells.row.classList.add('empty')
    cells.price.textContent = cells.qty.textContent = cells.total.textContent = ''
    cells.bar.style.width = '0'
    return
  }
  cells.row.classList.remove('empty')
  cells.price.textContent = fixed(level.price, precision.price)
  cells.qty.textContent = fixed(level.quantity, precision.quantity)
  const total = fromUnits(level.total)
  cells.total.textContent = fixed(total, precision.quantity)
  cells.bar.style.width = `${deepest > 0 ? Math.min(100, (Number(total) / deepest) * 100).toFixed(2) : 0}%`
}
