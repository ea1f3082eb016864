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
