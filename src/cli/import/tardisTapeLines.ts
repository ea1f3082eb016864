import { DexInputError } from '../../errors'
import { blobLines, type NamedBlob } from './blobLines'
import { firstTimes, mergeByTime } from './mergeByTime'
import { ImportError, readTardisRecords } from './tardisRecords'
import { TardisTape } from './TardisTape'

/**
 * Options of {@link tardisTapeLines}.
 * @since 0.2.0
 */
export interface TardisTapeOptions {
  /** Told each damaged line left out (a bad line, a gzip file cut short), naming the file and the line. */
  onSkipped?(reason: string): void
}

/**
 * What `import tardis` does, for files a page was given: reads tardis.dev's Binance DEX data (cache slices
 * `*.json.gz`, HTTP API downloads, tardis-machine NDJSON; gzipped or not, told by content), several files
 * merged in time order, and yields the lines of the tape they make (newline included) a frame at a time.
 * The header lists the streams seen, so it comes last, as the generator's return value: a tape is the
 * header followed by the lines yielded. Works wherever web streams and `DecompressionStream` do (browsers,
 * Node 18+).
 *
 * ```ts
 * const lines = tardisTapeLines([...input.files])
 * const body: string[] = []
 * let next = await lines.next()
 * for (; !next.done; next = await lines.next()) body.push(next.value)
 * const { dex, clock } = replayTape([next.value, ...body].join(''))
 * ```
 *
 * Throws `DexInputError` naming the file and line when a file is not such data (nothing usable in it, not valid
 * gzip, another exchange); it does so before yielding anything.
 * @since 0.2.0
 */
export async function* tardisTapeLines(
  files: readonly NamedBlob[],
  options: TardisTapeOptions = {},
): AsyncGenerator<string, string | undefined> {
  const tape = new TardisTape()
  // Files are known by name in messages; two with the same name (from different folders) are told apart.
  const byName = new Map<string, NamedBlob>()
  for (const file of files) {
    let name = file.name
    for (let n = 2; byName.has(name); n++) name = `${file.name} (${n})`
    byName.set(name, file)
  }
  const read = (name: string) => readTardisRecords(name, blobLines(byName.get(name) as NamedBlob))
  try {
    const timed = await firstTimes([...byName.keys()], read)
    if (timed.length === 0) throw new ImportError(`no Binance DEX frames in ${files.map((f) => f.name).join(', ')}`)
    for await (const records of mergeByTime(timed, read)) {
      for (const record of records) {
        if (record.kind === 'skipped') {
          options.onSkipped?.(record.reason)
          continue
        }
        const line = tape.line(record)
        if (line !== undefined) yield line
      }
    }
  } catch (error) {
    // Bad input, said as the library says it everywhere else.
    if (error instanceof ImportError) throw new DexInputError(error.message, files.map((f) => f.name))
    throw error
  }
  return tape.headerLine()
}
