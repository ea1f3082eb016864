import { compareTimes, type TardisTime } from './tardisLine'
import type { TardisRecord } from './tardisRecords'

/** @internal A file of tardis.dev data: reading it (again) from its start gives its records. */
export type RecordFile = () => AsyncGenerator<TardisRecord>

/** One file being read: its next record waits in `head`. */
interface OpenFile {
  readonly records: AsyncGenerator<TardisRecord>
  head: IteratorResult<TardisRecord>
}

/** @internal A file to merge and the time of its first frame. */
export interface TimedFile {
  readonly read: RecordFile
  readonly first: TardisTime
}

/**
 * @internal
 * The time of each file's first frame, files without one left out: reads each file only up to that
 * frame, so that an unusable file fails the import before anything is written. Throws `ImportError`.
 */
export async function firstTimes(files: readonly RecordFile[]): Promise<TimedFile[]> {
  const timed: TimedFile[] = []
  for (const read of files) {
    const records = read()
    try {
      for await (const record of records) {
        if (record.kind === 'frame') {
          timed.push({ read, first: record.time })
          break
        }
      }
    } finally {
      await records.return(undefined)
    }
  }
  return timed
}

/**
 * @internal
 * The records of several files as one sequence in time order. A file is opened only when the merge
 * reaches its first frame, so only files whose times overlap are open at once: a folder of one-minute
 * slices is read one file after another, in bounded memory. Records of one file keep their order; equal
 * times keep the files' order. Skipped lines are passed on as they are met.
 */
export async function* mergeByTime(files: readonly TimedFile[]): AsyncGenerator<TardisRecord> {
  const pending = [...files].sort((a, b) => compareTimes(a.first, b.first))
  const open: OpenFile[] = []
  try {
    for (;;) {
      let next = earliest(open)
      while (pending.length > 0 && (next === undefined || startsBefore(pending[0], next))) {
        const records = (pending.shift() as TimedFile).read()
        const file = { records, head: await records.next() }
        open.push(file)
        next = earliest(open)
      }
      if (next === undefined) return
      const record = next.head.value as TardisRecord
      yield record
      next.head = await next.records.next()
      if (next.head.done === true) open.splice(open.indexOf(next), 1)
    }
  } finally {
    for (const file of open) await file.records.return(undefined)
  }
}

/** The open file whose head comes first; skipped lines first of all, as they have no time. */
function earliest(open: readonly OpenFile[]): OpenFile | undefined {
  let best: OpenFile | undefined
  for (const file of open) {
    if (file.head.done === true) continue
    if (file.head.value.kind === 'skipped') return file
    if (best === undefined || compareTimes(timeOf(file), timeOf(best)) < 0) best = file
  }
  return best
}

/** Whether `file` must be opened before `next` is yielded: a skipped line goes first, having no time. */
function startsBefore(file: TimedFile, next: OpenFile): boolean {
  return next.head.value.kind !== 'skipped' && compareTimes(file.first, timeOf(next)) <= 0
}

function timeOf(file: OpenFile): TardisTime {
  return (file.head.value as Exclude<TardisRecord, { kind: 'skipped' }>).time
}
