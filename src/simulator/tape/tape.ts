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
 * Where the recording lost its connection: frames after it came on a new connection, so a replayed
 * connection drops here (and its client reconnects).
 * @since 0.2.0
 */
export interface TapeDisconnect {
  /** Milliseconds since the recording started. */
  readonly at: number
  /** The connection that was lost: `'market'`, or an address. */
  readonly conn: string
  /** Marks the entry as a lost connection rather than a frame. */
  readonly disconnect: true
}

/** A line of a tape after the header: a frame, or a lost connection. @since 0.2.0 */
export type TapeItem = TapeEntry | TapeDisconnect

/**
 * A recorded session: the header and the frames in the order they arrived.
 * @since 0.2.0
 */
export interface Tape {
  /** The first line: when and where it was recorded, and which streams. */
  readonly header: TapeHeader
  /** One per frame received (or connection lost), in the order received. */
  readonly entries: readonly TapeItem[]
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
 * One line of a tape after the header (a frame, or a disconnect), newline included. The frame stays a JSON string, so nothing in it (19-digit
 * integers, number spellings, key order) is changed by writing or reading the tape.
 * @since 0.2.0
 */
export function tapeEntryLine(entry: TapeItem): string {
  const last = 'frame' in entry ? { frame: entry.frame } : { disconnect: true }
  return `${JSON.stringify({ at: entry.at, conn: entry.conn, ...last })}\n`
}
