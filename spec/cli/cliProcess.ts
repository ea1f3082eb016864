import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { resolve } from 'node:path'

/** The built command line; `npm test` builds before jest runs. */
export const CLI = resolve(__dirname, '../../dist/cli.js')

export interface CliResult {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

const running = new Set<CliProcess>()

/**
 * `node dist/cli.js …` as a child process, its output collected. Waits have no timers of their own: a
 * missing output fails on jest's timeout, and `killAll` (in afterEach) ends whatever is left.
 */
export class CliProcess {
  readonly child: ChildProcessWithoutNullStreams
  stdout = ''
  stderr = ''
  readonly exited: Promise<CliResult>
  private wake: (() => void) | undefined

  constructor(args: readonly string[], env: Record<string, string> = {}) {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`)
    const base = { ...process.env }
    // Jest's workers force colors; the CLI must decide for itself.
    delete base.FORCE_COLOR
    delete base.NO_COLOR
    this.child = spawn(process.execPath, [CLI, ...args], { env: { ...base, TZ: 'UTC', ...env } })
    this.child.stdout.setEncoding('utf8').on('data', (text: string) => this.append('stdout', text))
    this.child.stderr.setEncoding('utf8').on('data', (text: string) => this.append('stderr', text))
    running.add(this)
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        running.delete(this)
        this.wake?.()
        resolve({ code, signal, stdout: this.stdout, stderr: this.stderr })
      })
    })
  }

  /** Resolves with stdout once `done(stdout)` holds; rejects if the process exits first. */
  waitForStdout(done: (stdout: string) => boolean): Promise<string> {
    return this.waitFor('stdout', done)
  }

  /** Resolves with stderr once `done(stderr)` holds; rejects if the process exits first. */
  waitForStderr(done: (stderr: string) => boolean): Promise<string> {
    return this.waitFor('stderr', done)
  }

  private async waitFor(stream: 'stdout' | 'stderr', done: (text: string) => boolean): Promise<string> {
    while (!done(this[stream])) {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        const how = this.child.exitCode ?? this.child.signalCode
        throw new Error(`exited (${how}) before the expected output:\n${this.stdout}\n${this.stderr}`)
      }
      await new Promise<void>((resolve) => (this.wake = resolve))
    }
    return this[stream]
  }

  private append(stream: 'stdout' | 'stderr', text: string): void {
    this[stream] += text
    this.wake?.()
  }
}

/** Runs the CLI to its end. */
export function runCli(args: readonly string[], env?: Record<string, string>): Promise<CliResult> {
  return new CliProcess(args, env).exited
}

/** Kills every CLI process a test left running and waits for them to go. */
export async function killAll(): Promise<void> {
  const left = [...running]
  for (const p of left) p.child.kill('SIGKILL')
  await Promise.all(left.map((p) => p.exited))
}

/** A port nothing listens on: bound, read and released. */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** Non-empty lines. */
export const linesOf = (text: string): string[] => text.split('\n').filter((line) => line !== '')
