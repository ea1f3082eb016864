/**
 * What the two charts share: redraw at most once per frame, on data and on resize, on a canvas sized for
 * the screen's pixel ratio (crisp lines on high-DPI screens). Subclasses implement `paint(g, width, height)`.
 */
export class CanvasView {
  constructor(canvas) {
    this.canvas = canvas
    this.frame = 0
    new ResizeObserver(() => this.schedule()).observe(canvas)
  }

  schedule() {
    if (this.frame) return
    this.frame = requestAnimationFrame(() => {
      this.frame = 0
      this.draw()
    })
  }

  draw() {
    const { canvas } = this
    const dpr = window.devicePixelRatio || 1
    const width = canvas.clientWidth
    const height = canvas.clientHeight
    if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(height * dpr)) {
      canvas.width = Math.round(width * dpr)
      canvas.height = Math.round(height * dpr)
    }
    const g = canvas.getContext('2d')
    g.setTransform(dpr, 0, 0, dpr, 0, 0)
    g.clearRect(0, 0, width, height)
    g.font = '11px ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace'
    g.textBaseline = 'middle'
    g.lineWidth = 1
    this.paint(g, width, height)
  }
}

/** A round grid step (1, 2 or 5 times a power of ten) near `raw`. */
export function niceStep(raw) {
  if (!(raw > 0)) return 1
  const power = 10 ** Math.floor(Math.log10(raw))
  const unit = raw / power
  return (unit < 1.5 ? 1 : unit < 3 ? 2 : unit < 7 ? 5 : 10) * power
}
