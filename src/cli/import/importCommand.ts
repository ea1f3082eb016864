import { createReadStream, type WriteStream } from 'node:fs'
import { readdir, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import type { ImportCommand } from '../commands'
import { printError, type CliIo } from '../io'
import { openWriteStream } from '../openWriteStream'
import { systemErrorText } from '../systemErrorText'
import { firstTimes, mergeByTime } from './mergeByTime'
import { ImportError } from './tardisFile'
import { TardisTape } from './TardisTape'

/** Skipped lines named one by one on stderr; beyond that only their count is given. */
const SKIPS_SHOWN = 10
/** In a folder, the files taken for data: tardis.dev's slices, and NDJSON saved from tardis-machine. */
const DATA_FILE = /\.(json|ndjson|jsonl)(\.gz)?$/i

/**
 * @internal
 * `binance-dex-rx import tardis <path>... --out <tape>`: reads tardis.dev's Binance DEX data (cache slices,
 * HTTP API downloads, tardis-machine NDJSON; gzipped or not; files or folders of them) in time order and
 * writes one tape. Exit 1, with the file and line named, when some input is not such data; damaged lines
 * are skipped, named and counted. The tape is written beside `out` and renamed to it once complete, so
 * `out` is never a half-written tape.
 */
export async function runImport(command: ImportCommand, io: CliIo): Promise<number> {
  const fail = (message: string): number => {
    printError(io, message)
    return 1
  }
  let files: string[]
  try {
    files = (await Promise.all(command.paths.map(dataFiles))).flat()
  } catch (error) {
    return fail((error as Error).message)
  }
  if (files.length === 0) return fail(`no data files in ${command.paths.join(', ')} (expected .json.gz, .json or .ndjson files)`)
  const bytesIn = (await Promise.all(files.map(async (f) => (await stat(f)).size))).reduce((a, b) => a + b, 0)

  const stopped = { reason: undefined as string | undefined }
  const stopping = io.stop$.subscribe((signal) => (stopped.reason = signal))
  const body = `${command.out}.frames.partial`
  const whole = `${command.out}.partial`
  const tape = new TardisTape()
  let skipped = 0
  try {
    const timed = await firstTimes(files)
    if (timed.length === 0) return fail(`no Binance DEX frames in ${command.paths.join(', ')}`)
    const started = performance.now()
    const out = await openWriteStream(body)
    try {
      for await (const records of mergeByTime(timed)) {
        if (stopped.reason !== undefined) break
        let text = ''
        for (const record of records) {
          if (record.kind === 'skipped') {
            if (++skipped <= SKIPS_SHOWN) io.stderr.write(`binance-dex-rx: skipped ${record.reason}\n`)
            continue
          }
          text += tape.line(record) ?? ''
        }
        if (!out.write(text)) await drained(out)
      }
    } finally {
      await closeFile(out)
    }
    if (stopped.reason !== undefined) {
      await removeAll(body, whole)
      return fail(`import stopped (${stopped.reason}); ${command.out} was not written`)
    }
    const header = tape.headerLine() as string
    const final = await openWriteStream(whole)
    final.write(header)
    await pipeline(createReadStream(body), final)
    await rename(whole, command.out)
    await rm(body, { force: true })
    const seconds = (performance.now() - started) / 1000
    const skips = skipped === 0 ? '' : `; skipped ${count(skipped, 'damaged line')}`
    io.stderr.write(
      `imported ${count(tape.frames, 'frame')} and ${count(tape.disconnects, 'disconnect')} from ` +
        `${count(files.length, 'file')} (${megabytes(bytesIn)} MB) in ${seconds.toFixed(1)} s ` +
        `to ${command.out}${skips}\n`,
    )
    return 0
  } catch (error) {
    await removeAll(body, whole)
    if (error instanceof ImportError) return fail(`${error.message}; nothing was written`)
    return fail(`cannot write ${command.out}: ${systemErrorText(error)}`)
  } finally {
    stopping.unsubscribe()
  }
}

/** The data files a path names: itself, or the data files anywhere under a folder, in path order. */
async function dataFiles(path: string): Promise<string[]> {
  let isFolder: boolean
  try {
    isFolder = (await stat(path)).isDirectory()
  } catch (error) {
    throw new Error(`cannot read ${path}: ${systemErrorText(error)}`)
  }
  if (!isFolder) return [path]
  const found: string[] = []
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const child = join(folder, entry.name)
      if (entry.isDirectory()) await walk(child)
      else if (entry.isFile() && DATA_FILE.test(entry.name)) found.push(child)
    }
  }
  await walk(path)
  return found.sort()
}


function drained(file: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error): void => {
      file.off('drain', done)
      file.off('error', done)
      if (error) reject(error)
      else resolve()
    }
    file.once('drain', done)
    file.once('error', done)
  })
}

function closeFile(file: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    if (file.errored) return reject(file.errored)
    file.end((error?: Error | null) => (error ? reject(error) : resolve()))
  })
}

async function removeAll(...paths: string[]): Promise<void> {
  await Promise.all(paths.map((p) => rm(p, { force: true })))
}

const megabytes = (bytes: number): string => (bytes / 1e6).toFixed(1)
const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`
