import { createWriteStream, type WriteStream } from 'node:fs'
import { firstValueFrom } from 'rxjs'
import type { RecordCommand } from './commands'
import { printError, type CliIo } from './io'
import { systemErrorText } from './systemErrorText'
import { TapeRecorder, tapeSources } from './TapeRecorder'
import { UsageError } from './UsageError'

/** How often progress is printed when stderr is not a terminal (a terminal gets one line, rewritten). */
const LOG_EVERY_MS = 10_000

/**
 * @internal
 * `binance-dex-rx record`: writes the streams' frames into a tape file until `--duration` is over or the
 * user stops it (exit 0), or the server ends a connection (exit 1). Either way the file is complete:
 * every line written is whole, and the file is flushed and closed before the command returns.
 */
export async function runRecord(command: RecordCommand, io: CliIo): Promise<number> {
  try {
    tapeSources(command.url, command.streams)
  } catch (error) {
    throw new UsageError((error as Error).message, 'record')
  }
  let file: WriteStream
  try {
    file = await openFile(command.out)
  } catch (error) {
    printError(io, `cannot write ${command.out}: ${systemErrorText(error)}`)
    return 1
  }
  const stopRequested = firstValueFrom(io.stop$, { defaultValue: 'end' })
  const recorder = new TapeRecorder(file, command.url, command.streams)
  const tty = (io.stderr as { isTTY?: boolean }).isTTY === true
  const progress = (): string => `${recorder.frames} frames, ${recorder.bytes} bytes`
  let code = 0
  let ticker: ReturnType<typeof setInterval> | undefined
  let deadline: ReturnType<typeof setTimeout> | undefined
  try {
    const starting = recorder.start()
    // A stop request may win the race; a failure to open after that has nobody left to tell.
    starting.catch(() => undefined)
    await Promise.race([starting, stopRequested])
    ticker = setInterval(
      () => io.stderr.write(tty ? `\rrecording: ${progress()}` : `recording: ${progress()}\n`),
      tty ? 1_000 : LOG_EVERY_MS,
    )
    const duration = new Promise<void>((resolve) => {
      if (command.durationS !== undefined) deadline = setTimeout(resolve, command.durationS * 1_000)
    })
    const ended = recorder.ended.then((reason) => {
      printError(io, `${reason}; recording ended`)
      code = 1
    })
    const writeFailed = new Promise<void>((resolve) =>
      file.once('error', (error: NodeJS.ErrnoException) => {
        printError(io, `cannot write ${command.out}: ${systemErrorText(error)}`)
        code = 1
        resolve()
      }),
    )
    await Promise.race([stopRequested, duration, ended, writeFailed])
  } catch (error) {
    printError(io, `cannot record: ${(error as Error).message}`)
    code = 1
  } finally {
    clearInterval(ticker)
    clearTimeout(deadline)
    recorder.stop()
    await new Promise<void>((resolve) => file.end(resolve))
  }
  if (tty) io.stderr.write('\n')
  io.stderr.write(`recorded ${progress()} to ${command.out}\n`)
  return code
}

function openFile(path: string): Promise<WriteStream> {
  return new Promise((resolve, reject) => {
    const file = createWriteStream(path, { flags: 'w' })
    file.once('open', () => resolve(file))
    file.once('error', reject)
  })
}
