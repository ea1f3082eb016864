import type { Tape, TapeItem } from './tape'
import { TapeReader } from './TapeReader'

/**
 * Reads a tape's text. Throws `DexInputError` naming the first bad line. A last line cut off without its
 * newline (a recorder that was killed mid-write) is left out rather than refused.
 * @since 0.2.0
 */
export function parseTape(text: string): Tape {
  const reader = new TapeReader()
  const entries: TapeItem[] = []
  const lines = text.split('\n')
  // After the last newline: empty for a complete tape, else a line cut mid-write.
  const rest = lines.pop() as string
  const add = (item: TapeItem | undefined): void => {
    // A plain object: the frame unescaped now, so a bad one is refused here, naming its line.
    if (item !== undefined) entries.push('frame' in item ? { at: item.at, conn: item.conn, frame: item.frame } : item)
  }
  for (const line of lines) add(reader.read(line))
  add(reader.read(rest, true))
  return { header: reader.finish(), entries }
}
