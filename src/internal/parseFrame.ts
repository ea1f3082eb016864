// ---------------------------------------------------------------------------
// Lossless JSON for frames. Real servers send order and trade times as 19-digit nanosecond integers
// (1554890366040313451), beyond 2^53, which plain JSON.parse silently rounds.
//
// Hot path: JSON.parse, then one walk of the tree looking for a number beyond MAX_SAFE_INTEGER. Measured on
// this project's frames, that walk costs 4-8% of the parse, while a /\d{16}/ test over the text costs 20-60%
// (the text is dense with digits inside decimal strings). Only frames that hold such a number go on to
// the exact route: one scan of the text, string-aware, that finds every number token outside strings.
// ---------------------------------------------------------------------------

import { MAX_DEPTH } from './limits'

const MAX = Number.MAX_SAFE_INTEGER
const MAX_DIGITS = String(MAX)
const BACKSLASH = 92
const COLON = 58
const MINUS = 45

/**
 * @internal
 * `JSON.parse`, except that integer literals beyond `Number.MAX_SAFE_INTEGER` come out as exact `bigint`s.
 * Safe integers and every literal with a fraction or exponent stay numbers; digits inside strings are
 * never touched. Malformed text throws `SyntaxError`, exactly as `JSON.parse` does; a value nested deeper
 * than `MAX_DEPTH` throws {@link FrameTooDeep}, so that no later walk of the tree can exhaust the stack.
 *
 * ```ts
 * parseFrame('{"T":1554890366040313451,"n":"x:12345678901234567890"}')
 * // { T: 1554890366040313451n, n: 'x:12345678901234567890' }
 * ```
 * @since 0.1.0
 */
export function parseFrame(text: string): unknown {
  const box: unknown[] = [JSON.parse(text)]
  if (!hasUnsafe(box, 0)) return box[0]
  const tokens = scan(text)
  const found = new Found()
  collect(box, found, 0)
  if (aligned(tokens, found)) {
    const { starts, ends, integer } = tokens
    for (let i = 0; i < starts.length; i++) {
      if (integer[i]) found.holders[i][found.keys[i]] = BigInt(text.slice(starts[i], ends[i]))
    }
    return box[0]
  }
  return reparse(text, tokens)
}

/** @internal A frame nested deeper than `MAX_DEPTH`: valid JSON, but not a frame this library can use. */
export class FrameTooDeep extends Error {
  constructor() {
    super(`nested deeper than ${MAX_DEPTH} levels`)
  }
}

/** Also the depth check: when it answers false, it has walked the whole tree. */
function hasUnsafe(node: object, depth: number): boolean {
  if (depth > MAX_DEPTH) throw new FrameTooDeep()
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const v: unknown = node[i]
      if (typeof v === 'object') {
        if (v !== null && hasUnsafe(v, depth + 1)) return true
      } else if (typeof v === 'number' && (v > MAX || v < -MAX)) return true
    }
    return false
  }
  for (const k in node) {
    const v: unknown = (node as Record<string, unknown>)[k]
    if (typeof v === 'object') {
      if (v !== null && hasUnsafe(v, depth + 1)) return true
    } else if (typeof v === 'number' && (v > MAX || v < -MAX)) return true
  }
  return false
}

type Holder = Record<string | number, unknown>

/** Where the unsafe numbers sit in the parsed tree, in the order a depth-first walk meets them. */
class Found {
  readonly holders: Holder[] = []
  readonly keys: (string | number)[] = []
  /** Own keys of every object met: fewer than the text's colons means the text repeated a key. */
  keyCount = 0
  /** A key starting with a digit may be an array index, which objects enumerate before other keys. */
  digitKey = false
}

/** Walks the whole tree (hasUnsafe may have stopped early), so it checks the depth too. */
function collect(node: object, found: Found, depth: number): void {
  if (depth > MAX_DEPTH) throw new FrameTooDeep()
  const holder = node as Holder
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) visit(holder, i, node[i], found, depth)
    return
  }
  for (const k in holder) {
    found.keyCount++
    const c = k.charCodeAt(0)
    if (c >= 48 && c <= 57) found.digitKey = true
    visit(holder, k, holder[k], found, depth)
  }
}

function visit(holder: Holder, key: string | number, v: unknown, found: Found, depth: number): void {
  if (typeof v === 'object') {
    if (v !== null) collect(v, found, depth + 1)
  } else if (typeof v === 'number' && (v > MAX || v < -MAX)) {
    found.holders.push(holder)
    found.keys.push(key)
  }
}

/** The number tokens outside strings whose value is beyond MAX_SAFE_INTEGER, in text order. */
class Tokens {
  readonly starts: number[] = []
  readonly ends: number[] = []
  /** false for a literal with a fraction or exponent: JSON.parse's number is then the intended value. */
  readonly integer: boolean[] = []
  colons = 0
  /** Opening quotes of strings whose value starts with U+0000 (only the reparse route cares). */
  readonly nulStrings: number[] = []
}

/** Valid JSON only (JSON.parse has accepted it): every string is closed, so indexOf never misses. */
function scan(text: string): Tokens {
  const tokens = new Tokens()
  const n = text.length
  let i = 0
  while (i < n) {
    const q = text.indexOf('"', i)
    const end = q < 0 ? n : q
    for (let j = i; j < end; j++) {
      const c = text.charCodeAt(j)
      if (c === COLON) tokens.colons++
      else if (c === MINUS || (c >= 48 && c <= 57)) j = number(text, j, tokens) - 1
    }
    if (q < 0) break
    let close = text.indexOf('"', q + 1)
    while (escaped(text, close)) close = text.indexOf('"', close + 1)
    if (close < 0) break // unreachable for text JSON.parse accepted; never loop on anything else
    if (text.charCodeAt(q + 1) === BACKSLASH && text.startsWith('u0000', q + 2)) tokens.nulStrings.push(q)
    i = close + 1
  }
  return tokens
}

