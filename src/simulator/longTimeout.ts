/** Node's longest timer: a longer one fires after 1 ms, with a `TimeoutOverflowWarning`. */
export const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * @internal
 * `setTimeout` for a delay of any length (a frame taped far ahead, a tiny replay speed): a delay beyond
 * Node's limit is waited out in steps it accepts. Returns the function that cancels it.
 */
export function longTimeout(run: () => void, delayMs: number, now: () => number = () => performance.now()): () => void {
  const end = now() + (delayMs > 0 ? delayMs : 0)
  let timer: ReturnType<typeof setTimeout> | undefined
  const step = (): void => {
    const left = end - now()
    if (left <= 0) {
      timer = undefined
      run()
      return
    }
    timer = setTimeout(step, Math.min(left, MAX_TIMER_MS))
  }
  timer = setTimeout(step, Math.min(Math.max(0, end - now()), MAX_TIMER_MS))
  return () => clearTimeout(timer)
}

/**
 * @internal
 * One wait at a time on the wall clock, which `interrupt()` ends at once (resolving it), so a replay that
 * is stopped while it waits for its next frame leaves no timer behind.
 */
export class Sleeper {
  private cancel: (() => void) | undefined
  private wake: (() => void) | undefined

  constructor(private readonly now: () => number = () => performance.now()) {}

  get sleeping(): boolean {
    return this.wake !== undefined
  }

  /** Waits until `wallTime` (on `now`'s clock); `undefined` when it has already come. */
  until(wallTime: number): Promise<void> | undefined {
    const delay = wallTime - this.now()
    if (!(delay > 0)) return undefined
    return new Promise<void>((resolve) => {
      this.wake = () => {
        this.cancel = this.wake = undefined
        resolve()
      }
      this.cancel = longTimeout(this.wake, delay, this.now)
    })
  }

  interrupt(): void {
    this.cancel?.()
    this.wake?.()
  }
}
