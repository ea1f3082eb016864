import { DexInputError } from '../../errors'

/**
 * The first line of a tape: what was recorded, from where, and when.
 * @since 0.2.0
 */
export interface TapeHeader {
  /** The format version, `1`. */
  readonly tape: 1
  /** When the recording started, as an ISO 8601 time. */
  readonly start: string
  /** The API base the frames came from. */
  readonly url: string
  /** The streams recorded, named as in the URL path form (`BNB_BTCB-1DE@trades`, an address). */
  readonly streams: readonly string[]
  /** Anything else a recorder or an editor wants to keep. */
  readonly [key: string]: unknown
}

/**
 * One received frame of a tape.
 * @since 0.2.0
 */
export interface TapeEntry {
  /** Milliseconds since the recording started. */
  readonly at: number
  /** The connection it came on: `'market'`, or the address whose user topics it follows. */
  readonly conn: string
  /** The frame's exact text, as it came off the wire. */
  readonly frame: string
}

/**
 * A recorded session: the header and the frames in the order they arrived.
 * @since 0.2.0
 */
export interface Tape {
  /** The first line: when and where it was recorded, and which streams. */
  readonly header: TapeHeader
  /** One per frame received, in the order received. */
  readonly entries: readonly TapeEntry[]
}

/** @internal The connection name of market (non-user) streams. */
export const MARKET_CONN = 'market'

/**
 * The header line of a tape, newline included.
 * @since 0.2.0
 */
export function tapeHeaderLine(header: Omit<TapeHeader, 'tape'>): string {
  return `${JSON.stringify({ tape: 1, ...header })}\n`
}

/**
 * One frame line of a tape, newline included. The frame stays a JSON string, so nothing in it (19-digit
 * integers, number spellings, key order) is changed by writing or reading the tape.
 * @since 0.2.0
 */
export function tapeEntryLine(entry: TapeEntry): string {
  return `${JSON.stringify({ at: entry.at, conn: entry.conn, frame: entry.frame })}\n`
}

/**
 * Reads a tape's text. Throws `DexInputError` naming the first bad line. A last line cut off without its
 * newline (a recorder that was killed mid-write) is left out rather than refused.
 * @since 0.2.0
 */
export function parseTape(text: string): Tape {
  const lines = text.split('\n')
  const complete = text.endsWith('\n')
  if (complete || lines[lines.length - 1] === '') lines.pop()
  const bad = (line: number, why: string): never => {
    throw new DexInputError(`not a tape: line ${line} ${why}`, line)
  }
  if (lines.length === 0) bad(1, 'is missing (expected the header {"tape":1,...})')
  const header = parseLine(lines[0]) as Record<string, unknown> | undefined
  if (header?.tape !== 1) bad(1, 'is not a version 1 header {"tape":1,...}')
  const entries: TapeEntry[] = []
  let previous = 0
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue
    const entry = parseLine(lines[i]) as Record<string, unknown> | undefined
    const lastAndCut = i === lines.length - 1 && !complete
    if (!isEntry(entry)) {
      if (lastAndCut) break
      bad(i + 1, 'is not a frame {"at":<ms>,"conn":"...","frame":"..."}')
    }
    const { at, conn, frame } = entry as unknown as TapeEntry
    // A tape is played in file order; a clock that stepped back must not reorder or stall it.
    previous = Math.max(previous, at)
    entries.push({ at: previous, conn, frame })
  }
  const h = header as unknown as TapeHeader
  return {
    header: { ...h, streams: Array.isArray(h.streams) ? h.streams : [], url: String(h.url ?? '') },
    entries,
  }
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line)
  } catch {
    return undefined
  }
}

function isEntry(value: Record<string, unknown> | undefined): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof value.at === 'number' &&
    Number.isFinite(value.at) &&
    value.at >= 0 &&
    typeof value.conn === 'string' &&
    typeof value.frame === 'string'
  )
}
