import { DexInputError } from '../../errors'
import type { TapeEntry, TapeHeader, TapeItem } from './tape'

const AT = '{"at":'
const CONN = ',"conn":"'
const FRAME = '","frame":"'

/**
 * @internal
 * Reads a tape one line at a time, so that a tape of any size is read in the memory of one line. The first
 * line must be the header; after it, blank lines are skipped, a bad line throws `DexInputError` naming it
 * (its 1-based number), and times that step back are held at the latest, since a tape plays in file order.
 */
export class TapeReader {
  private line = 0
  private previous = 0
  private head: TapeHeader | undefined

  /** The header, once line 1 has been read. */
  get header(): TapeHeader | undefined {
    return this.head
  }

  /** The number of the last line read. */
  get lineNumber(): number {
    return this.line
  }

  /**
   * The entry on the next line, or `undefined` for the header or a blank line. `cut` marks a last line
   * that ended without its newline: a recorder killed mid-write leaves one, so if it is unreadable it is
   * left out rather than refused.
   */
  read(text: string, cut = false): TapeItem | undefined {
    const n = ++this.line
    if (n === 1) {
      if (text === '' && cut) return undefined
      const header = parseJson(text) as Record<string, unknown> | undefined
      if (header?.tape !== 1) bad(1, 'is not a version 1 header {"tape":1,...}')
      const h = header as unknown as TapeHeader
      this.head = { ...h, streams: Array.isArray(h.streams) ? h.streams : [], url: String(h.url ?? '') }
      return undefined
    }
    const quick = quickEntry(text, n, this.previous)
    if (quick !== undefined && (!cut || readable(quick))) {
      this.previous = quick.at
      return quick
    }
    if (text.trim() === '') return undefined
    const item = slowEntry(text)
    if (item === undefined) {
      if (cut) return undefined
      bad(n, 'is not a frame {"at":<ms>,"conn":"...","frame":"..."} or a disconnect {"at":<ms>,"conn":"...","disconnect":true}')
    }
    const entry = item as TapeItem
    if (entry.at >= this.previous) {
      this.previous = entry.at
      return entry
    }
    return { ...entry, at: this.previous }
  }

  /** The header; throws when the tape had no first line. */
  finish(): TapeHeader {
    if (this.head === undefined) bad(1, 'is missing (expected the header {"tape":1,...})')
    return this.head as TapeHeader
  }
}

function bad(line: number, why: string): never {
  throw new DexInputError(`not a tape: line ${line} ${why}`, line)
}

/**
 * @internal
 * A frame entry in the form the recorder and the importer write, `{"at":…,"conn":"…","frame":"…"}`, read
 * without building the object. Its frame's text is unescaped when first asked for, so a replay can pass
 * over frames nobody subscribed to by their escaped text in `line`; a frame literal that does
 * not unescape is reported then, naming its line.
 */
export class TapedFrame implements TapeEntry {
  private text: string | undefined

  constructor(
    readonly at: number,
    readonly conn: string,
    /** The whole line. */
    readonly line: string,
    /** Where the frame's string literal starts in `line` (at its opening quote); it ends before `}`. */
    readonly literal: number,
    private readonly lineNumber: number,
  ) {}

  get frame(): string {
    if (this.text !== undefined) return this.text
    let frame: unknown
    try {
      frame = JSON.parse(this.line.slice(this.literal, -1))
    } catch {
      // reported below
    }
    if (typeof frame !== 'string') bad(this.lineNumber, 'has a "frame" that is not a JSON string')
    return (this.text = frame as string)
  }
}

function quickEntry(text: string, line: number, previous: number): TapedFrame | undefined {
  if (!text.startsWith(AT) || !text.endsWith('"}')) return undefined
  const c = text.indexOf(CONN, AT.length)
  if (c <= AT.length) return undefined
  const f = text.indexOf(FRAME, c + CONN.length)
  if (f < 0) return undefined
  const at = Number(text.slice(AT.length, c))
  const conn = text.slice(c + CONN.length, f)
  if (!validAt(at) || conn.includes('\\') || conn.includes('"')) return undefined
  return new TapedFrame(Math.max(at, previous), conn, text, f + FRAME.length - 1, line)
}

function slowEntry(text: string): TapeItem | undefined {
  const value = parseJson(text) as Record<string, unknown> | undefined
  if (typeof value !== 'object' || value === null || !validAt(value.at) || typeof value.conn !== 'string') {
    return undefined
  }
  const { at, conn } = value as { at: number; conn: string }
  if (typeof value.frame === 'string') return { at, conn, frame: value.frame }
  if (value.disconnect === true) return { at, conn, disconnect: true }
  return undefined
}

/** Whether a frame unescapes: a cut last line may still end in `"}`. */
function readable(entry: TapedFrame): boolean {
  try {
    return typeof entry.frame === 'string'
  } catch {
    return false
  }
}

function validAt(at: unknown): at is number {
  return typeof at === 'number' && Number.isFinite(at) && at >= 0
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line)
  } catch {
    return undefined
  }
}

/**
 * @internal
 * What a replay reports when its tape fails: a bad line as read, or a source that could not be read (a
 * file gone, a stream's error) as a tape problem after the last line read.
 */
export function tapeError(error: unknown, line: number): DexInputError {
  if (error instanceof DexInputError) return error
  const reason = error instanceof Error ? error.message : String(error)
  return new DexInputError(`cannot read the tape after line ${line}: ${reason}`, error)
}
