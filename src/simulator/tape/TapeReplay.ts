import { DexInputError } from '../../errors'
import { runReplay, type ReplaySink } from './runReplay'
import { tapeEntryLine, tapeHeaderLine, type Tape, type TapeHeader, type TapeItem } from './tape'
import type { TapeSource } from './tapeLines'
import { TapeReader } from './TapeReader'

/**
 * The `replay` option of {@link DexSimulatorOptions}: a tape to serve instead of the simulated market.
 * @since 0.2.0
 */
export interface ReplayOptions {
  /**
   * The tape: its NDJSON text (as written by `binance-dex-rx record`), a parsed {@link Tape}, a source read
   * a line at a time ({@link TapeSource}: lines, a stream of the file), or a function that opens such a
   * source, called again for each pass of a loop. A stream is never held whole in memory.
   */
  tape: string | Tape | TapeSource | (() => TapeSource)
  /** Plays this many times faster than taped (0.5 plays at half speed). Default 1. */
  speed?: number
  /** Starts over after the last frame, for ever. Default false. Needs a tape that can be read again. */
  loop?: boolean
  /**
   * Called once when the tape has played to its end (without `loop`), or with the error of a tape that
   * turned out unreadable (naming its line). Either way the connections are then closed with
   * {@link TAPE_ENDED} (or 1011 and the error), and later ones as soon as they open.
   */
  onEnd?: (error?: DexInputError) => void
}

/**
 * The close code and reason a replaying simulator gives its clients when the tape has ended, at once to
 * those that connect afterwards.
 * @since 0.2.0
 */
export const TAPE_ENDED: {
  /** The close code, in the range kept for applications. */
  readonly code: 4000
  /** The close reason, for a client to show. */
  readonly reason: 'the tape has ended: nothing more will be sent'
} = { code: 4000, reason: 'the tape has ended: nothing more will be sent' }

/**
 * @internal
 * A tape as a frame source. It waits for the first subscription, then plays on one clock for every
 * connection: a connection that subscribes later gets the frames from then on, as from a live server.
 */
export class TapeReplay {
  /** The header, when the tape was given whole (text or parsed). */
  readonly header: TapeHeader | undefined
  private readonly open: () => TapeSource
  private readonly speed: number
  private readonly loop: boolean
  private readonly onEnd: ((error?: DexInputError) => void) | undefined
  private stopClock: (() => void) | undefined
  private state: 'waiting' | 'playing' | 'ended' | 'stopped' = 'waiting'
  private failure: DexInputError | undefined

  /** Throws `DexInputError` for bad options, or for a bad line of a tape given as text. */
  constructor(options: ReplayOptions) {
    if (typeof options !== 'object' || options === null) {
      throw new DexInputError('replay must be an object { tape, speed?, loop? }', options)
    }
    const speed = options.speed ?? 1
    if (typeof speed !== 'number' || !(speed > 0) || !Number.isFinite(speed)) {
      throw new DexInputError(`replay.speed must be a positive number, got ${String(speed)}`, speed)
    }
    if (options.onEnd !== undefined && typeof options.onEnd !== 'function') {
      throw new DexInputError('replay.onEnd must be a function', options.onEnd)
    }
    this.speed = speed
    this.loop = options.loop === true
    this.onEnd = options.onEnd
    const { open, header } = opener(options.tape, this.loop)
    this.open = open
    this.header = header
  }

  /** Where the tape is: waiting for a subscriber, playing, played to its end (or failed), or stopped. */
  get status(): 'waiting' | 'playing' | 'ended' | 'stopped' {
    return this.state
  }

  /** Why the tape ended, if it was unreadable. */
  get error(): DexInputError | undefined {
    return this.failure
  }

  /** Starts the clock the first time it is called with `subscribed` true; `ended` runs at the tape's end. */
  kick(sink: ReplaySink, subscribed: boolean, ended: () => void): void {
    if (this.state !== 'waiting' || !subscribed) return
    this.state = 'playing'
    const pace = { speed: this.speed, loop: this.loop }
    this.stopClock = runReplay(this.open, sink, pace, (error) => {
      this.state = 'ended'
      this.failure = error
      ended()
      this.onEnd?.(error)
    })
  }

  stop(): void {
    this.stopClock?.()
    if (this.state !== 'ended') this.state = 'stopped'
  }
}

/** How to (re)open the tape, and its header when it is at hand. */
function opener(tape: ReplayOptions['tape'], loop: boolean): { open: () => TapeSource; header?: TapeHeader } {
  if (typeof tape === 'string') {
    // Text is in memory already: read through once now, so that a bad tape is refused at once.
    const reader = new TapeReader()
    const check = (item: TapeItem | undefined): unknown => item !== undefined && 'frame' in item && item.frame
    let start = 0
    for (let end = tape.indexOf('\n'); end >= 0; end = tape.indexOf('\n', (start = end + 1))) {
      check(reader.read(tape.slice(start, end)))
    }
    check(reader.read(tape.slice(start), true))
    return { open: () => tape, header: reader.finish() }
  }
  if (typeof tape === 'function') return { open: tape as () => TapeSource }
  if (isTape(tape)) return { open: () => tapeText(tape), header: tape.header }
  if (typeof tape === 'object' && tape !== null) {
    const iterator = (tape as Partial<Iterable<string>>)[Symbol.iterator]
    // An array can be read again; a generator, an async iterable or a stream only once.
    const again = typeof iterator === 'function' && (iterator.call(tape) as unknown) !== tape
    if (loop && !again) {
      throw new DexInputError(
        'replay.loop needs a tape that can be read again: its text, a Tape, an array of lines, or a function that opens it',
        tape,
      )
    }
    return { open: () => tape as TapeSource }
  }
  throw new DexInputError('replay.tape must be the text of a tape, a parsed Tape, or a source of its lines', tape)
}

function isTape(value: unknown): value is Tape {
  const tape = value as Partial<Tape> | null
  return typeof tape === 'object' && tape !== null && Array.isArray(tape.entries) && typeof tape.header === 'object'
}

function* tapeText(tape: Tape): Generator<string> {
  const { tape: _version, ...header } = tape.header
  yield tapeHeaderLine(header)
  for (const entry of tape.entries) yield tapeEntryLine(entry)
}
