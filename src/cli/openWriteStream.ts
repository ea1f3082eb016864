import { createWriteStream, type WriteStream } from 'node:fs'

/** @internal A file opened for writing (replaced if it exists); rejects with the error that kept it shut. */
export function openWriteStream(path: string): Promise<WriteStream> {
  return new Promise((resolve, reject) => {
    const file = createWriteStream(path, { flags: 'w' })
    file.once('open', () => resolve(file))
    file.once('error', reject)
  })
}
