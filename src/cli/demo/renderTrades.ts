import type { Trade } from '../../codecs'
import { clock, decimalColumn, fit, toMillis, type TimeZone } from './format'
import { fitSegments, type Panel } from './segments'

/** A space, the time, a space, the side arrow, a space, and the space between price and quantity. */
const FIXED = 1 + 8 + 1 + 1 + 1 + 1
const MAX_NUMBER_WIDTH = 16

/**
 * @internal
 * The recent trades panel, `width` columns wide and `count` rows tall, newest at the top. The arrow and
 * the price's color tell who took liquidity: ▲ green a buyer, ▼ red a seller.
 */
export function renderTrades(trades: readonly Trade[], count: number, width: number, zone: TimeZone): Panel {
  // Wide panels leave the extra room on the right rather than stretching the columns apart.
  const numbers = Math.min(2 * MAX_NUMBER_WIDTH, Math.max(0, width - FIXED))
  const priceWidth = Math.ceil(numbers / 2)
  const qtyWidth = numbers - priceWidth
  const numberTitles = `${fit('price', priceWidth, 'right')} ${fit('quantity', qtyWidth, 'right')}`
  const header = fitSegments([[` ${fit('time', 8)}   ${numberTitles}`, 'dim']], width)
  const shown = trades.slice(0, count)
  const prices = decimalColumn(shown.map((t) => t.price), priceWidth)
  const quantities = decimalColumn(shown.map((t) => t.quantity), qtyWidth)
  const rows = shown.map((trade, i) => {
    const side = takerSide(trade)
    const style = side === 'buy' ? 'green' : side === 'sell' ? 'red' : 'dim'
    const arrow = side === 'buy' ? '▲' : side === 'sell' ? '▼' : '·'
    return fitSegments(
      [
        [` ${clock(toMillis(trade.tradeTime), zone)} `, 'dim'],
        [`${arrow} ${fit(prices[i], priceWidth, 'right')}`, style],
        [` ${fit(quantities[i], qtyWidth, 'right')}`],
      ],
      width,
    )
  })
  if (rows.length === 0 && count > 0) rows.push(fitSegments([[' no trades yet', 'dim']], width))
  while (rows.length < count) rows.push(fitSegments([], width))
  return { header, rows }
}

/** @internal Which side took liquidity, from the tick type (`undefined` when the server does not say). */
export function takerSide(trade: Trade): 'buy' | 'sell' | undefined {
  switch (trade.tickType) {
    case 'BuyTaker':
    case 'BuySurplus':
      return 'buy'
    case 'SellTaker':
    case 'SellSurplus':
      return 'sell'
    default:
      return undefined
  }
}
