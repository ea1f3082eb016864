import { createReadStream, statSync } from 'node:fs'
import { filter, Subscription, switchMap, take, timer, type Observable } from 'rxjs'
import type { DexSocket } from '../DexSocket'
import { DexConnectionError, DexInputError } from '../errors'
import { replayTape } from '../simulator/tape/replayTape'
import { TAPE_ENDED } from '../simulator/tape/TapeReplay'
import type { StreamCommand, TapeCommand } from './commands'
import { oneLine, printError, watchStdout, type CliIo } from './io'
import { toNdjson } from './ndjson'
import { describeEndpoint, openDexSocket } from './openDexSocket'
import { progressLine } from './progressLine'
import { stderrLogger } from './stderrLogger'
import { UsageError } from './UsageError'

/**
 * @internal
 * `binance-dex-rx stream`: prints the topic's events as NDJSON until `--count` is reached (exit 0), the
 * user stops it or stdout's reader goes away (exit 0), or the connection cannot be (re)established (exit 1).
 * Connection progress goes to stderr unless `--quiet`; `--verbose` adds the socket's own log, raw frames too. A bad symbol, address or interval throws
 * {@link UsageError} before anything is sent. With `--tape` the events come from a tape instead, with no
 * server: exit 0 at its end, 1 for a tape it cannot read. A replaying server whose tape has ended says so
 * with its close code; that ends the command too (exit 0), with the server's words.
 */
export function runStream(command: StreamCommand, io: CliIo): Promise<number> {
  const { tape } = command
  if (tape) {
    try {
      statSync(tape.file)
    } catch (error) {
      printError(io, `cannot replay ${tape.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
      return Promise.resolve(1)
    }
  }
  const dex = tape
    ? openTape(tape)
    : openDexSocket(command.endpoint, command.maxAttempts, command.verbose ? stderrLogger(io) : undefined)
  let events: Observable<unknown>
  try {
    events = command.topic.open(dex, command.key, command.settings)
  } catch (error) {
    dex.close()
    if (error instanceof DexInputError) throw new UsageError(error.message, 'stream')
    throw error
  }
  if (command.count !== undefined) events = events.pipe(take(command.count))

  return new Promise<number>((resolve) => {
    let opened = false
    let received = false
    let done = false
    const all = new Subscription()
    const finish = (code: number): void => {
      if (done) return
      done = true
      all.unsubscribe()
      dex.close()
      resolve(code)
    }
    const writeFailed = (error: Error): void => {
      printError(io, `cannot write to stdout: ${error.message}`)
      finish(1)
    }
    all.add(watchStdout(io, () => finish(0), writeFailed))
    const url = describeEndpoint(command.endpoint)
    all.add(
      dex.status$.subscribe((status) => {
        if (status.state === 'open') opened = true
        if ('code' in status && status.code === TAPE_ENDED.code) {
          printError(io, `the server's tape has ended (${url} closed with ${status.code}: "${status.reason}")`)
          return finish(0)
        }
        const line = command.progress && !tape ? progressLine(status, url, command.maxAttempts) : undefined
        if (line !== undefined) printError(io, line)
      }),
    )
    // A well-formed symbol the server does not list is accepted and then never sends anything.
    if (command.topic.key === 'symbol' && command.warnAfterMs > 0 && !tape) {
      const firstOpen = dex.status$.pipe(filter((status) => status.state === 'open'), take(1))
      all.add(
        firstOpen.pipe(switchMap(() => timer(command.warnAfterMs))).subscribe(() => {
          if (received) return
          const seconds = command.warnAfterMs / 1000
          printError(
            io,
            `warning: no ${command.topic.name} event for ${command.key} in the ${seconds} s since connecting;` +
              ` the symbol may not be listed on ${url} (a simulator prints its symbols when it starts)`,
          )
        }),
      )
    }
    // Failed attempts before the first open end up in one final error below; later drops are news.
    all.add(
      dex.errors$.subscribe((error) => {
        const tapeEnded = error instanceof DexConnectionError && error.code === TAPE_ENDED.code
        if ((opened || !(error instanceof DexConnectionError)) && !tapeEnded) {
          printError(io, `${error.name}: ${oneLine(error.message)}`)
        }
      }),
    )
    all.add(io.stop$.subscribe(() => finish(0)))
    all.add(
      events.subscribe({
        next: (event) => {
          received = true
          io.stdout.write(toNdjson(event))
        },
        error: (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error)
          if (tape) printError(io, `cannot replay ${tape.file}: ${message}`)
          else printError(io, opened ? message : `cannot connect: ${message}`)
          finish(1)
        },
        complete: () => finish(0),
      }),
    )
  })
}

/** A client over a tape file, read a line at a time. */
function openTape(tape: TapeCommand): DexSocket {
  return replayTape(createReadStream(tape.file), { speed: tape.speed }).dex
}
