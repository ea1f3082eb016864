// Plain ANSI escape sequences: every terminal the demo targets understands these, so no dependency.

/** The styles the demo paints with. */
export type Style = 'red' | 'green' | 'yellow' | 'cyan' | 'dim' | 'bold' | 'inverse'

const SGR: Record<Style, string> = {
  red: '31',
  green: '32',
  yellow: '33',
  cyan: '36',
  dim: '2',
  bold: '1',
  inverse: '7',
}

/** Wraps text in a style, or leaves it alone: the renderer is written once for both. @internal */
export type Paint = (style: Style, text: string) => string

/** @internal Paints with SGR codes. */
export const ansiPaint: Paint = (style, text) => (text === '' ? '' : `\x1b[${SGR[style]}m${text}\x1b[0m`)

/** @internal Leaves text as it is: for pipes, files, `NO_COLOR` and tests. */
export const plainPaint: Paint = (_style, text) => text

const ESCAPES = /\x1b\[[0-9;?]*[A-Za-z]/g

/** @internal Text without its escape sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ESCAPES, '')
}

/**
 * @internal
 * Columns the text takes: one per code point once escapes are removed. The demo only prints ASCII,
 * box-drawing and block characters, which are all one column wide.
 */
export function visibleWidth(text: string): number {
  return [...stripAnsi(text)].length
}

/** @internal Control sequences of the interactive terminal. */
export const TERMINAL = {
  enterAltScreen: '\x1b[?1049h',
  leaveAltScreen: '\x1b[?1049l',
  hideCursor: '\x1b[?25l',
  showCursor: '\x1b[?25h',
  clearScreen: '\x1b[2J',
  clearLine: '\x1b[2K',
  resetStyle: '\x1b[0m',
  /** Terminals that support it show a frame at once instead of line by line; others ignore it. */
  beginSync: '\x1b[?2026h',
  endSync: '\x1b[?2026l',
  moveTo: (row: number, column = 1): string => `\x1b[${row};${column}H`,
} as const
