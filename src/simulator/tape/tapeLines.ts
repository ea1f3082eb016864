import { DexInputError } from '../../errors'

/**
 * Where a tape is read from: its text; an iterable or async iterable of its lines (a `readline`
 * interface, an array); or a stream of its bytes or text, a Node readable stream (`fs.createReadStream`)
 * or a web `ReadableStream` (`(await fetch(url)).body`). Streams are read a chunk at a time, so a tape of
 * any size is replayed in the memory of a few lines.
 * @since 0.2.0
 */
export type TapeSource =
  | string
  | Iterable<string>
  | AsyncIterable<string | Uint8Array>
  | ReadableStream<Uint8Array>

/** @internal Lines of a tape, a batch at a time; `cut` marks a last line that had no newline. */
export interface LineBatch {
  readonly lines: readonly string[]
  readonly cut: boolean
}

const BATCH = 1024

/**
 * @internal
 * The lines of `source`, in batches (one `await` per batch, not per line). Chunked sources are split on
 * newlines, a trailing `\r` dropped; a source of lines gives its items as they are.
 */
export async function* tapeLines(source: TapeSource): AsyncGenerator<LineBatch> {
  if (typeof source === 'string') {
    yield* textLines(source)
    return
  }
  if (isWebStream(source)) {
    yield* chunkLines(webStreamChunks(source))
    return
  }
  if (isNodeStream(source)) {
    yield* chunkLines(source as AsyncIterable<string | Uint8Array>)
    return
  }
  if (typeof source === 'object' && source !== null) {
    if (Symbol.iterator in source) {
      yield* itemLines(source as Iterable<string>)
      return
    }
    if (Symbol.asyncIterator in source) {
      yield* itemLines(source as AsyncIterable<string | Uint8Array>)
      return
    }
  }
  throw new DexInputError(
    'a tape source must be its text, an iterable of its lines, or a readable stream of the file',
    source,
  )
}

function* textLines(text: string): Generator<LineBatch> {
  let start = 0
  let batch: string[] = []
  for (;;) {
    const end = text.indexOf('\n', start)
    if (end < 0) break
    batch.push(stripCr(text, start, end))
    start = end + 1
    if (batch.length === BATCH) {
      yield { lines: batch, cut: false }
      batch = []
    }
  }
  const cut = start < text.length
  if (cut) batch.push(text.slice(start))
  yield { lines: batch, cut }
}

async function* chunkLines(chunks: AsyncIterable<string | Uint8Array>): AsyncGenerator<LineBatch> {
  const decoder = new TextDecoder()
  let rest = ''
  for await (const chunk of chunks) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }))
    const lines: string[] = []
    let start = 0
    for (;;) {
      const end = text.indexOf('\n', start)
      if (end < 0) break
      lines.push(stripCr(text, start, end))
      start = end + 1
    }
    rest = text.slice(start)
    if (lines.length > 0) yield { lines, cut: false }
  }
  rest += decoder.decode()
  yield { lines: rest === '' ? [] : [rest], cut: rest !== '' }
}

async function* itemLines(items: Iterable<string> | AsyncIterable<string | Uint8Array>): AsyncGenerator<LineBatch> {
  const decoder = new TextDecoder()
  let batch: string[] = []
  for await (const item of items) {
    const line = typeof item === 'string' ? item : decoder.decode(item)
    batch.push(line.endsWith('\n') ? stripCr(line, 0, line.length - 1) : line)
    if (batch.length === BATCH) {
      yield { lines: batch, cut: false }
      batch = []
    }
  }
  yield { lines: batch, cut: false }
}

async function* webStreamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      yield value
    }
  } finally {
    // Stops the download when the replay ends early.
    void reader.cancel().catch(() => undefined)
  }
}

function stripCr(text: string, start: number, end: number): string {
  return text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end)
}

function isWebStream(source: unknown): source is ReadableStream<Uint8Array> {
  return typeof (source as { getReader?: unknown }).getReader === 'function'
}

/** A Node readable gives chunks, not lines; it is told apart by `pipe` (and is async iterable). */
function isNodeStream(source: unknown): boolean {
  const s = source as { pipe?: unknown; [Symbol.asyncIterator]?: unknown }
  return typeof s === 'object' && s !== null && typeof s.pipe === 'function' && typeof s[Symbol.asyncIterator] === 'function'
}
