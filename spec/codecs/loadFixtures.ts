import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseFrame } from '../../src/internal/parseFrame'

/** One line of shared/fixtures/real-frames.jsonl. */
export interface Fixture {
  readonly line: number
  readonly source: string
  readonly topic: string
  readonly kind: string
  readonly note: string
  /** The `{stream, data}` envelope, or the bare data when `data_only` is set. */
  readonly frame: unknown
  readonly data_only?: boolean
}

// A verbatim copy of shared/fixtures/real-frames.jsonl, so that the suite runs from a fresh clone.
const FILE = join(__dirname, 'real-frames.jsonl')

/** Read as exact text and parsed with parseFrame, so nanosecond times keep every digit. */
export function loadFixtures(): Fixture[] {
  return readFileSync(FILE, 'utf8')
    .split('\n')
    .filter((text) => text.trim() !== '')
    .map((text, i) => ({ line: i + 1, ...(parseFrame(text) as Omit<Fixture, 'line'>) }))
}
