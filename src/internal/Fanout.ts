import { Observable, type Observer, type Subscriber, type Subscription } from 'rxjs'

/**
 * @internal
 * A hot multicast of one channel's events, as a `Subject` would be, minus its per-event bookkeeping
 * (error context, closed checks, observer iteration through an iterator): with 100 observers of one stream
 * that bookkeeping was a third of the cost of delivering each event. Each observer is still a full RxJS
 * `Subscriber`, so the Observable contract (stopped subscribers ignore events, observer errors are caught)
 * is RxJS's own. The observer list is copied on write: (un)subscribing during a delivery affects the next event.
 */
export class Fanout<T> {
  private subscribers: readonly Subscriber<T>[] = []
  private ended?: { readonly error?: unknown; readonly failed: boolean }
  private readonly observable = new Observable<T>((subscriber) => {
    if (this.ended) {
      if (this.ended.failed) subscriber.error(this.ended.error)
      else subscriber.complete()
      return undefined
    }
    this.subscribers = [...this.subscribers, subscriber]
    return () => {
      this.subscribers = this.subscribers.filter((s) => s !== subscriber)
    }
  })

  subscribe(observer: Partial<Observer<T>> | ((value: T) => void)): Subscription {
    return this.observable.subscribe(observer)
  }

  next(value: T): void {
    const list = this.subscribers
    for (let i = 0; i < list.length; i++) list[i].next(value)
  }

  error(error: unknown): void {
    this.end({ error, failed: true }).forEach((s) => s.error(error))
  }

  complete(): void {
    this.end({ failed: false }).forEach((s) => s.complete())
  }

  private end(how: { readonly error?: unknown; readonly failed: boolean }): readonly Subscriber<T>[] {
    if (this.ended) return []
    this.ended = how
    const list = this.subscribers
    this.subscribers = []
    return list
  }
}
