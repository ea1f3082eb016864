import type { ReplayFrame } from './replayFrames'

/** @internal Where replayed frames go: the simulator's routing, with the taped text. */
export interface ReplaySink {
  deliverFrame(frame: ReplayFrame): number
}

/** @internal How a tape is played. */
export interface ReplayPace {
  /** Taped time is divided by this. */
  readonly speed: number
  /** Start over after the last frame. */
  readonly loop: boolean
}

/**
 * @internal
 * Plays frames on one clock from the moment it is called: frame `i` of pass `p` goes out at
 * `(p·period + at_i) / speed` ms, `period` being the last frame's `at`, so a looped tape keeps its lead-in
 * as the gap between passes. Frames that fall due together go out in one turn, in taped order. Returns the
 * function that stops the clock; `onEnd` runs once after the last frame of a tape that does not loop.
 */
export function runReplay(
  frames: readonly ReplayFrame[],
  sink: ReplaySink,
  pace: ReplayPace,
  onEnd: () => void = () => undefined,
  now: () => number = () => performance.now(),
): () => void {
  const origin = now()
  // At least 1 ms of tape per pass, so a tape whose frames are all at 0 cannot loop without yielding.
  const period = Math.max(frames.at(-1)?.at ?? 0, 1)
  let pass = 0
  let index = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  const due = (): number => origin + (pass * period + frames[index].at) / pace.speed

  const step = (): void => {
    timer = undefined
    const t = now()
    try {
      while (!stopped && index < frames.length && due() <= t) sink.deliverFrame(frames[index++])
    } catch (error) {
      // A timer must not throw; a sink that fails cannot be trusted with the rest of the tape.
      stopped = true
      console.error('DexSimulator: the tape replay failed and was stopped', error)
      return
    }
    if (stopped) return
    if (index === frames.length) {
      if (!pace.loop || frames.length === 0) {
        stopped = true
        return onEnd()
      }
      pass++
      index = 0
    }
    timer = setTimeout(step, Math.max(0, due() - now()))
  }
  step()
  return () => {
    stopped = true
    clearTimeout(timer)
  }
}
