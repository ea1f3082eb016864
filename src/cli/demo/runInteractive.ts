import { asyncScheduler, combineLatest, map, Observable, startWith, tap, throttleTime } from 'rxjs'
import type { Paint } from './ansi'
import { cycleSymbol, type DemoState } from './DemoState'
import { renderDemo } from './renderDemo'
import type { Terminal } from './Terminal'

/** At most this many redraws a second: enough to look live, little enough to stay cheap over SSH. */
const FRAME_INTERVAL_MS = 100

const QUIT_KEYS = new Set(['q', 'Q', '\x03', '\x04'])
const NEXT_KEYS = new Set(['s', '\t', 'n', '\x1b[C'])
const PREVIOUS_KEYS = new Set(['S', 'p', '\x1b[Z', '\x1b[D'])

/**
 * @internal
 * The full-screen view: redraws on new state (throttled) and on resize; `q` or Ctrl-C completes, `s`/Tab
 * and Shift-Tab (or the arrow keys) ask for the next or previous symbol through `choose`. The caller starts
 * and restores the terminal.
 */
export function runInteractive(
  state$: Observable<DemoState>,
  terminal: Terminal,
  paint: Paint,
  choose: (symbol: string) => void,
): Observable<never> {
  return new Observable<never>((subscriber) => {
    let latest: DemoState | undefined
    const size$ = terminal.resize$.pipe(
      startWith(undefined),
      map(() => terminal.size),
    )
    const current$ = state$.pipe(tap((state) => (latest = state)))
    const drawing = combineLatest([current$, size$])
      .pipe(throttleTime(FRAME_INTERVAL_MS, asyncScheduler, { leading: true, trailing: true }))
      .subscribe({
        next: ([state, size]) => {
          const options = { ...size, paint, timeZone: 'local', interactive: true } as const
          terminal.draw(renderDemo(state, options))
        },
        error: (error: unknown) => subscriber.error(error),
      })
    const keys = terminal.keys$.subscribe((key) => {
      if (QUIT_KEYS.has(key)) return subscriber.complete()
      const step = NEXT_KEYS.has(key) ? 1 : PREVIOUS_KEYS.has(key) ? -1 : 0
      if (step !== 0 && latest !== undefined) choose(cycleSymbol(latest, step))
    })
    return () => {
      drawing.unsubscribe()
      keys.unsubscribe()
    }
  })
}
