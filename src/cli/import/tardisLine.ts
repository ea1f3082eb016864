import { topicsLabelled } from '../../internal/topicTable'

/**
 * @internal
 * A time as tardis.dev writes it (`2019-06-01T00:03:03.1238784Z`, 100 ns resolution): whole milliseconds
 * since the epoch and ten-thousandths of a millisecond, kept apart because together they exceed 2^53.
 */
export interface TardisTime {
  readonly ms: number
  readonly tenThousandths: number
}

/** @internal What one line of tardis.dev data holds. */
export type TardisLine =
  /** A frame as the exchange sent it: its exact text, its label, and the symbols its data names. */
  | { readonly kind: 'frame'; readonly time: TardisTime; readonly frame: string; readonly label: string; readonly symbols: readonly string[] }
  /** The recorder lost its connection here (an empty line); later frames came on a new connection. */
  | { readonly kind: 'disconnect' }
  /** Not a line of tardis.dev's Binance DEX data; `reason` says what is wrong with it. */
  | { readonly kind: 'bad'; readonly reason: string }

/**
 * @internal The two layouts tardis.dev writes: its cache slices and HTTP API (`<time> <message>`), and
 * tardis-machine's `/replay` NDJSON (`{"localTimestamp":"<time>","message":<message>}`).
 */
export type TardisLayout = 'slice' | 'ndjson'

const NDJSON_PREFIX = '{"localTimestamp":"'
const NDJSON_MIDDLE = '","message":'
const TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/

/** @internal The layout of a file, told by its first line that is not empty; undefined for neither. */
export function layoutOf(line: string): TardisLayout | undefined {
  if (line.startsWith(NDJSON_PREFIX)) return 'ndjson'
  const space = line.indexOf(' ')
  return space > 0 && TIME.test(line.slice(0, space)) ? 'slice' : undefined
}

/** @internal What a line of each layout looks like, for messages about a line that is not so. */
export const LAYOUT_EXAMPLE: Readonly<Record<TardisLayout, string>> = {
  slice: '<time like 2019-06-01T00:03:03.1238784Z> <message>',
  ndjson: '{"localTimestamp":"<time>","message":<message>}',
}

/** @internal Reads one line of a file in `layout`. Never throws. */
export function readTardisLine(line: string, layout: TardisLayout): TardisLine {
  if (line === '') return { kind: 'disconnect' }
  let timeText: string
  let frame: string
  if (layout === 'slice') {
    const space = line.indexOf(' ')
    if (space < 0) return bad(`expected ${LAYOUT_EXAMPLE.slice}, got "${clip(line)}"`)
    timeText = line.slice(0, space)
    frame = line.slice(space + 1)
  } else {
    const middle = line.indexOf(NDJSON_MIDDLE, NDJSON_PREFIX.length)
    if (!line.startsWith(NDJSON_PREFIX) || middle < 0 || !line.endsWith('}')) {
      return bad(`expected ${LAYOUT_EXAMPLE.ndjson}, got "${clip(line)}"`)
    }
    timeText = line.slice(NDJSON_PREFIX.length, middle)
    frame = line.slice(middle + NDJSON_MIDDLE.length, -1)
  }
  const time = parseTardisTime(timeText)
  if (time === undefined) return bad(`"${clip(timeText)}" is not a time like 2019-06-01T00:03:03.1238784Z`)
  return readFrame(time, frame)
}

function readFrame(time: TardisTime, frame: string): TardisLine {
  let parsed: unknown
  try {
    parsed = JSON.parse(frame)
  } catch {
    return bad(`the message is not JSON: ${clip(frame)}`)
  }
  const { stream, data } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>
  if (typeof stream !== 'string' || data === undefined) {
    return bad(`the message is not a Binance DEX frame {"stream":…,"data":…}: ${clip(frame)}`)
  }
  if (topicsLabelled(stream).length === 0) {
    return bad(`"${clip(stream)}" is not a Binance DEX stream (tardis.dev records trades, marketDiff, depthSnapshot and ticker)`)
  }
  return { kind: 'frame', time, frame, label: stream, symbols: symbolsOf(data) }
}

/** The symbols a frame's data names: each element's `s` for a list, the object's `s` or `symbol`. */
function symbolsOf(data: unknown): string[] {
  const symbols: string[] = []
  const add = (element: unknown): void => {
    if (typeof element !== 'object' || element === null) return
    const { s, symbol } = element as { s?: unknown; symbol?: unknown }
    const found = typeof s === 'string' ? s : typeof symbol === 'string' ? symbol : undefined
    if (found !== undefined && !symbols.includes(found)) symbols.push(found)
  }
  if (Array.isArray(data)) data.forEach(add)
  else add(data)
  return symbols
}

let cachedSecond = ''
let cachedSecondMs = 0

/** @internal A tardis.dev time, or undefined for text that is not one (digits beyond 100 ns are dropped). */
export function parseTardisTime(text: string): TardisTime | undefined {
  const match = TIME.exec(text)
  if (match === null) return undefined
  // Lines come in time order, so most share the previous line's second.
  if (match[1] !== cachedSecond) {
    const ms = Date.parse(`${match[1]}Z`)
    if (Number.isNaN(ms)) return undefined
    cachedSecond = match[1]
    cachedSecondMs = ms
  }
  const fraction = (match[2] ?? '').padEnd(7, '0')
  return {
    ms: cachedSecondMs + Number(fraction.slice(0, 3)),
    tenThousandths: Number(fraction.slice(3, 7)),
  }
}

/** @internal Negative, zero or positive as `a` is before, at or after `b`. */
export function compareTimes(a: TardisTime, b: TardisTime): number {
  return a.ms - b.ms || a.tenThousandths - b.tenThousandths
}

const bad = (reason: string): TardisLine => ({ kind: 'bad', reason })

/** Enough of a text to recognise it in a message. */
function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}
