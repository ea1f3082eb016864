import { DexInputError } from '../../errors'
import { replayFrames, type ReplayFrame } from './replayFrames'
import { runReplay, type ReplaySink } from './runReplay'
import { parseTape, type Tape, type TapeHeader } from './tape'

/**
 * The `replay` option of {@link DexSimulatorOptions}: a tape to serve instead of the simulated market.
 * @since 0.2.0
 */
export interface ReplayOptions {
  /** The tape: its NDJSON text (as written by `binance-dex-rx record`) or a parsed {@link Tape}. */
  tape: string | Tape
  /** Plays this many times faster than taped (0.5 plays at half speed). Default 1. */
  speed?: number
  /** Starts over after the last frame, for ever. Default false. */
  loop?: boolean
}

/**
 * @internal
 * A tape as a frame source. It waits for the first subscription, then plays on one clock for every
 * connection: a connection that subscribes later gets the frames from then on, as from a live server.
 */
export class TapeReplay {
  readonly header: TapeHeader
  readonly frames: readonly ReplayFrame[]
  /** Taped entries that are not `{stream, data}` frames of a known topic. */
  readonly skipped: number
  private readonly speed: number
  private readonly loop: boolean
  private stopClock: (() => void) | undefined
  private state: 'waiting' | 'playing' | 'ended' | 'stopped' = 'waiting'

  /** Throws `DexInputError` for a bad tape or speed. */
  constructor(options: ReplayOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new DexInputError('replay must be an object { tape, speed?, loop? }', options)
    }
    const tape = typeof options.tape === 'string' ? parseTape(options.tape) : options.tape
    if (typeof tape !== 'object' || tape === null || !Array.isArray(tape.entries)) {
      throw new DexInputError('replay.tape must be the text of a tape or a parsed Tape', options.tape)
    }
    const speed = options.speed ?? 1
    if (typeof speed !== 'number' || !(speed > 0) || !Number.isFinite(speed)) {
      throw new DexInputError(`replay.speed must be a positive number, got ${String(speed)}`, speed)
    }
    this.header = tape.header
    const { frames, skipped } = replayFrames(tape.entries)
    this.frames = frames
    this.skipped = skipped
    this.speed = speed
    this.loop = options.loop === true
  }

  /** Where the tape is: waiting for a subscriber, playing, played to its end, or stopped. */
  get status(): 'waiting' | 'playing' | 'ended' | 'stopped' {
    return this.state
  }

  /** Starts the clock the first time it is called with `subscribed` true. */
  kick(sink: ReplaySink, subscribed: boolean): void {
    if (this.state !== 'waiting' || !subscribed) return
    this.state = 'playing'
    const pace = { speed: this.speed, loop: this.loop }
    this.stopClock = runReplay(this.frames, sink, pace, () => (this.state = 'ended'))
  }

  stop(): void {
    this.stopClock?.()
    if (this.state !== 'ended') this.state = 'stopped'
  }
}
