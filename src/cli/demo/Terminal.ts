import { Observable } from 'rxjs'
import { TERMINAL } from './ansi'

/** The parts of `process.stdout` the terminal view uses. */
export interface TerminalOutput {
  readonly columns?: number
  readonly rows?: number
  write(text: string): boolean
  on(event: 'resize', listener: () => void): unknown
  off(event: 'resize', listener: () => void): unknown
}

/** The parts of `process.stdin` the terminal view uses. */
export interface TerminalInput {
  readonly isTTY?: boolean
  setRawMode?(raw: boolean): unknown
  setEncoding(encoding: 'utf8'): unknown
  resume(): unknown
  pause(): unknown
  on(event: 'data', listener: (chunk: string) => void): unknown
  off(event: 'data', listener: (chunk: string) => void): unknown
}

/** The terminals in full-screen mode now, for {@link restoreTerminals}. */
const active = new Set<Terminal>()

/**
 * @internal
 * Restores every terminal in full-screen mode: a crash report must land on the user's screen, not on the
 * alternate one that disappears with it.
 */
export function restoreTerminals(): void {
  for (const terminal of [...active]) terminal.restore()
}

/**
 * @internal
 * A full-screen view on an interactive terminal: the alternate screen buffer with the cursor hidden and
 * keys read one by one. `restore()` puts everything back; it also runs when the process exits, however it
 * exits, so the user's shell is never left without a cursor or in raw mode.
 */
export class Terminal {
  private previous: string[] = []
  private clearNext = true
  private readonly restoreOnExit = (): void => this.restore()

  constructor(
    private readonly output: TerminalOutput,
    private readonly input: TerminalInput,
  ) {}

  /** Columns and rows now (80x24 when the output does not say). */
  get size(): { columns: number; rows: number } {
    return { columns: this.output.columns || 80, rows: this.output.rows || 24 }
  }

  /** Emits after each resize; the next draw repaints the whole screen. */
  readonly resize$ = new Observable<void>((subscriber) => {
    const listener = (): void => {
      this.clearNext = true
      subscriber.next()
    }
    this.output.on('resize', listener)
    return () => this.output.off('resize', listener)
  })

  /** Key presses: single characters, or whole escape sequences such as `'\x1b[Z'` (Shift-Tab). */
  readonly keys$ = new Observable<string>((subscriber) => {
    const listener = (chunk: string): void => {
      for (const key of splitKeys(chunk)) subscriber.next(key)
    }
    this.input.on('data', listener)
    return () => this.input.off('data', listener)
  })

  /** Switches to the alternate screen, hides the cursor and reads keys raw (Ctrl-C arrives as a key). */
  start(): void {
    if (active.has(this)) return
    active.add(this)
    process.once('exit', this.restoreOnExit)
    this.output.write(TERMINAL.enterAltScreen + TERMINAL.hideCursor + TERMINAL.clearScreen)
    if (this.input.isTTY && this.input.setRawMode) this.input.setRawMode(true)
    this.input.setEncoding('utf8')
    this.input.resume()
  }

  /** Draws the lines, rewriting only those that changed since the last draw. */
  draw(lines: readonly string[]): void {
    if (!active.has(this)) return
    let text = TERMINAL.beginSync
    if (this.clearNext) {
      text += TERMINAL.clearScreen
      this.previous = []
      this.clearNext = false
    }
    const { rows } = this.size
    for (let i = 0; i < rows; i++) {
      const line = lines[i] ?? ''
      if (line !== this.previous[i]) text += TERMINAL.moveTo(i + 1) + TERMINAL.clearLine + line
    }
    this.previous = lines.slice(0, rows)
    this.output.write(text + TERMINAL.endSync)
  }

  /** Leaves the alternate screen, shows the cursor and gives the keyboard back. Safe to call twice. */
  restore(): void {
    if (!active.delete(this)) return
    process.off('exit', this.restoreOnExit)
    if (this.input.isTTY && this.input.setRawMode) this.input.setRawMode(false)
    this.input.pause()
    this.output.write(TERMINAL.resetStyle + TERMINAL.showCursor + TERMINAL.leaveAltScreen)
  }
}

/** @internal Splits a chunk of input into keys; a paste or fast typing delivers several at once. */
export function splitKeys(chunk: string): string[] {
  const keys: string[] = []
  for (let i = 0; i < chunk.length; ) {
    const sequence = /^\x1b\[[0-9;]*[A-Za-z~]/.exec(chunk.slice(i))
    const key = sequence ? sequence[0] : String.fromCodePoint(chunk.codePointAt(i) as number)
    keys.push(key)
    i += key.length
  }
  return keys
}
