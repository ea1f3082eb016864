import type { Observable } from 'rxjs'

/** A writable the CLI prints to: `process.stdout` or a test double. */
export interface Output {
  write(text: string): boolean
  on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown
  off(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown
}

/**
 * @internal
 * What a command may touch of the process: its outputs and the request to stop (SIGINT, SIGTERM). Commands
 * resolve with an exit code instead of exiting, so they can run inside a test process too.
 */
export interface CliIo {
  readonly stdout: Output
  readonly stderr: Output
  /** Emits the signal's name when the user asks the program to stop. */
  readonly stop$: Observable<string>
}

/** @internal One error line on stderr, prefixed with the program's name. */
export function printError(io: CliIo, message: string): void {
  io.stderr.write(`binance-dex-rx: ${oneLine(message)}\n`)
}

/** @internal Collapses a message to one line, so each error is one line of a log. */
export function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim()
}

/**
 * @internal
 * Calls `onClosed` when stdout's reader goes away (EPIPE, e.g. piped into `head`), which is a normal way
 * for a stream to end; any other write error is passed on as such. Returns the unsubscribe function.
 */
export function watchStdout(io: CliIo, onClosed: () => void, onError: (error: Error) => void): () => void {
  const listener = (error: NodeJS.ErrnoException): void => {
    if (error.code === 'EPIPE') onClosed()
    else onError(error)
  }
  io.stdout.on('error', listener)
  return () => io.stdout.off('error', listener)
}
