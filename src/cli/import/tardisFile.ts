import { fileLines } from './fileLines'
import { tardisRecords, type TardisRecord } from './tardisRecords'

export { ImportError, type TardisRecord } from './tardisRecords'

/** @internal The records of one file of tardis.dev data on disk (either layout, gzipped or not), a chunk at a time. */
export function tardisFileRecords(path: string): AsyncGenerator<TardisRecord> {
  return tardisRecords(path, fileLines(path))
}
