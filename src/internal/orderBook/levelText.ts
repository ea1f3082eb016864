import { MAX_RAW_CHARS } from '../limits'

/** @internal The most characters of a level's text that an error carries: the bound of every error's `raw`. */
export const LEVEL_TEXT_LIMIT = MAX_RAW_CHARS

/**
 * @internal A level as JSON text for an error report: `["abc","1"]` exactly as it would be serialised, cut
 * to {@link LEVEL_TEXT_LIMIT} characters. The work is bounded by the limit too, whatever the level holds:
 * strings are cut before they are quoted, and arrays are read only until the budget is spent, so a hostile
 * frame costs no more to report than a sane one.
 */
export function levelText(level: unknown): string {
  const text = render(level, LEVEL_TEXT_LIMIT)
  return text.length > LEVEL_TEXT_LIMIT ? text.slice(0, LEVEL_TEXT_LIMIT) : text
}

function render(value: unknown, budget: number): string {
  if (typeof value === 'string') return JSON.stringify(value.length > budget ? value.slice(0, budget) : value)
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return JSON.stringify(value)
  if (typeof value === 'bigint') return String(value)
  if (value === undefined) return 'null' // as JSON.stringify writes an array's undefined element
  if (!Array.isArray(value)) return '{…}' // not a level at all; its contents could be of any size
  // Every nesting level spends at least one character, so the recursion is at most `budget` deep.
  let out = '['
  for (let i = 0; i < value.length && out.length < budget; i++) {
    if (i > 0) out += ','
    out += render(value[i], budget - out.length)
  }
  return out.length < budget ? out + ']' : out
}
