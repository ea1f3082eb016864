// What reading a file of tardis.dev data line by line gives, wherever the bytes come from (a Node file, a
// browser File): no Node built-ins here.

/**
 * @internal
 * The longest line read: far beyond any real frame (a 1000-level snapshot is tens of kilobytes), and
 * small enough that a file without newlines cannot make the import hold it whole.
 */
export const MAX_LINE_CHARS = 64 * 1024 * 1024

/** @internal Why a file could not be read on: the caller names the file and decides what it costs. */
export class FileReadError extends Error {
  override readonly name = 'FileReadError'
  constructor(
    message: string,
    /** The line being read when it failed (1-based). */
    readonly line: number,
    /** true when the data read so far is good and only the rest is lost (a gzip file cut short). */
    readonly cut: boolean,
  ) {
    super(message)
  }
}

/** @internal One line of a file, without its line break. */
export interface FileLine {
  readonly text: string
  /** 1-based. */
  readonly number: number
  /** false for a last line with no line break after it (a file cut mid-line ends so). */
  readonly whole: boolean
}
