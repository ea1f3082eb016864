import type { DexInputError } from '../../errors'
import { Sleeper } from '../longTimeout'
import { replayFrame, type ReplayFrame } from './replayFrames'
import { tapeError, TapeReader } from './TapeReader'
import { tapeLines, type TapeSource } from './tapeLines'
import { TimeSlices } from './TimeSlices'

/** @internal Where replayed frames go: the simulator's routing, with the taped text. */
export interface ReplaySink {
  deliverFrame(frame: ReplayFrame): number
  /** The recording lost connection `conn` (`'market'` or an address) here. */
  disconnect(conn: string): void
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
 * Plays a tape, read a line at a time from `open()` (called again for each pass of a loop), on one clock
 * from the moment it is called: frame `i` of pass `p` goes out at `(p·period + at_i) / speed` ms, `period`
 * being the pass's last frame's `at`, so a looped tape keeps its lead-in as the gap between passes. Frames
 * that fall due together go out together, in taped order, a slice at a time. Returns the function that
 * stops it; `onEnd` runs once after the last frame of a tape that does not loop, or with the error of a
 * tape that turned out unreadable.
 */
export function runReplay(
  open: () => TapeSource,
  sink: ReplaySink,
  pace: ReplayPace,
  onEnd: (error?: DexInputError) => void = () => undefined,
  now: () => number = () => performance.now(),
): () => void {
  const sleeper = new Sleeper(now)
  const slices = new TimeSlices()
  const origin = now()
  let stopped = false

  let reader = new TapeReader()
  const play = async (): Promise<void> => {
    let offset = 0
    for (;;) {
      reader = new TapeReader()
      let last = -1
      for await (const { lines, cut } of tapeLines(open())) {
        for (let i = 0; i < lines.length; i++) {
          const item = reader.read(lines[i], cut && i === lines.length - 1)
          if (item === undefined) continue
          last = item.at
          const wait = sleeper.until(origin + (offset + item.at) / pace.speed)
          if (wait) await wait
          if (stopped) return
          try {
            if ('frame' in item) {
              const frame = replayFrame(item)
              if (frame !== undefined) sink.deliverFrame(frame)
            } else {
              sink.disconnect(item.conn)
            }
          } catch (error) {
            // A sink that fails cannot be trusted with the rest of the tape, and must not throw from a timer.
            stopped = true
            console.error('DexSimulator: the tape replay failed and was stopped', error)
            return
          }
          const pause = slices.pause()
          if (pause) await pause
          if (stopped) return
        }
      }
      reader.finish()
      if (!pace.loop || last < 0) return onEnd()
      // At least 1 ms of tape per pass, so a tape whose frames are all at 0 cannot loop without yielding.
      offset += Math.max(last, 1)
    }
  }
  play().catch((error: unknown) => {
    if (stopped) return
    stopped = true
    onEnd(tapeError(error, reader.lineNumber))
  })
  return () => {
    stopped = true
    sleeper.interrupt()
  }
}
