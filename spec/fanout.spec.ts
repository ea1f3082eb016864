import { config, type Subscription } from 'rxjs'
import { Fanout } from '../src/internal/Fanout'

// The channel multicast that replaced a Subject on the hot path: it must keep a Subject's semantics.

describe('Fanout', () => {
  it('delivers every event to every observer, in subscription order', () => {
    const f = new Fanout<number>()
    const seen: string[] = []
    f.subscribe((v) => seen.push(`a${v}`))
    f.subscribe({ next: (v) => seen.push(`b${v}`) })
    f.next(1)
    f.next(2)
    expect(seen).toEqual(['a1', 'b1', 'a2', 'b2'])
  })

  it('stops delivering to an observer that unsubscribed, even in the middle of a delivery', () => {
    const f = new Fanout<number>()
    const seen: string[] = []
    let b: Subscription | undefined
    f.subscribe((v) => {
      seen.push(`a${v}`)
      b?.unsubscribe()
    })
    b = f.subscribe((v) => seen.push(`b${v}`))
    f.next(1)
    f.next(2)
    expect(seen).toEqual(['a1', 'a2'])
  })

  it('starts an observer added during a delivery with the next event', () => {
    const f = new Fanout<number>()
    const seen: string[] = []
    let added = false
    f.subscribe((v) => {
      seen.push(`a${v}`)
      if (!added) {
        added = true
        f.subscribe((x) => seen.push(`late${x}`))
      }
    })
    f.next(1)
    f.next(2)
    expect(seen).toEqual(['a1', 'a2', 'late2'])
  })

  it('completes or errors every observer once, and late observers at once', () => {
    const done = new Fanout<number>()
    const log: string[] = []
    done.subscribe({ complete: () => log.push('complete') })
    done.complete()
    done.complete()
    done.error(new Error('ignored'))
    done.next(1)
    done.subscribe({ next: () => log.push('next'), complete: () => log.push('late complete') })
    expect(log).toEqual(['complete', 'late complete'])

    const failed = new Fanout<number>()
    const boom = new Error('boom')
    const errors: unknown[] = []
    failed.subscribe({ error: (e) => errors.push(e) })
    failed.error(boom)
    failed.subscribe({ error: (e) => errors.push(e) })
    expect(errors).toEqual([boom, boom])
  })

  it('keeps delivering to the others when one observer throws (reported as RxJS reports it)', async () => {
    const reported: unknown[] = []
    const previous = config.onUnhandledError
    config.onUnhandledError = (e) => reported.push(e)
    try {
      const f = new Fanout<number>()
      const seen: number[] = []
      f.subscribe(() => {
        throw new Error('observer bug')
      })
      f.subscribe((v) => seen.push(v))
      f.next(1)
      f.next(2)
      expect(seen).toEqual([1, 2])
      await new Promise((resolve) => setTimeout(resolve, 10)) // RxJS reports observer errors on a timer
      expect(reported.map((e) => (e as Error).message)).toEqual(['observer bug', 'observer bug'])
    } finally {
      config.onUnhandledError = previous
    }
  })

  it('holds no observer after they all leave', () => {
    const f = new Fanout<number>()
    const subs = [f.subscribe(() => {}), f.subscribe(() => {})]
    subs.forEach((s) => s.unsubscribe())
    expect((f as unknown as { subscribers: unknown[] }).subscribers).toHaveLength(0)
  })
})
