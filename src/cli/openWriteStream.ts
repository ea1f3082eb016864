import { createWriteStream, type WriteStream } from 'node:fs'

/**
 * @internal A file opened for writing (replaced if it exists); rejects with the error that kept it shut.
 * `highWaterMark` is how much the stream buffers before `write()` asks its writer to wait.
 */
export function openWriteStream(path: string, highWaterMark?: number): Promise<WriteStream> {
  return new Promise((resolve, reject) => {
    const file = createWriteStream(path, { flags: 'w', ...(highWaterMark !== undefined && { highWaterMark }) })
    file.once('open', () => {
      file.off('error', reject)
      // A later error reaches the writer through its write callbacks and `errored`; this listener only keeps
      // the stream's 'error' event from being thrown at the process.
      file.on('error', () => undefined)
      resolve(file)
    })
    file.once('error', reject)
  })
}
