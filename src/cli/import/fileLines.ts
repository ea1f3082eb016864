import { createReadStream } from 'node:fs'
import { open } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { StringDecoder } from 'node:string_decoder'
import { createGunzip } from 'node:zlib'
import { FileReadError, MAX_LINE_CHARS, type FileLine } from './FileLine'

export { FileReadError, MAX_LINE_CHARS, type FileLine } from './FileLine'

const GZIP_MAGIC = [0x1f, 0x8b]

/**
 * @internal
 * The lines of a file, gzipped or not (told by its first bytes, not its name), read a chunk at a time so
 * memory stays bounded whatever the file's size. Throws `FileReadError` for a file that cannot be opened,
 * is not valid gzip, ends inside its gzip data (after yielding every whole line before the cut), or holds
 * a line longer than `MAX_LINE_CHARS`.
 */
export async function* fileLines(path: string): AsyncGenerator<FileLine> {
  const gzipped = await startsWith(path, GZIP_MAGIC)
  const file = createReadStream(path, { highWaterMark: 256 * 1024 })
  const source: Readable = gzipped ? file.pipe(createGunzip({ chunkSize: 256 * 1024 })) : file
  // An error of the file stream does not travel through pipe(): hand it on so the loop below sees it.
  if (gzipped) file.once('error', (error) => source.destroy(error))
  const decoder = new StringDecoder('utf8')
  let carry = ''
  let number = 0
  try {
    for await (const chunk of source) {
      const text = carry + decoder.write(chunk as Buffer)
      let start = 0
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        yield { text: withoutCr(text, start, end), number: ++number, whole: true }
        start = end + 1
      }
      carry = start === 0 ? text : text.slice(start)
      if (carry.length > MAX_LINE_CHARS) {
        throw new FileReadError(`line ${number + 1} is longer than ${MAX_LINE_CHARS} characters`, number + 1, false)
      }
    }
  } catch (error) {
    if (error instanceof FileReadError) throw error
    throw readError(error as NodeJS.ErrnoException, gzipped, number + 1)
  } finally {
    file.destroy()
    if (source !== file) source.destroy()
  }
  carry += decoder.end()
  if (carry.length > 0) yield { text: withoutCr(carry, 0, carry.length), number: number + 1, whole: false }
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

async function startsWith(path: string, magic: readonly number[]): Promise<boolean> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    throw readError(error as NodeJS.ErrnoException, false, 1)
  }
  try {
    const buffer = Buffer.alloc(magic.length)
    const { bytesRead } = await handle.read(buffer, 0, magic.length, 0)
    return bytesRead === magic.length && magic.every((byte, i) => buffer[i] === byte)
  } catch (error) {
    throw readError(error as NodeJS.ErrnoException, false, 1)
  } finally {
    await handle.close()
  }
}