function escaped(text: string, quote: number): boolean {
  let k = quote
  while (text.charCodeAt(k - 1) === BACKSLASH) k--
  return (quote - k) % 2 === 1
}

/** Reads the number token at `start`, records it when unsafe, and returns its end. */
function number(text: string, start: number, tokens: Tokens): number {
  let k = start
  let integer = true
  let exponent = false
  for (; k < text.length; k++) {
    const c = text.charCodeAt(k)
    if (c >= 48 && c <= 57) continue
    if (c === 46) integer = false
    else if (c === 101 || c === 69) {
      integer = false
      exponent = true
    } else if (c !== MINUS && c !== 43) break
  }
  const digits = k - start - (text.charCodeAt(start) === MINUS ? 1 : 0)
  const unsafe = integer
    ? digits > 16 || (digits === 16 && text.slice(k - 16, k) > MAX_DIGITS)
    : (exponent || k - start > 16) && Math.abs(Number(text.slice(start, k))) > MAX
  if (unsafe) {
    tokens.starts.push(start)
    tokens.ends.push(k)
    tokens.integer.push(integer)
  }
  return k
}

/**
 * The walk met the unsafe numbers in text order, so they pair up one to one with the tokens, unless the
 * text repeated a key (JSON.parse keeps the last value at the first key's place) or an object has
 * index-like keys (enumerated first, in numeric order).
 */
function aligned(tokens: Tokens, found: Found): boolean {
  return !found.digitKey && tokens.colons === found.keyCount && tokens.starts.length === found.keys.length
}

// A marker string cannot be confused with a real one: a string value starting with U+0000 can only be
// written as "\u0000...", and each of those is given a second prefix ("s") that the walk strips again.
const MARK_BIGINT = 'n'.charCodeAt(0)

/** The slow, general route: wrap every unsafe integer in a marker string and parse again. */
function reparse(text: string, tokens: Tokens): unknown {
  let out = ''
  let from = 0
  let b = 0
  let s = 0
  const { starts, ends, integer, nulStrings } = tokens
  while (b < starts.length || s < nulStrings.length) {
    if (s < nulStrings.length && (b === starts.length || nulStrings[s] < starts[b])) {
      const q = nulStrings[s++]
      if (isKey(text, q)) continue
      out += text.slice(from, q + 1) + '\\u0000s'
      from = q + 1
    } else if (integer[b]) {
      out += text.slice(from, starts[b]) + '"\\u0000n' + text.slice(starts[b], ends[b]) + '"'
      from = ends[b++]
    } else b++
  }
  const box: unknown[] = [JSON.parse(out + text.slice(from))]
  unmark(box)
  return box[0]
}

function isKey(text: string, quote: number): boolean {
  let close = text.indexOf('"', quote + 1)
  while (escaped(text, close)) close = text.indexOf('"', close + 1)
  let k = close + 1
  while (k < text.length && text.charCodeAt(k) <= 32) k++
  return text.charCodeAt(k) === COLON
}

function unmark(node: object): void {
  const holder = node as Holder
  const keys: (string | number)[] = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node)
  for (const k of keys) {
    const v = holder[k]
    if (typeof v === 'object' && v !== null) unmark(v)
    else if (typeof v === 'string' && v.charCodeAt(0) === 0) {
      holder[k] = v.charCodeAt(1) === MARK_BIGINT ? BigInt(v.slice(2)) : v.slice(2)
    }
  }
}

/**
 * @internal
 * `JSON.stringify` for plain data, writing `bigint`s as bare integer literals, so that
 * `parseFrame(stringifyFrame(v))` gives `v` back. Throws `TypeError` when `value` has no JSON form.
 *
 * ```ts
 * stringifyFrame({ T: 1554890366040313451n }) // '{"T":1554890366040313451}'
 * ```
 * @since 0.1.0
 */
export function stringifyFrame(value: unknown): string {
  const text = write(value, '')
  if (text === undefined) throw new TypeError(`stringifyFrame: a ${typeof value} has no JSON form`)
  return text
}

function write(value: unknown, key: string): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null'
    case 'bigint':
      return value.toString()
    case 'boolean':
      return value ? 'true' : 'false'
    case 'object': {
      if (value === null) return 'null'
      const toJSON = (value as { toJSON?: unknown }).toJSON
      if (typeof toJSON === 'function') return write(toJSON.call(value, key), key)
      if (value instanceof Number || value instanceof String || value instanceof Boolean) {
        return write(value.valueOf(), key)
      }
      if (Array.isArray(value)) {
        let out = '['
        for (let i = 0; i < value.length; i++) {
          out += (i > 0 ? ',' : '') + (write(value[i], String(i)) ?? 'null')
        }
        return out + ']'
      }
      let out = ''
      for (const k of Object.keys(value)) {
        const v = write((value as Record<string, unknown>)[k], k)
        if (v !== undefined) out += (out === '' ? '' : ',') + JSON.stringify(k) + ':' + v
      }
      return '{' + out + '}'
    }
    default:
      return undefined
  }
}
