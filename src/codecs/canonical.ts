import * as t from 'io-ts'

// ---------------------------------------------------------------------------
// The fast path for the busy streams. The real server writes every frame of a topic the same way: the
// same keys in the same order, no spaces, no escapes, integers without exponents. A frame in exactly that
// form is read by one sticky regular expression per element, which checks each field as strictly as its
// codec does (decimal text, integer range, literal, code) and captures the exact text of every value, so
// the 19-digit times come straight from their digits and nothing is parsed twice. Anything else (another
// key order, an extra or missing field, an escape, a value its codec would reject) is not read here: the
// reader returns undefined and the frame takes the general route (lossless JSON, then io-ts), which
// delivers or rejects it, with io-ts' reason. So this path never accepts what io-ts rejects, and what it
// accepts it maps to the same events: the element pattern and the mapping of its captures come from the
// topic's wire shape (wireShape.ts), like the io-ts codec and the general route's mapping.
//
// Measured on this project's frames, a reader takes about half the time of JSON.parse alone.
// ---------------------------------------------------------------------------

/** @internal A string without escapes or control characters; its text is its value. */
export const STRING = '"([^"\\\\\\u0000-\\u001f]*)"'
/** @internal The `Decimal` codec's form, quoted. */
export const DECIMAL = '"(-?\\d+(?:\\.\\d+)?)"'
/** @internal A non-negative integer of at most 15 digits, so within 2^53 (longer ones: the general route). */
export const SAFE_INT = '(0|[1-9]\\d{0,14})'
/** @internal A non-negative integer literal of any length: a nanosecond time, read as an exact `bigint`. */
export const NANOS = '(0|[1-9]\\d*)'
/** @internal A small non-negative integer, for numeric codes; the codec's `is` decides which are valid. */
export const CODE = '(0|[1-9]\\d{0,2})'
/** @internal A quoted word, for string enums; the codec's `is` decides which are valid. */
export const WORD = '"([A-Za-z0-9]+)"'

/** @internal `value`, quoted, matched literally (no capture). */
export function literal(value: string): string {
  return `"${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`
}

/**
 * @internal
 * How a codec's values are written in the canonical form: `pattern` (one capture, or none for a literal)
 * and `read`, which turns the captured text into the codec's value, or undefined when the codec rejects it
 * (no `read`: the text is the value). A literal's pattern captures nothing; its value is `constant`.
 */
export interface Form {
  readonly pattern: string
  readonly read?: (text: string) => unknown
  readonly constant?: unknown
}

const FORMS = new WeakMap<object, Form>()

/** @internal Declares `codec`'s canonical form; returns `codec`. */
export function withForm<C extends object>(codec: C, form: Form): C {
  FORMS.set(codec, form)
  return codec
}

/**
 * @internal
 * The canonical form of a leaf codec: one declared with `withForm`, a string, a string literal, or a
 * `keyof` of words (checked with the codec's own `is`); undefined for any other codec (no fast path).
 */
export function formOf(codec: t.Mixed): Form | undefined {
  const declared = FORMS.get(codec)
  if (declared) return declared
  if (codec instanceof t.StringType) return { pattern: STRING }
  if (codec instanceof t.LiteralType && typeof codec.value === 'string') {
    return { pattern: literal(codec.value), constant: codec.value }
  }
  if (codec instanceof t.KeyofType) return { pattern: WORD, read: (text) => (codec.is(text) ? text : undefined) }
  return undefined
}

/** @internal One key of an object pattern and its value's form; an optional key may be missing (not the first). */
export type Field = readonly [key: string, form: string, optional?: 'optional']

/** @internal An object with exactly these keys in this order; each form captures its value (literals excepted). */
export function objectOf(fields: readonly Field[]): string {
  let out = '\\{'
  fields.forEach(([key, form, optional], i) => {
    if (optional && i === 0) throw new Error(`objectOf: the first key ("${key}") cannot be optional`)
    const pair = `${i === 0 ? '' : ','}"${key}":${form}`
    out += optional ? `(?:${pair})?` : pair
  })
  return `${out}\\}`
}

/**
 * @internal
 * Reads the events of one frame in the real server's form; `from` is the index just after the frame's
 * `{"stream":"<name>"`. The result has the shape `TopicDecoder.decode` would build the events in: an array
 * for array topics, else one event. `undefined` means "not in the canonical form": decode it the general way.
 * @since 0.1.0
 */
