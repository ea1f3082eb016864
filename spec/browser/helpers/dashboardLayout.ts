/**
 * In-page measurements of the dashboard's layout, shared by the Chromium layout tests and the engine matrix:
 * each function runs in the page (it is sent as text, so it uses nothing from outside itself).
 */

/** Every panel's content that must stay on screen: the parts cut off before the layout fitted. */
export const MUST_SHOW = [
  '#markets',
  '#chart',
  '#depth',
  '#book .cols span:last-child',
  '#book .bids .level',
  '#trades .trade',
  '#ticker [data-field="last"]',
  '#status',
]

/** The window's width, the document's and the body's scroll widths, and the selectors not fully on screen. */
export function measureLayout(selectors: string[]): { inner: number; document: number; body: number; outside: string[] } {
  const inner = window.innerWidth
  const outside = selectors.flatMap((selector) => {
    const el = document.querySelector(selector)
    const box = el?.getBoundingClientRect()
    if (!box || box.width === 0 || box.height === 0) return [`${selector}: not shown`]
    return box.left < 0 || box.right > inner + 0.5 ? [`${selector}: ${box.left}..${box.right} of ${inner}`] : []
  })
  return { inner, document: document.documentElement.scrollWidth, body: document.body.scrollWidth, outside }
}

/** Per market-list row, the narrowest gap between its columns' text (they once ran together). */
export function marketGaps(): number[] {
  return Array.from(document.querySelectorAll('#markets li'), (li) => {
    // The text's own extent, not its grid cell's (cells meet; the right-aligned text may not).
    const [name, price, change] = Array.from(li.children).map((child) => {
      const range = document.createRange()
      range.selectNodeContents(child)
      return range.getBoundingClientRect()
    })
    return Math.min(price.left - name.right, change.left - price.right)
  })
}

/** Resolves after the next two frames: the layout of a resize has been done. */
export function nextFrames(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())))
}
