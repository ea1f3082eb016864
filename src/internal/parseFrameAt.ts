// ---------------------------------------------------------------------------
// The quick route of parseFrame. Most of a frame's unsafe integers cannot matter: decoders reject an unsafe number in
// every known field except the nanosecond times, and drop unknown fields. So where the caller names the
// keys that can carry one (`T` of a trade, `T` and `O` of an order), only those need the text, and they
// are found with a few native searches instead of a scan. With no backslash in the text, every `"T"` is a
// whole string token whose value is `T` (an unescaped quote followed by a letter cannot close a string);
// if there are exactly as many as elements of `data` with a `T`, each is that element's own key, since a
// nested, repeated or envelope-level `T` would add one more. Elements keep their text order in an array,
// so the n-th token belongs to the n-th element that has the key.
// ---------------------------------------------------------------------------

const MAX = Number.MAX_SAFE_INTEGER
const QUOTE = 34
const COLON = 58
const MINUS = 45
const hasOwn = Object.prototype.hasOwnProperty

type Holder = Record<string, unknown>

/**
 * @internal
 * `JSON.parse`, then, for each element of the frame's `data` array, the `keys` made exact `bigint`s where
 * they hold an integer literal beyond `Number.MAX_SAFE_INTEGER`. Every other unsafe integer is left
 * rounded, so the result is only for decoders that reject unsafe numbers outside those keys. `undefined`
 * when the exact values cannot be placed with certainty (escapes in the text, `data` not an array, a key
 * anywhere but directly on an element): the caller then uses `parseFrame`. Malformed text throws
 * `SyntaxError`, as `JSON.parse` does.
 *
 * ```ts
 * parseFrameAt('{"stream":"trades","data":[{"T":1554890366040313451,"E":1554890366040313451}]}', ['T'])
 * // { stream: 'trades', data: [{ T: 1554890366040313451n, E: 1554890366040313300 }] }
 * ```
 * @since 0.1.0
 */
export function parseFrameAt(text: string, keys: readonly string[]): unknown {
  const frame: unknown = JSON.parse(text)
  if (keys.length === 0) return frame
  const data = typeof frame === 'object' && frame !== null ? (frame as { data?: unknown }).data : undefined
  if (!Array.isArray(data) || text.indexOf('\\') !== -1) return undefined
  for (let k = 0; k < keys.length; k++) if (!exactAt(text, data, keys[k])) return undefined
  return frame
}

/** Places `key`'s values on `data`'s elements; false when the text holds the key anywhere else too. */
function exactAt(text: string, data: unknown[], key: string): boolean {
  let at = -1
  for (let i = 0; i < data.length; i++) {
    const element = data[i]
    // Own keys of objects only: an array's "0" or an inherited "constructor" has no token in the text.
    if (typeof element !== 'object' || element === null || Array.isArray(element)) continue
    if (!hasOwn.call(element, key)) continue
    const v = (element as Holder)[key]
    at = keyToken(text, key, at + 1)
    if (at < 0) return false
    if (typeof v === 'number' && (v > MAX || v < -MAX)) {
      const exact = integerAfterKey(text, at + key.length + 1)
      if (exact === undefined) return false
      if (exact !== null) (element as Holder)[key] = exact
    }
  }
  return keyToken(text, key, at + 1) < 0
}

/**
 * Where the next string token `"key"` starts its value, from `from` on; -1 when there is none. Searching
 * for the key's own characters, not its opening quote: quotes are everywhere in JSON, capitals rare.
 */
function keyToken(text: string, key: string, from: number): number {
  for (let p = text.indexOf(key, from); p >= 0; p = text.indexOf(key, p + 1)) {
    if (text.charCodeAt(p - 1) === QUOTE && text.charCodeAt(p + key.length) === QUOTE) return p
  }
  return -1
}

/**
 * The value after a key whose closing quote is at `from - 1`: a `bigint` for an integer literal, `null` for
 * a literal with a fraction or exponent (`JSON.parse`'s number is then the intended value), `undefined` when
 * no number follows (the pairing was wrong, which the caller treats as "cannot place").
 */
function integerAfterKey(text: string, from: number): bigint | null | undefined {
  let k = skipSpace(text, from)
  if (text.charCodeAt(k) !== COLON) return undefined
  k = skipSpace(text, k + 1)
  const start = k
  if (text.charCodeAt(k) === MINUS) k++
  const digits = k
  for (let c = text.charCodeAt(k); c >= 48 && c <= 57; c = text.charCodeAt(++k));
  if (k === digits) return undefined
  const c = text.charCodeAt(k)
  if (c === 46 || c === 101 || c === 69) return null
  return BigInt(text.slice(start, k))
}

function skipSpace(text: string, k: number): number {
  for (let c = text.charCodeAt(k); c === 32 || c === 9 || c === 10 || c === 13; c = text.charCodeAt(++k));
  return k
}
