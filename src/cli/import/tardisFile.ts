import { fileLines } from './fileLines'
import { readTardisRecords, type TardisRecord } from './tardisRecords'

export { ImportError, type TardisRecord } from './tardisRecords'

/**
 * @internal
 * The records of one file of tardis.dev data on disk (either layout, gzipped or not), a chunk's worth at a
 * time; see `readTardisRecords`.
 */
export function tardisRecords(path: string, chunkBytes?: number): AsyncGenerator<TardisRecord[]> {
  return readTardisRecords(path, fileLines(path, chunkBytes))
}
