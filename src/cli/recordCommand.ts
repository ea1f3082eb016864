import type { WriteStream } from 'node:fs'
import { open, rename, stat, truncate, unlink } from 'node:fs/promises'
import type { RecordCommand } from './commands'
import { printError, type CliIo } from './io'
import { openWriteStream } from './openWriteStream'
import { systemErrorText } from './systemErrorText'
import { TapeRecorder, tapeSources } from './TapeRecorder'
import { UsageError } from './UsageError'

/** How often progress is printed when stderr is not a terminal (a terminal gets one line, rewritten). */
const LOG_EVERY_MS = 10_000
/** What the file may lag behind the connections before they stop being read. */
const BACKLOG_BYTES = 1024 * 1024
/** The exit code of a recording abandoned by a second Ctrl-C (the shells' 128 + SIGINT). */
const ABANDONED = 130

/**
 * @internal
 * `binance-dex-rx record`: writes the streams' frames into a tape until `--duration` is over or the user
 * stops it (exit 0), or the server ends a connection or a write fails (exit 1). The tape is written beside
 * `--out` (`<out>.partial`) and renamed over it only once the recording ended cleanly and every line is on
 * disk, so a failed or interrupted run never costs the tape already at `--out`; what such a run recorded is
 * left in the partial file, cut to whole lines. An `--out` that is not a regular file (a pipe, a device) is
 * written directly. A second Ctrl-C while the last lines are written stops waiting for them (exit 130).
 */
export async function runRecord(command: RecordCommand, io: CliIo): Promise<number> {
  try {
    tapeSources(command.url, command.streams)
  } catch (error) {
    throw new UsageError((error as Error).message, 'record')
  }
  const direct = await isSpecialFile(command.out)
  const path = direct ? command.out : `${command.out}.partial`
  let file: WriteStream
  try {
    file = await openWriteStream(path, BACKLOG_BYTES)
  } catch (error) {
    printError(io, `cannot write ${path}: ${systemErrorText(error)}`)
    return 1
  }

  let signals = 0
  let onStop = (): void => undefined
  let onAbandon = (): void => undefined
  const stopRequested = new Promise<void>((resolve) => (onStop = resolve))
  const abandoned = new Promise<void>((resolve) => (onAbandon = resolve))
  // Held until the command returns: a signal with no listener would kill the process, mid-line.
  const signalSubscription = io.stop$.subscribe(() => {
    signals++
    if (signals === 1) {
      io.stderr.write(`stopping: writing the last lines to ${path} (Ctrl-C again to stop at once)\n`)
      onStop()
    } else if (signals === 2) onAbandon()
  })

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
      // A write error is told below, naming the file.
      if (recorder.writeError === undefined) printError(io, `${reason}; recording ended`)
      code = 1
    })
    await Promise.race([stopRequested, duration, ended])
  } catch (error) {
    printError(io, `cannot record: ${(error as Error).message}`)
    code = 1
  } finally {
    clearInterval(ticker)
    clearTimeout(deadline)
    recorder.stop()
  }
  const finished = await Promise.race([finish(file, direct).then(() => true), abandoned.then(() => false)])
  signalSubscription.unsubscribe()
  if (!finished) {
    file.destroy()
    code = ABANDONED
  }
  if (recorder.writeError !== undefined) {
    printError(io, `cannot write ${path}: ${systemErrorText(recorder.writeError)}`)
    code = 1
  }
  if (tty) io.stderr.write('\n')
  if (direct) {
    io.stderr.write(`recorded ${progress()} to ${path}\n`)
    return code
  }
  if (code === 0) {
    try {
      await rename(path, command.out)
      io.stderr.write(`recorded ${progress()} to ${command.out}\n`)
      return code
    } catch (error) {
      printError(io, `cannot replace ${command.out}: ${systemErrorText(error)}`)
      code = 1
    }
  }
  await keepWholeLines(file, path, recorder)
  const kept = recorder.frames > 0 ? `recorded ${progress()} to ${path}` : 'recorded 0 frames'
  io.stderr.write(`${kept}; ${command.out} was left as it was\n`)
  return code
}

/** A pipe, a device or a socket is written in place; only a regular file (or none yet) is written beside. */
async function isSpecialFile(path: string): Promise<boolean> {
  try {
    return !(await stat(path)).isFile()
  } catch {
    return false
  }
}

/** Ends the file and, for a regular file, puts its lines on disk before it may replace anything. */
async function finish(file: WriteStream, direct: boolean): Promise<void> {
  if (!file.destroyed) await new Promise<void>((resolve) => file.end(() => resolve()))
  if (!file.closed) await new Promise<void>((resolve) => file.once('close', () => resolve()))
  if (direct) return
  const handle = await open(file.path, 'r+').catch(() => undefined)
  if (handle === undefined) return
  await handle.sync().catch(() => undefined)
  await handle.close()
}

/** Cuts a partial tape to the lines written whole, or removes it when it holds no frame. */
async function keepWholeLines(file: WriteStream, path: string, recorder: TapeRecorder): Promise<void> {
  // A destroyed stream closes its file once the write in progress returns; a cut before that would be undone.
  if (!file.closed) await new Promise<void>((resolve) => file.once('close', () => resolve()))
  if (recorder.frames === 0) await unlink(path).catch(() => undefined)
  else await truncate(path, recorder.bytes).catch(() => undefined)
}

