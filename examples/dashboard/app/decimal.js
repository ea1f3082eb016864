// Exact decimal text handling. The library hands prices and quantities over as the server's text
// ("0.00245000"); the dashboard keeps them exact for what it prints (spreads, cumulative depth) and uses
// floats only to size bars and draw the chart.

const SCALE = 8

/** "0.00245000" -> 245000n (units of 1e-8); text with more than 8 decimals is truncated. */
export function toUnits(text) {
  const negative = text.startsWith('-')
  const [whole, fraction = ''] = (negative ? text.slice(1) : text).split('.')
  const units = BigInt(whole || '0') * 10n ** 8n + BigInt((fraction + '0'.repeat(SCALE)).slice(0, SCALE))
  return negative ? -units : units
}

/** 245000n -> "0.00245000" (8 decimals). */
export function fromUnits(units) {
  const negative = units < 0n
  const digits = (negative ? -units : units).toString().padStart(SCALE + 1, '0')
  return `${negative ? '-' : ''}${digits.slice(0, -SCALE)}.${digits.slice(-SCALE)}`
}

/** Decimals left once trailing zeros are dropped: "0.00245000" -> 5, "28.50000000" -> 1, "12" -> 0. */
export function significantDecimals(text) {
  const fraction = text.split('.')[1] ?? ''
  return fraction.replace(/0+$/, '').length
}

/** Exactly `decimals` decimals (cut or padded, never rounded through a float), thousands grouped. */
export function fixed(text, decimals) {
  if (text === undefined || text === null || text === '') return '—'
  const negative = text.startsWith('-')
  const [whole, fraction = ''] = (negative || text.startsWith('+') ? text.slice(1) : text).split('.')
  const grouped = (whole.replace(/^0+(?=\d)/, '') || '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  const cut = (fraction + '0'.repeat(decimals)).slice(0, decimals)
  return `${negative ? '-' : ''}${grouped}${decimals > 0 ? `.${cut}` : ''}`
}

/** A large amount at a glance: 1 234 567.8 -> "1.23M". Display only. */
export function compact(text) {
  const value = Number(text)
  if (!Number.isFinite(value)) return '—'
  const abs = Math.abs(value)
  for (const [limit, suffix] of [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'K'],
  ]) {
    if (abs >= limit) return `${(value / limit).toFixed(2)}${suffix}`
  }
  return value.toFixed(abs >= 100 ? 1 : abs >= 1 ? 2 : 4)
}

/**
 * How many decimals a market's prices and quantities need, learned from the levels of its first book:
 * enough for the finest one seen, at least `min`.
 */
export function precisionOf(levels, min = 0) {
  let price = min
  let quantity = 0
  for (const [p, q] of levels) {
    price = Math.max(price, significantDecimals(p))
    quantity = Math.max(quantity, significantDecimals(q))
  }
  return { price: Math.min(price, SCALE), quantity: Math.min(quantity, SCALE) }
}
