import { closeSync, createReadStream, fstatSync, openSync, readFileSync, readSync } from 'node:fs'
import type { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import { constants, createGunzip, gunzipSync } from 'node:zlib'

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

const GZIP_MAGIC = [0x1f, 0x8b]

/** @internal The bytes read at a time: large for throughput; a peek at a file's first line reads less. */
export const CHUNK_BYTES = 256 * 1024
/**
 * Files up to this size are read and inflated in one go (a tardis.dev slice holds a minute: far less),
 * which saves most of a stream's per-file work; larger files are streamed a chunk at a time.
 */
const WHOLE_FILE_BYTES = 2 * 1024 * 1024

/**
 * @internal
 * The lines of a file, gzipped or not (told by its first bytes, not its name), a chunk's worth at a time
 * so memory stays bounded whatever the file's size. Throws `FileReadError` for a file that cannot be
 * opened, is not valid gzip, ends inside its gzip data (after yielding every whole line before the cut),
 * or holds a line longer than `MAX_LINE_CHARS`.
 */
export async function* fileLines(path: string, chunkBytes = CHUNK_BYTES): AsyncGenerator<FileLine[]> {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (error) {
    throw readError(error as NodeJS.ErrnoException, false, 1)
  }
  const decoder = new StringDecoder('utf8')
  let gzipped = false
  let carry = ''
  let number = 0
  let stream: Readable | undefined
  let opened: Readable | undefined
  try {
    let chunks: Iterable<Buffer> = []
    let cut: NodeJS.ErrnoException | undefined
    // Synchronous on purpose: for a small file, a trip through the thread pool per call costs more than
    // the call, and a command that imports has nothing else to do meanwhile.
    if (fstatSync(fd).size <= WHOLE_FILE_BYTES) {
      const bytes = readFileSync(fd)
      gzipped = isGzip(bytes)
      if (gzipped) {
        const inflated = gunzipWhole(bytes)
        cut = inflated.cut
        chunks = [inflated.data]
      } else chunks = [bytes]
    } else {
      const head = Buffer.alloc(GZIP_MAGIC.length)
      readSync(fd, head, 0, head.length, 0)
      gzipped = isGzip(head)
      // The stream closes the file itself, once no read of it is in flight.
      const file = createReadStream('', { fd, start: 0, highWaterMark: chunkBytes })
      opened = file
      stream = gzipped ? file.pipe(createGunzip({ chunkSize: chunkBytes })) : file
      // An error of the file stream does not travel through pipe(): hand it on so the loop below sees it.
      if (gzipped) file.once('error', (error) => stream?.destroy(error))
    }
    for await (const chunk of stream ?? chunks) {
      const text = carry + decoder.write(chunk as Buffer)
      const lines: FileLine[] = []
      let start = 0
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        lines.push({ text: withoutCr(text, start, end), number: ++number, whole: true })
        start = end + 1
      }
      carry = start === 0 ? text : text.slice(start)
      if (lines.length > 0) yield lines
      if (carry.length > MAX_LINE_CHARS) {
        throw new FileReadError(`line ${number + 1} is longer than ${MAX_LINE_CHARS} characters`, number + 1, false)
      }
    }
    if (cut !== undefined) throw cut
  } catch (error) {
    if (error instanceof FileReadError) throw error
    throw readError(error as NodeJS.ErrnoException, gzipped, number + 1)
  } finally {
    if (opened !== undefined) {
      opened.destroy()
      stream?.destroy()
    } else closeSync(fd)
  }
  carry += decoder.end()
  if (carry.length > 0) yield [{ text: withoutCr(carry, 0, carry.length), number: number + 1, whole: false }]
}

const isGzip = (bytes: Buffer): boolean => bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]

/**
 * A whole gzip file inflated; for one cut short, what it holds up to the cut and the error saying so
 * (inflated again without the check of its end, which a cut file is missing).
 */
function gunzipWhole(bytes: Buffer): { data: Buffer; cut?: NodeJS.ErrnoException } {
  try {
    return { data: gunzipSync(bytes) }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'Z_BUF_ERROR') throw error
    const data = gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH })
    return { data, cut: error as NodeJS.ErrnoException }
  }
}

function withoutCr(text: string, start: number, end: number): string {
  return text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end)
}

function readError(error: NodeJS.ErrnoException, gzipped: boolean, line: number): FileReadError {
  if (gzipped && error.code === 'Z_BUF_ERROR') {
    return new FileReadError(`the gzip data ends early, in line ${line}: the file was cut short`, line, true)
  }
  if (gzipped && typeof error.code === 'string' && error.code.startsWith('Z_')) {
    return new FileReadError(`not valid gzip data (${error.message}) in line ${line}`, line, false)
  }
  return new FileReadError(`cannot read it: ${error.code ?? error.message}`, line, false)
}
