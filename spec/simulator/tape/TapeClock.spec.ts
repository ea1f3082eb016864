import { bufferTime, interval, map, Subject, take, timer } from 'rxjs'
import { TapeClock } from '../../../src/simulator/tape/TapeClock'

// The tape clock on its own: work falls due only when the replay advances it, in due order, whatever the
// wall clock does.

describe('TapeClock', () => {
  it('runs work due up to t in due order (equal times in scheduling order), and stands at t', () => {
    const clock = new TapeClock(1_000)
    const log: string[] = []
    const at = (what: string) => () => log.push(`${what}@${clock.now()}`)
    clock.schedule(at('c'), 30)
    clock.schedule(at('a'), 10)
    clock.schedule(at('b1'), 20)
    clock.schedule(at('b2'), 20)
    clock.schedule(at('later'), 100)
    clock.advance(1_050)
    expect(log).toEqual(['a@1010', 'b1@1020', 'b2@1020', 'c@1030'])
    expect(clock.now()).toBe(1_050)
    expect(clock.nextDue()).toBe(1_100)
  })

  it('never runs cancelled work, nor work due never (Infinity), and forgets everything on clear()', () => {
    const clock = new TapeClock(0)
    const log: string[] = []
    const cancelled = clock.schedule(() => log.push('cancelled'), 5)
    clock.schedule(() => log.push('never'), Infinity)
    clock.schedule(() => log.push('kept'), 6)
    cancelled.unsubscribe()
    clock.advance(1e15)
    expect(log).toEqual(['kept'])
    clock.schedule(() => log.push('cleared'), 1)
    clock.clear()
    clock.advance(1e16)
    expect(log).toEqual(['kept'])
  })

  it('reschedules periodic work (interval) at recorded times, and work scheduled while running runs in turn', () => {
    const clock = new TapeClock(0)
    const ticks: number[] = []
    interval(100, clock).pipe(take(3)).subscribe(() => ticks.push(clock.now()))
    clock.schedule(() => clock.schedule(() => ticks.push(-clock.now()), 0), 150)
    clock.advance(1_000)
    expect(ticks).toEqual([100, 150 * -1, 200, 300])
  })

  it('windows a stream by its own time: bufferTime closes a window before later values', () => {
    const clock = new TapeClock(0)
    const values = new Subject<string>()
    const windows: string[][] = []
    values.pipe(bufferTime(60_000, clock)).subscribe((w) => windows.push(w))
    const emit = (t: number, v: string) => {
      clock.advance(t)
      values.next(v)
    }
    emit(0, 'a')
    emit(59_999, 'b')
    emit(60_000, 'c')
    emit(185_000, 'd')
    values.complete()
    expect(windows).toEqual([['a', 'b'], ['c'], [], ['d']])
  })

  it('moves its start, and the work already scheduled with it, once the tape says when it began', () => {
    const clock = new TapeClock(0)
    const fired: number[] = []
    timer(500, clock).pipe(map(() => clock.now())).subscribe((t) => fired.push(t))
    clock.rebase(1_700_000_000_000)
    expect(clock.now()).toBe(1_700_000_000_000)
    clock.advance(1_700_000_000_499)
    expect(fired).toEqual([])
    clock.advance(1_700_000_000_500)
    expect(fired).toEqual([1_700_000_000_500])
  })
})
