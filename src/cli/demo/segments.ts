import type { Paint, Style } from './ansi'
import { fit } from './format'

/**
 * @internal
 * A piece of a line: text and an optional style. Widths are measured on the text, so lines are laid out
 * exactly, then painted (or not) in one pass.
 */
export type Segment = readonly [text: string, style?: Style]

/** @internal A line of segments. */
export type Segments = readonly Segment[]

/** @internal A panel of the view: its column header and its rows, each exactly the panel's width. */
export interface Panel {
  readonly header: Segments
  readonly rows: Segment[][]
}

/** @internal Columns a line of segments takes. */
export function segmentsWidth(segments: Segments): number {
  return segments.reduce((sum, [text]) => sum + [...text].length, 0)
}

/** @internal The painted line. */
export function paintSegments(segments: Segments, paint: Paint): string {
  return segments.map(([text, style]) => (style === undefined ? text : paint(style, text))).join('')
}

/** @internal Cuts or pads a line of segments to exactly `width` columns. */
export function fitSegments(segments: Segments, width: number): Segment[] {
  const out: Segment[] = []
  let left = width
  for (const [text, style] of segments) {
    if (left <= 0) break
    const length = [...text].length
    if (length <= left) {
      out.push([text, style])
      left -= length
    } else {
      out.push([fit(text, left), style])
      left = 0
    }
  }
  if (left > 0) out.push([' '.repeat(left)])
  return out
}

/**
 * @internal
 * As many whole groups as fit in `width`, in order, padded to `width`: summary lines drop their least
 * important items on narrow terminals instead of cutting numbers in half.
 */
export function fitGroups(groups: readonly Segments[], width: number): Segment[] {
  const out: Segment[] = []
  let used = 0
  for (const group of groups) {
    const w = segmentsWidth(group)
    if (used + w > width) break
    out.push(...group)
    used += w
  }
  return fitSegments(out, width)
}

/** @internal `left` and `right` on one line of `width`, the right part dropped when both do not fit. */
export function spread(left: Segments, right: Segments, width: number): Segment[] {
  const gap = width - segmentsWidth(left) - segmentsWidth(right)
  if (gap < 1) return fitSegments(left, width)
  return [...left, [' '.repeat(gap)], ...right]
}
