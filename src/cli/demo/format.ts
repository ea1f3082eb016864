// Text formatting of the demo's numbers and cells. Decimals stay strings (the server's exact text) and
// are only cut for display; floats appear only for percentages and abbreviations, which are approximate
// by nature.

const SCALE = 100_000_000n

/** @internal Pads or cuts `text` to exactly `width` columns; a cut ends in `…`. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  if (width <= 0) return ''
  const chars = [...text]
  if (chars.length > width) return width === 1 ? '…' : chars.slice(0, width - 1).join('') + '…'
  const pad = ' '.repeat(width - chars.length)
  return align === 'left' ? text + pad : pad + text
}

/**
 * @internal
 * A column of decimals sharing one number of fraction digits, so decimal points line up: as many as the
 * values use (zeros every value ends with are dropped), but no more than fit in `width`. Extra digits
 * are cut, not rounded: this is a display.
 */
export function decimalColumn(values: readonly string[], width: number): string[] {
  const parts = values.map((v) => {
    const [int = '', frac = ''] = v.split('.')
    return { int, frac }
  })
  const maxInt = Math.max(1, ...parts.map((p) => p.int.length))
  const maxFrac = Math.max(0, ...parts.map((p) => p.frac.replace(/0+$/, '').length))
  const room = width - maxInt - 1
  const decimals = room >= 1 ? Math.min(maxFrac, room) : 0
  if (decimals === 0) return parts.map(({ int }) => int)
  return parts.map(({ int, frac }) => `${int}.${frac.padEnd(decimals, '0').slice(0, decimals)}`)
}

/** @internal Drops trailing zeros of the fraction: `'28.50000000'` is `'28.5'`, `'12.000'` is `'12'`. */
export function trimZeros(text: string): string {
  if (!text.includes('.')) return text
  return text.replace(/\.?0+$/, '')
}

/** @internal Amounts for a summary line: `'1234567.8'` is `'1.23M'`; small ones keep up to 10 characters. */
export function compactAmount(text: string): string {
  const n = Number(text)
  if (!Number.isFinite(n)) return text
  const abs = Math.abs(n)
  if (abs >= 1e9) return `${(n / 1e9).toFixed(2)}B`
  if (abs >= 1e6) return `${(n / 1e6).toFixed(2)}M`
  if (abs >= 1e5) return `${(n / 1e3).toFixed(1)}k`
  const trimmed = trimZeros(text)
  const [int, frac] = trimmed.split('.')
  if (frac === undefined) return int
  const decimals = Math.max(0, 9 - int.length)
  return trimZeros(decimals === 0 ? int : `${int}.${frac.slice(0, decimals)}`)
}

/** @internal A signed percentage with two decimals: `'1.5'` is `'+1.50%'`. */
export function percent(text: string): string {
  const n = Number(text)
  if (!Number.isFinite(n)) return `${text}%`
  return `${n > 0 ? '+' : ''}${n.toFixed(2)}%`
}

/** @internal A decimal text in 1e-8 units (digits past the eighth are cut); `undefined` if it is not one. */
export function toUnits(text: string): bigint | undefined {
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text)
  if (!match) return undefined
  const [, sign, int, frac = ''] = match
  const units = BigInt(int) * SCALE + BigInt(frac.padEnd(8, '0').slice(0, 8))
  return sign === '-' ? -units : units
}

/** @internal 1e-8 units as a decimal text with eight fraction digits. */
export function fromUnits(units: bigint): string {
  const sign = units < 0n ? '-' : ''
  const abs = units < 0n ? -units : units
  return `${sign}${abs / SCALE}.${(abs % SCALE).toString().padStart(8, '0')}`
}

/**
 * @internal
 * Milliseconds of an order or trade time. Real servers send nanoseconds; the size tells the unit, so
 * micro- and milliseconds from other servers read right too.
 */
export function toMillis(time: bigint | number): number {
  const t = typeof time === 'bigint' ? time : BigInt(Math.trunc(time))
  if (t > 100_000_000_000_000_000n) return Number(t / 1_000_000n)
  if (t > 100_000_000_000_000n) return Number(t / 1_000n)
  return Number(t)
}

/** Where clock times are shown: the user's zone, or UTC (stable output for tests). */
export type TimeZone = 'local' | 'utc'

/** @internal `HH:MM:SS` (or `HH:MM`) of a time in milliseconds. */
export function clock(ms: number, zone: TimeZone, seconds = true): string {
  const d = new Date(ms)
  if (Number.isNaN(d.getTime())) return '--:--'
  const parts =
    zone === 'utc'
      ? [d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()]
      : [d.getHours(), d.getMinutes(), d.getSeconds()]
  return (seconds ? parts : parts.slice(0, 2)).map((n) => String(n).padStart(2, '0')).join(':')
}
