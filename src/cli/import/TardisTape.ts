import { topicSpec } from '../../internal/topicTable'
import { MARKET_CONN, tapeEntryLine, tapeHeaderLine } from '../../simulator/tape/tape'
import type { TardisRecord } from './tardisFile'
import type { TardisTime } from './tardisLine'

/** @internal The `url` of a tape imported from tardis.dev's archive. */
export const TARDIS_TAPE_URL = 'tardis:binance-dex'

/**
 * @internal
 * Turns tardis.dev records, in time order, into the lines of a tape: every frame's exact text on the
 * `market` connection at its recorded time, and each disconnect of the recorder as a disconnect entry.
 * The header can only be written last, as it lists the streams seen.
 *
 * Times: the tape starts at the first frame's time cut to the millisecond, and `at` counts milliseconds
 * from there with the four decimals tardis.dev's 100 ns times have. `at` never goes back: a frame
 * stamped earlier than the one before it (files that overlap oddly) takes the time of that one.
 */
export class TardisTape {
  frames = 0
  disconnects = 0
  private start: TardisTime | undefined
  private previousAt = 0
  /** true until the first frame, and after a disconnect: repeated disconnects are one. */
  private disconnected = true
  private readonly streams = new Set<string>()

  /** The tape line of a record (newline included), or undefined when it adds nothing to the tape. */
  line(record: TardisRecord): string | undefined {
    if (record.kind === 'skipped') return undefined
    if (record.kind === 'disconnect') {
      if (this.disconnected) return undefined
      this.disconnected = true
      this.disconnects++
      return `${JSON.stringify({ at: this.at(record.time), conn: MARKET_CONN, disconnect: true })}\n`
    }
    this.start ??= { ms: record.time.ms, tenThousandths: 0 }
    this.disconnected = false
    this.frames++
    const spec = topicSpec(record.label)
    if (spec !== undefined) {
      if (spec.kind === 'market') for (const symbol of record.symbols) this.streams.add(`${symbol}@${spec.name}`)
      else this.streams.add(`$all@${spec.name}`)
    }
    return tapeEntryLine({ at: this.at(record.time), conn: MARKET_CONN, frame: record.frame })
  }

  /** The header line, once every record has been seen; undefined when there was no frame. */
  headerLine(): string | undefined {
    if (this.start === undefined) return undefined
    return tapeHeaderLine({
      start: new Date(this.start.ms).toISOString(),
      url: TARDIS_TAPE_URL,
      // Depth snapshots are no stream one can subscribe to: they come with a symbol's depth streams.
      streams: [...this.streams].sort(),
      source: 'tardis',
      exchange: 'binance-dex',
    })
  }

  private at(time: TardisTime): number {
    const start = this.start as TardisTime
    const at = ((time.ms - start.ms) * 10_000 + time.tenThousandths) / 10_000
    if (at > this.previousAt) this.previousAt = at
    return this.previousAt
  }
}
