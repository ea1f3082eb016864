// The `binance-dex-rx` command: `stream`, `simulate` and `demo`. Exit codes: 0 done, 1 failed
// (unreachable server, port in use), 2 bad arguments.
import { Observable } from 'rxjs'
import { parseCli } from './args'
import { restoreTerminals } from './demo/Terminal'
import { oneLine, printError } from './io'
import { packageVersion, runCommand } from './run'
import { usageLine } from './usage'
import { UsageError } from './UsageError'

/** A process whose outputs are closed still exits; this bounds the wait for sockets to finish closing. */
const EXIT_GRACE_MS = 2_000

const stop$ = new Observable<string>((subscriber) => {
  const signals = ['SIGINT', 'SIGTERM'] as const
  const listeners = signals.map((signal) => {
    const listener = (): void => subscriber.next(signal)
    process.on(signal, listener)
    return [signal, listener] as const
  })
  return () => listeners.forEach(([signal, listener]) => process.off(signal, listener))
})

const io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, stop$ }

function exit(code: number): void {
  process.exitCode = code
  // The command is over and its files are closed: a late Ctrl-C ends the process with the command's code
  // rather than killing it by signal.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(code))
  // Sockets usually close within milliseconds and the process ends by itself; this covers the rest.
  setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref()
  // Nothing is read after a command ends; a paused stdin does not keep the process alive.
  process.stdin.pause()
}

// A reader that went away (EPIPE) fails every write still queued, each with its own 'error' event;
// the command reacts to the first, and these later ones must not become uncaught exceptions.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error
})

process.on('uncaughtException', (error) => {
  restoreTerminals()
  printError(io, `unexpected error: ${oneLine(error.stack ?? error.message)}`)
  process.exit(1)
})

async function main(argv: readonly string[]): Promise<number> {
  try {
    const command = parseCli(argv)
    return await runCommand(command, io, () => packageVersion(new URL('../package.json', import.meta.url)))
  } catch (error) {
    if (error instanceof UsageError) {
      printError(io, error.message)
      const help = error.command ? `binance-dex-rx ${error.command} --help` : 'binance-dex-rx --help'
      process.stderr.write(`${usageLine(error.command)}\nRun '${help}' for more.\n`)
      return 2
    }
    printError(io, error instanceof Error ? error.message : String(error))
    return 1
  }
}

main(process.argv.slice(2)).then(exit, (error: unknown) => {
  printError(io, String(error))
  exit(1)
})
