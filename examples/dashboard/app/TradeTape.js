import { fixed } from './decimal.js'

const BUY = new Set(['BuyTaker', 'BuySurplus'])
const SELL = new Set(['SellTaker', 'SellSurplus'])

/**
 * The trade tape: newest first, coloured by the taker's side. Real servers send `tickType`; when a trade
 * has none (or a neutral one) the tick rule decides: up from the previous price is a buy.
 */
export class TradeTape {
  constructor(list, limit = 60) {
    this.list = list
    this.limit = limit
    this.lastPrice = undefined
    this.count = 0
  }

  clear() {
    this.list.replaceChildren()
    this.lastPrice = undefined
    this.count = 0
    this.list.dataset.count = '0'
  }

  add(trade, precision) {
    const side = sideOf(trade, this.lastPrice)
    this.lastPrice = Number(trade.price)
    const item = document.createElement('li')
    item.className = `trade ${side} fresh`
    item.innerHTML = '<span class="price"></span><span class="qty"></span><span class="time"></span>'
    item.dataset.price = trade.price
    item.dataset.quantity = trade.quantity
    format(item, precision)
    item.children[2].textContent = clock(trade.tradeTime)
    item.title = `trade ${trade.tradeId} at height ${trade.height}`
    this.list.prepend(item)
    while (this.list.children.length > this.limit) this.list.lastElementChild.remove()
    this.count++
    this.list.dataset.count = String(this.count)
  }

  /** Decimals learned later (a price like "0.00001500" alone does not reveal the tick) re-format the tape. */
  setPrecision(precision) {
    for (const item of this.list.children) format(item, precision)
  }
}

function format(item, precision) {
  item.children[0].textContent = fixed(item.dataset.price, precision.price)
  item.children[1].textContent = fixed(item.dataset.quantity, precision.quantity)
}

function sideOf(trade, previous) {
  if (BUY.has(trade.tickType)) return 'buy'
  if (SELL.has(trade.tickType)) return 'sell'
  return previous !== undefined && Number(trade.price) < previous ? 'sell' : 'buy'
}

/** `tradeTime` is a bigint of nanoseconds on real servers; be lenient with milliseconds too. */
function clock(tradeTime) {
  const ns = typeof tradeTime === 'bigint' ? tradeTime : BigInt(Math.trunc(Number(tradeTime ?? 0)))
  const ms = ns > 100_000_000_000_000n ? Number(ns / 1_000_000n) : Number(ns)
  return new Date(ms).toLocaleTimeString([], { hour12: false })
}