export interface CanonicalReader<A> {
  read(text: string, from: number): A | A[] | undefined
}

const DATA_ARRAY = ',"data":['
const DATA = ',"data":'
const CLOSE_BRACE = 125

/** `build` gets the element's captures and returns its event, or undefined to refuse the frame. */
type Build<A> = (m: RegExpExecArray) => A | undefined

/**
 * @internal
 * `{"stream":…,"data":[<element>,<element>,…]}`: every element must match; an empty array is left to the
 * general route.
 * @since 0.1.0
 */
export class ArrayFrameReader<A> implements CanonicalReader<A> {
  private readonly element: RegExp

  constructor(
    element: string,
    private readonly build: Build<A>,
  ) {
    // The last capture is what follows the element: a comma, or the array's end.
    this.element = new RegExp(`${element}([,\\]])`, 'y')
  }

  read(text: string, from: number): A[] | undefined {
    if (!text.startsWith(DATA_ARRAY, from)) return undefined
    const re = this.element
    re.lastIndex = from + DATA_ARRAY.length
    const events: A[] = []
    for (;;) {
      const m = re.exec(text)
      if (m === null) return undefined
      const event = this.build(m)
      if (event === undefined) return undefined
      events.push(event)
      if (m[m.length - 1] === ']') break
    }
    return endsAt(text, re.lastIndex) ? events : undefined
  }
}

/**
 * @internal
 * `{"stream":…,"data":<element>}`.
 * @since 0.1.0
 */
export class ObjectFrameReader<A> implements CanonicalReader<A> {
  private readonly element: RegExp

  constructor(
    element: string,
    private readonly build: Build<A>,
  ) {
    this.element = new RegExp(element, 'y')
  }

  read(text: string, from: number): A | undefined {
    if (!text.startsWith(DATA, from)) return undefined
    const re = this.element
    re.lastIndex = from + DATA.length
    const m = re.exec(text)
    return m !== null && endsAt(text, re.lastIndex) ? this.build(m) : undefined
  }
}

/** One `["price","quantity"]` level and what follows it. */
const LEVEL = new RegExp(`\\[${DECIMAL},${DECIMAL}\\]([,\\]])`, 'y')

/** @internal */
export type Levels = [price: string, quantity: string][]

/**
 * @internal
 * An order book frame: `{"stream":…,"data":{<head fields>,"<bids>":[levels],"<asks>":[levels]}}`, where
 * `head` is the object's fields before the level lists (without the closing brace).
 * @since 0.1.0
 */
export class BookFrameReader<A> implements CanonicalReader<A> {
  private readonly head: RegExp
  private readonly asksKey: string

  constructor(
    head: readonly Field[],
    bids: string,
    asks: string,
    private readonly build: (m: RegExpExecArray, bids: Levels, asks: Levels) => A | undefined,
  ) {
    const fields = objectOf(head).slice(0, -2) // without the closing `\}`
    this.head = new RegExp(`${fields},"${bids}":\\[`, 'y')
    this.asksKey = `,"${asks}":[`
  }

  read(text: string, from: number): A | undefined {
    if (!text.startsWith(DATA, from)) return undefined
    const re = this.head
    re.lastIndex = from + DATA.length
    const m = re.exec(text)
    if (m === null) return undefined
    const bids: Levels = []
    let at = levels(text, re.lastIndex, bids)
    if (at < 0 || !text.startsWith(this.asksKey, at)) return undefined
    const asks: Levels = []
    at = levels(text, at + this.asksKey.length, asks)
    // The data object's brace, then the envelope's.
    return at >= 0 && text.charCodeAt(at) === CLOSE_BRACE && endsAt(text, at + 1) ? this.build(m, bids, asks) : undefined
  }
}

/** Reads the levels of a list whose `[` ends before `at`; returns the index after its `]`, or -1. */
function levels(text: string, at: number, into: Levels): number {
  if (text.charCodeAt(at) === 93) return at + 1
  LEVEL.lastIndex = at
  for (;;) {
    const m = LEVEL.exec(text)
    if (m === null) return -1
    into.push([m[1], m[2]])
    if (m[3] === ']') return LEVEL.lastIndex
  }
}

/** The envelope's closing brace is at `at` and ends the text. */
function endsAt(text: string, at: number): boolean {
  return at === text.length - 1 && text.charCodeAt(at) === CLOSE_BRACE
}
