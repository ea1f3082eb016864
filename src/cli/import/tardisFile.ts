import { FileReadError, fileLines } from './fileLines'
import { LAYOUT_EXAMPLE, layoutOf, readTardisLine, type TardisLayout, type TardisTime } from './tardisLine'

/** @internal A file that cannot be imported at all: the message names the file and the line. */
export class ImportError extends Error {
  override readonly name = 'ImportError'
}

/** @internal What reading a tardis.dev file gives, in file order, each with its line. */
export type TardisRecord =
  | { readonly kind: 'frame'; readonly time: TardisTime; readonly frame: string; readonly label: string; readonly symbols: readonly string[] }
  /** At `time`, the time of the frame before it in the file (or of the file's first frame). */
  | { readonly kind: 'disconnect'; readonly time: TardisTime }
  /** A damaged line, left out; `reason` names the file and the line. */
  | { readonly kind: 'skipped'; readonly reason: string }

/**
 * @internal
 * The records of one file of tardis.dev data (either layout, gzipped or not), a chunk's worth at a time.
 * Throws `ImportError` when the file is no such data: it cannot be read, is not valid gzip, or its first
 * line that is not empty is not a Binance DEX line of either layout. Damage after that point (a bad line, a
 * gzip stream cut short) is yielded as `skipped` records and the file goes on (or ends, when cut).
 */
export async function* tardisRecords(path: string, chunkBytes?: number): AsyncGenerator<TardisRecord[]> {
  let layout: TardisLayout | undefined
  let last: TardisTime | undefined
  let leadingDisconnect = false
  try {
    for await (const lines of fileLines(path, chunkBytes)) {
      const records: TardisRecord[] = []
      for (const { text, number, whole } of lines) {
        if (!whole) {
          records.push({ kind: 'skipped', reason: `${path} line ${number}: the file ends inside this line` })
          continue
        }
        layout ??= text === '' ? undefined : (layoutOf(text) ?? notTardis(path, number, text))
        if (layout === undefined) {
          leadingDisconnect = true
          continue
        }
        const line = readTardisLine(text, layout)
        if (line.kind === 'bad') {
          if (last === undefined) throw new ImportError(`${path} line ${number}: ${line.reason}`)
          records.push({ kind: 'skipped', reason: `${path} line ${number}: ${line.reason}` })
        } else if (line.kind === 'disconnect') {
          if (last !== undefined) records.push({ kind: 'disconnect', time: last })
        } else {
          if (leadingDisconnect) records.push({ kind: 'disconnect', time: line.time })
          leadingDisconnect = false
          last = line.time
          records.push(line)
        }
      }
      if (records.length > 0) yield records
    }
  } catch (error) {
    if (!(error instanceof FileReadError)) throw error
    if (!error.cut || last === undefined) throw new ImportError(`${path}: ${error.message}`)
    yield [{ kind: 'skipped', reason: `${path} line ${error.line}: ${error.message}` }]
  }
}

function notTardis(path: string, number: number, text: string): never {
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text
  throw new ImportError(
    `${path} line ${number}: not tardis.dev data: expected ${LAYOUT_EXAMPLE.slice} (a cache slice or the ` +
      `HTTP API) or ${LAYOUT_EXAMPLE.ndjson} (tardis-machine), got ${JSON.stringify(shown)}`,
  )
}
