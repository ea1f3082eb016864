import { nextMacrotask } from '../inProcess/Mailbox'

/** How long a replay runs before it lets the event loop (a page, the sockets' I/O) have a turn. */
const SLICE_MS = 8

/**
 * @internal
 * Work in slices: a replay that has everything due at once (full speed, or far behind the wall clock)
 * calls `pause()` after each frame and awaits it when it returns a promise, which resolves on a later
 * macrotask once the slice has run its time.
 */
export class TimeSlices {
  private start = performance.now()
  private count = 0

  pause(): Promise<void> | undefined {
    // The clock is read every 256 frames only: reading it costs more than handing over a frame.
    if ((++this.count & 255) !== 0 || performance.now() - this.start < SLICE_MS) return undefined
    return new Promise<void>((resolve) =>
      nextMacrotask(() => {
        this.start = performance.now()
        resolve()
      }),
    )
  }
}
