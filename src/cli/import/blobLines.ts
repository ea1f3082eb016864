import { FileReadError, MAX_LINE_CHARS, type FileLine } from './FileLine'

/**
 * A file as a browser gives it (a `File` from an `<input type="file">` or a drop) or any `Blob` with a
 * name: only what reading it needs.
 * @since 0.2.0
 */
export interface NamedBlob {
  /** Names the file in messages. */
  readonly name: string
  /** A part of the file, read to tell gzip from plain text by its first bytes. */
  slice(start?: number, end?: number): {
    /** The part's bytes. */
    arrayBuffer(): Promise<ArrayBuffer>
  }
  /** The whole file's bytes, read a chunk at a time. */
  stream(): ReadableStream<Uint8Array>
}

const GZIP_MAGIC = [0x1f, 0x8b]

/**
 * @internal
 * The lines of a blob, a chunk's worth at a time, gzipped or not (told by its first bytes, not its name; `DecompressionStream`
 * inflates it), a chunk at a time, so a file of any size is read in the memory of a few lines. Throws
 * `FileReadError`: not valid gzip (`cut` false when no line came out yet, else true: the rest is lost), or
 * a line longer than `MAX_LINE_CHARS`.
 */
export async function* blobLines(file: NamedBlob): AsyncGenerator<FileLine[]> {
  const head = new Uint8Array(await file.slice(0, GZIP_MAGIC.length).arrayBuffer())
  const gzipped = GZIP_MAGIC.every((byte, i) => head[i] === byte)
  const bytes = gzipped ? file.stream().pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>) : file.stream()
  const reader = bytes.getReader()
  const decoder = new TextDecoder()
  let carry = ''
  let number = 0
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>
      try {
        chunk = await reader.read()
      } catch (error) {
        const why = error instanceof Error ? error.message : String(error)
        throw gzipped
          ? new FileReadError(`the gzip data is cut short or damaged (${why}) in line ${number + 1}`, number + 1, number > 0)
          : new FileReadError(`cannot read it: ${why}`, number + 1, false)
      }
      if (chunk.done) break
      const text = carry + decoder.decode(chunk.value, { stream: true })
      const lines: FileLine[] = []
      let start = 0
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        lines.push({ text: text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end), number: ++number, whole: true })
        start = end + 1
      }
      carry = start === 0 ? text : text.slice(start)
      if (lines.length > 0) yield lines
      if (carry.length > MAX_LINE_CHARS) {
        throw new FileReadError(`line ${number + 1} is longer than ${MAX_LINE_CHARS} characters`, number + 1, false)
      }
    }
  } finally {
    // Stops reading (and inflating) when the caller leaves early.
    void reader.cancel().catch(() => undefined)
  }
  carry += decoder.decode()
  if (carry.length > 0) yield [{ text: carry, number: number + 1, whole: false }]
}
