// Exact, float-free handling of the server's decimal strings.
//
// A price's key is its canonical text: the integer part without leading zeros ("0" if empty), a dot, and
// exactly 8 fraction digits ("1.5", "01.50" and "1.500000000000" all become "1.50000000"). All keys have the
// same fraction length, so numeric order is: the shorter key first, and at equal length plain string order.
// The server already writes prices this way, so the common case builds no string at all: the key is the
// received text, validated by one scan. (Measured: a length-prefixed key built for every update, or a bigint
// scaled by 1e8, cost several times more per update than this scan.)
//
// Binance Chain amounts are int64 counts of 1e-8, so a price with a nonzero 9th decimal cannot be genuine;
// it is rejected like any other malformed number.

const ZERO = 48 // '0'
const NINE = 57
const DOT = 46 // '.'
const DECIMALS = 8
/** Longer strings are not prices; the bound keeps a hostile frame from costing much. */
const MAX_LENGTH = 64

/** @internal A price or quantity that is not a plain non-negative decimal. */
export class InvalidLevelError extends Error {
  override readonly name = 'InvalidLevelError'
  constructor(
    message: string,
    /** The offending `[price, quantity]` level as JSON text (see `levelText`), once the book has added it. */
    readonly raw = '',
  ) {
    super(message)
  }
}

const NOT_DECIMAL = 'is not a non-negative decimal like "0.00150000"'

function invalid(text: unknown, what: 'price' | 'quantity', why = NOT_DECIMAL): InvalidLevelError {
  const shown = typeof text === 'string' ? JSON.stringify(text.slice(0, MAX_LENGTH)) : String(text)
  return new InvalidLevelError(`order book: ${what} ${shown} ${why}`)
}

/**
 * Validates digits with an optional fraction (no sign, exponent, spaces or bare dot) and returns the index
 * of the dot (the length when there is none), or -1 when the text is not such a decimal.
 */
function scan(text: unknown): number {
  if (typeof text !== 'string') return -1
  const n = text.length
  if (n === 0 || n > MAX_LENGTH) return -1
  let dot = n
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c === DOT) {
      if (dot !== n || i === 0 || i === n - 1) return -1
      dot = i
    } else if (c < ZERO || c > NINE) return -1
  }
  return dot
}

/**
 * @internal The canonical key of a decimal price (see the top of this file); throws
 * {@link InvalidLevelError} for anything else, or for a nonzero digit past the 8th decimal.
 */
export function priceKey(price: unknown): string {
  const dot = scan(price)
  if (dot < 0) throw invalid(price, 'price')
  const text = price as string
  if (text.length - dot - 1 === DECIMALS && (dot === 1 || text.charCodeAt(0) !== ZERO)) return text
  let start = 0
  while (start < dot - 1 && text.charCodeAt(start) === ZERO) start++
  let stop = text.length
  while (stop > dot + 1 && text.charCodeAt(stop - 1) === ZERO) stop--
  const fraction = stop > dot + 1 ? text.slice(dot + 1, stop) : ''
  if (fraction.length > DECIMALS) throw invalid(price, 'price', 'has more than 8 decimals')
  return text.slice(start, dot) + '.' + fraction.padEnd(DECIMALS, '0')
}

/** @internal Whether key `a` is a lower price than key `b`. */
export function keyBefore(a: string, b: string): boolean {
  return a.length < b.length || (a.length === b.length && a < b)
}

/** @internal Validates a quantity and tells whether it is zero ("0", "0.00000000"), which removes a level. */
export function isZeroQuantity(quantity: unknown): boolean {
  const dot = scan(quantity)
  if (dot < 0) throw invalid(quantity, 'quantity')
  const text = quantity as string
  for (let i = 0; i < text.length; i++) if (i !== dot && text.charCodeAt(i) !== ZERO) return false
  return true
}
