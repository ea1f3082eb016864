import { distinctUntilChanged, filter, Observable, take, throwError, timeout } from 'rxjs'
import type { Paint } from './ansi'
import { isComplete, type DemoState } from './DemoState'
import type { TimeZone } from './format'
import { renderDemo } from './renderDemo'

/** Without a frame for this long, plain mode gives up rather than wait forever on a silent market. */
const FRAME_TIMEOUT_MS = 30_000

/** @internal How plain frames are drawn and where they go. */
export interface FramesOptions {
  readonly columns: number
  readonly rows: number
  readonly paint: Paint
  readonly timeZone: TimeZone
  /** Stop after this many frames; unbounded when absent. */
  readonly count?: number
  readonly write: (text: string) => void
}

/**
 * @internal
 * Plain mode, for pipes, files and tests: one frame per new order book (that is, per block) once every
 * panel has data, each after a marker line `--- frame N ---`, with no cursor movement. Completes after
 * `count` frames; errors when no frame comes for 30 s.
 */
export function runFrames(state$: Observable<DemoState>, options: FramesOptions): Observable<DemoState> {
  let frame = 0
  const frames$ = state$.pipe(
    filter(isComplete),
    distinctUntilChanged((a, b) => a.book?.updateId === b.book?.updateId && a.symbol === b.symbol),
    timeout({
      each: FRAME_TIMEOUT_MS,
      with: () => throwError(() => new Error(`no complete market data for ${FRAME_TIMEOUT_MS / 1000} s`)),
    }),
  )
  const limited = options.count === undefined ? frames$ : frames$.pipe(take(options.count))
  return new Observable<DemoState>((subscriber) =>
    limited.subscribe({
      next: (state) => {
        const lines = renderDemo(state, { ...options, interactive: false })
        options.write(`--- frame ${++frame} ---\n${lines.join('\n')}\n`)
        subscriber.next(state)
      },
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    }),
  )
}
