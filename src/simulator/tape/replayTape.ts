import type { SchedulerLike } from 'rxjs'
import { DexSocket } from '../../DexSocket'
import { DexInputError } from '../../errors'
import { TEST_SEAMS } from '../../internal/resolveOptions'
import type { DexSocketOptions, WebSocketConstructor } from '../../internal/types'
import { TapePlayer } from './TapePlayer'
import type { TapeSource } from './tapeLines'
import { TapeSocket } from './TapeSocket'

/**
 * Options of {@link replayTape}.
 * @since 0.2.0
 */
export interface ReplayTapeOptions {
  /**
   * `'max'` (the default) plays as fast as the subscribers take the frames; a number plays that many
   * times faster than recorded (0.5 at half speed), by the wall clock.
   */
  speed?: number | 'max'
}

/**
 * What {@link replayTape} returns: the client reading the tape, the tape's clock, and its end.
 * @since 0.2.0
 */
export interface TapePlayback {
  /** A `DexSocket` over the tape: every method works as live, and every stream completes at the tape's end. */
  readonly dex: DexSocket
  /** An RxJS scheduler whose `now()` is the recorded time (ms since the epoch) of the frame being played. */
  readonly clock: SchedulerLike
  /** Resolves when the tape has played to its end; rejects with `DexInputError` for an unreadable tape. */
  readonly done: Promise<void>
}

/** Where a replay's connections say they go: nowhere on the network. */
const TAPE_URL = 'ws://tape.invalid/api/'

/**
 * Plays a tape (as written by `binance-dex-rx record` or `import tardis`) to a `DexSocket`, with no server
 * and no network, in recorded time. The tape starts with the first subscription (subscribe everything you
 * need together, before awaiting anything) and gives each stream the taped frames it asked for.
 *
 * ```ts
 * const { dex, clock, done } = replayTape(fs.createReadStream('day.tape'))
 * const volumes = lastValueFrom(dex.trades('BNB_BUSD-BD1').pipe(
 *   bufferTime(60_000, clock), map((trades) => trades.length), toArray()))
 * await done
 * ```
 *
 * Same tape, same pipeline, same output, however busy the machine: before a frame recorded at `t`, every
 * piece of work due on `clock` up to `t` runs, earliest first. Time-based operators given `clock` window by
 * recorded time at any speed. The client's own timers run on `clock` too; it does not watch for silence
 * (a quiet stretch of tape is not a dead connection), and where the recording lost its connection (a
 * `disconnect` entry) the replayed one drops and reconnects at once. After the end, nothing on `clock`
 * falls due. Throws `DexInputError` for a bad source or speed; a bad line rejects `done` and errors the
 * streams, naming the line.
 * @since 0.2.0
 */
export function replayTape(source: TapeSource, options: ReplayTapeOptions = {}): TapePlayback {
  if (typeof options !== 'object' || options === null) {
    throw new DexInputError('replayTape options must be an object { speed? }', options)
  }
  const speed = checkSpeed(options.speed)
  if (source === null || (typeof source !== 'string' && typeof source !== 'object')) {
    throw new DexInputError(
      'replayTape needs the tape: its text, an iterable of its lines, or a readable stream of the file',
      source,
    )
  }
  const player = new TapePlayer(source, speed)
  const WebSocketCtor = class extends TapeSocket {
    constructor() {
      super(player)
    }
  } as unknown as WebSocketConstructor
  const socketOptions: DexSocketOptions & { [TEST_SEAMS]: object } = {
    url: TAPE_URL,
    WebSocketCtor,
    // A taped drop reconnects before the next frame, which may be the snapshot that resyncs a book.
    reconnect: { initialDelayMs: 0, maxDelayMs: 0 },
    staleAfterMs: Number.MAX_SAFE_INTEGER,
    [TEST_SEAMS]: { scheduler: player.clock, random: () => 0, pingTimeoutMs: Number.MAX_SAFE_INTEGER },
  }
  const dex = new DexSocket(socketOptions)
  let settle: { resolve(): void; reject(error: unknown): void } | undefined
  const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }))
  // Rejection is for whoever awaits `done`; nobody awaiting it must not crash the process.
  done.catch(() => undefined)
  player.attach({
    end: (error) => {
      if (error) settle?.reject(error)
      else settle?.resolve()
      dex.end(error)
    },
  })
  // Closing the client early stops the tape.
  dex.status$.subscribe({
    complete: () => {
      player.stop()
      settle?.resolve()
    },
  })
  return { dex, clock: player.clock, done }
}

function checkSpeed(speed: unknown): number {
  if (speed === undefined || speed === 'max') return Infinity
  if (typeof speed !== 'number' || !(speed > 0) || !Number.isFinite(speed)) {
    throw new DexInputError(`Invalid replay speed ${String(speed)}: expected 'max' or a positive number`, speed)
  }
  return speed
}
