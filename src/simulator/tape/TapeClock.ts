import { Subscription, type SchedulerAction, type SchedulerLike } from 'rxjs'

type Work<T> = (this: SchedulerAction<T>, state?: T) => void

/** One piece of scheduled work; rescheduling it (as `interval` does) puts it back in the queue. */
class ClockAction<T> extends Subscription implements SchedulerAction<T> {
  due = 0
  seq = 0
  queued = false

  constructor(
    private readonly clock: TapeClock,
    private readonly work: Work<T>,
    private state: T | undefined,
  ) {
    super()
  }

  schedule(state?: T, delay = 0): Subscription {
    if (this.closed) return this
    this.state = state
    this.clock.enqueue(this as ClockAction<unknown>, delay)
    return this
  }

  run(): void {
    this.queued = false
    this.work.call(this, this.state)
  }
}

/**
 * @internal
 * An RxJS scheduler in recorded time: `now()` is the tape's time, and work falls due only when the
 * replay reaches its time, never by the wall clock. The replay moves it forward with `advance(t)`, which
 * first runs everything due at or before `t`, earliest first (equal times in the order scheduled), so a
 * window closing at `t` closes before the first frame recorded after `t`, at any speed.
 */
export class TapeClock implements SchedulerLike {
  private time: number
  private counter = 0
  /** A binary min-heap on (due, seq). */
  private readonly heap: ClockAction<unknown>[] = []

  constructor(
    /** The tape's start, in ms since the epoch: `now()` at `at` 0. */
    private start: number,
  ) {
    this.time = start
  }

  get origin(): number {
    return this.start
  }

  /** Moves the start (once the tape's header is read), and with it the work already scheduled. */
  rebase(origin: number): void {
    const delta = origin - this.start
    this.start = origin
    this.time += delta
    for (const action of this.heap) action.due += delta
  }

  now(): number {
    return this.time
  }

  schedule<T>(work: Work<T>, delay = 0, state?: T): Subscription {
    const action = new ClockAction<T>(this, work, state)
    this.enqueue(action as ClockAction<unknown>, delay)
    return action
  }

  /** @internal */
  enqueue(action: ClockAction<unknown>, delay: number): void {
    // Work due never (Infinity) is simply never queued; NaN or a negative delay means now.
    if (delay === Infinity) return
    action.due = this.time + (delay > 0 ? delay : 0)
    action.seq = this.counter++
    if (action.queued) this.remove(action)
    action.queued = true
    this.push(action)
  }

  /** When the earliest pending work is due (ms since the epoch), or `undefined` when none is. */
  nextDue(): number | undefined {
    this.dropClosed()
    return this.heap[0]?.due
  }

  /** Runs the earliest pending work if it is due at or before `until`; false when there was none. */
  runNext(until: number): boolean {
    this.dropClosed()
    const first = this.heap[0]
    if (first === undefined || first.due > until) return false
    this.pop()
    if (first.due > this.time) this.time = first.due
    first.run()
    return true
  }

  /** Runs everything due at or before `t`, then stands at `t` (time never goes back). */
  advance(t: number): void {
    while (this.runNext(t));
    if (t > this.time) this.time = t
  }

  /** Forgets every pending action: after the tape's end nothing more falls due. */
  clear(): void {
    for (const action of this.heap) action.queued = false
    this.heap.length = 0
  }

  private dropClosed(): void {
    while (this.heap.length > 0 && this.heap[0].closed) {
      this.pop().queued = false
    }
  }

  private push(action: ClockAction<unknown>): void {
    this.heap.push(action)
    this.siftUp(this.heap.length - 1)
  }

  private pop(): ClockAction<unknown> {
    const heap = this.heap
    const top = heap[0]
    const last = heap.pop() as ClockAction<unknown>
    if (heap.length > 0) {
      heap[0] = last
      this.siftDown(0)
    }
    return top
  }

  private siftDown(start: number): void {
    const heap = this.heap
    let i = start
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let least = i
      if (left < heap.length && before(heap[left], heap[least])) least = left
      if (right < heap.length && before(heap[right], heap[least])) least = right
      if (least === i) return
      ;[heap[i], heap[least]] = [heap[least], heap[i]]
      i = least
    }
  }

  private remove(action: ClockAction<unknown>): void {
    const i = this.heap.indexOf(action)
    if (i < 0) return
    const last = this.heap.pop() as ClockAction<unknown>
    if (i < this.heap.length) {
      this.heap[i] = last
      this.siftDown(i)
      this.siftUp(i)
    }
  }

  private siftUp(start: number): void {
    const heap = this.heap
    let i = start
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(heap[i], heap[parent])) break
      ;[heap[i], heap[parent]] = [heap[parent], heap[i]]
      i = parent
    }
  }
}

function before(a: ClockAction<unknown>, b: ClockAction<unknown>): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq)
}
