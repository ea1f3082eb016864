import { compareTimes, type TardisTime } from './tardisLine'
import { tardisRecords, type TardisRecord } from './tardisFile'

/** @internal A file to merge and a time no later than its first frame's. */
export interface TimedFile {
  readonly path: string
  readonly first: TardisTime
}

/** Records merged per batch handed on: enough to make the per-batch `await` cheap. */
const BATCH = 1024
/** A peek at a file's first frame reads this much at a time, not a whole chunk of the import. */
const PEEK_BYTES = 16 * 1024

/** One file being read: its current batch of records and the next one to take. */
class OpenFile {
  batch: readonly TardisRecord[] = []
  index = 0
  constructor(readonly records: AsyncGenerator<TardisRecord[]>) {}

  get head(): TardisRecord | undefined {
    return this.batch[this.index]
  }

  /** Moves on to the next record, reading the next batch when this one is used up; false at the end. */
  async advance(): Promise<boolean> {
    if (++this.index < this.batch.length) return true
    for (;;) {
      const next = await this.records.next()
      if (next.done === true) return false
      if (next.value.length > 0) {
        this.batch = next.value
        this.index = 0
        return true
      }
    }
  }
}

/** tardis-dev's cache path of a slice, `…/YYYY/MM/DD/HH/MM.json.gz`: its minute. */
const SLICE_PATH = /(\d{4})[/\\](\d\d)[/\\](\d\d)[/\\](\d\d)[/\\](\d\d)\.json(?:\.gz)?$/

/**
 * @internal
 * For each file, a time no later than its first frame. A slice in tardis-dev's cache layout holds one
 * minute, named in its path; any other file is read up to its first frame (files without one are left
 * out), so that such a file that is unusable fails the import before anything is written. Throws
 * `ImportError`.
 */
export async function firstTimes(paths: readonly string[]): Promise<TimedFile[]> {
  const timed: TimedFile[] = []
  for (const path of paths) {
    const minute = SLICE_PATH.exec(path)
    if (minute !== null) {
      const [year, month, day, hour, min] = minute.slice(1).map(Number)
      timed.push({ path, first: { ms: Date.UTC(year, month - 1, day, hour, min), tenThousandths: 0 } })
      continue
    }
    const records = tardisRecords(path, PEEK_BYTES)
    try {
      search: for await (const batch of records) {
        for (const record of batch) {
          if (record.kind === 'frame') {
            timed.push({ path, first: record.time })
            break search
          }
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
 * The records of several files as one sequence in time order, in batches. A file is opened only when the
 * merge reaches its first frame, so only files whose times overlap are open at once: a folder of
 * one-minute slices is read one file after another, in bounded memory. Records of one file keep their
 * order; equal times keep the files' order. Skipped lines are passed on as they are met.
 */
export async function* mergeByTime(files: readonly TimedFile[]): AsyncGenerator<TardisRecord[]> {
  const pending = [...files].sort((a, b) => compareTimes(a.first, b.first))
  const open: OpenFile[] = []
  let out: TardisRecord[] = []
  try {
    for (;;) {
      let next = earliest(open)
      while (pending.length > 0 && (next === undefined || startsBefore(pending[0], next))) {
        const file = new OpenFile(tardisRecords((pending.shift() as TimedFile).path))
        if (await file.advance()) open.push(file)
        next = earliest(open)
      }
      if (next === undefined) break
      out.push(next.head as TardisRecord)
      if (out.length === BATCH) {
        yield out
        out = []
      }
      let moved = advance(next)
      if (typeof moved !== 'boolean') moved = await moved
      if (!moved) open.splice(open.indexOf(next), 1)
    }
    if (out.length > 0) yield out
  } finally {
    for (const file of open) await file.records.return(undefined)
  }
}

/** Advances `file`, synchronously while its batch lasts (an `await` per record would cost more than the rest). */
function advance(file: OpenFile): boolean | Promise<boolean> {
  if (file.index + 1 < file.batch.length) {
    file.index++
    return true
  }
  return file.advance()
}

/** The open file whose head comes first; skipped lines first of all, as they have no time. */
function earliest(open: readonly OpenFile[]): OpenFile | undefined {
  if (open.length === 1) return open[0]
  let best: OpenFile | undefined
  for (const file of open) {
    if (file.head?.kind === 'skipped') return file
    if (best === undefined || compareTimes(timeOf(file), timeOf(best)) < 0) best = file
  }
  return best
}

/** Whether `file` must be opened before `next` is taken: a skipped line goes first, having no time. */
function startsBefore(file: TimedFile, next: OpenFile): boolean {
  return next.head?.kind !== 'skipped' && compareTimes(file.first, timeOf(next)) <= 0
}

function timeOf(file: OpenFile): TardisTime {
  return (file.head as Exclude<TardisRecord, { kind: 'skipped' }>).time
}
