import { Observable, Subject, of, throwError, concat } from 'rxjs'
import { asyncValues } from '../src'

// The iteration rules of asyncValues on plain Subjects (pure logic); spec/examples/forAwait.spec.ts shows the
// same rules on the wire against a simulator.

/** A Subject that counts its subscribers, so a test can see teardown. */
function counted<T>(): { subject: Subject<T>; source: Observable<T>; subscribers: () => number } {
  const subject = new Subject<T>()
  let count = 0
  const source = new Observable<T>((subscriber) => {
    count++
    const sub = subject.subscribe(subscriber)
    return () => {
      count--
      sub.unsubscribe()
    }
  })
  return { subject, source, subscribers: () => count }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const value of iterable) out.push(value)
  return out
}

it('iterates a synchronous stream to its end', async () => {
  expect(await collect(asyncValues(of(1, 2, 3)))).toEqual([1, 2, 3])
})

it('delivers the values queued before an error, then throws it once', async () => {
  const iterator = asyncValues(concat(of(1, 2), throwError(() => new Error('boom'))))[Symbol.asyncIterator]()
  expect(await iterator.next()).toEqual({ value: 1, done: false })
  expect(await iterator.next()).toEqual({ value: 2, done: false })
  await expect(iterator.next()).rejects.toThrow('boom')
  expect(await iterator.next()).toEqual({ value: undefined, done: true })
})

it('subscribes on the first next(), and each loop over the iterable subscribes anew', async () => {
  const { subject, source, subscribers } = counted<number>()
  const iterable = asyncValues(source)
  expect(subscribers()).toBe(0)
  const a = iterable[Symbol.asyncIterator]()
  const b = iterable[Symbol.asyncIterator]()
  const nextA = a.next()
  const nextB = b.next()
  expect(subscribers()).toBe(2)
  subject.next(5)
  expect(await Promise.all([nextA, nextB])).toEqual([
    { value: 5, done: false },
    { value: 5, done: false },
  ])
  await a.return!()
  expect(subscribers()).toBe(1)
  await b.return!()
  expect(subscribers()).toBe(0)
})

it('return() while a next() waits: unsubscribes at once and the waiting next() ends the loop', async () => {
  const { source, subscribers } = counted<number>()
  const iterator = asyncValues(source)[Symbol.asyncIterator]()
  const pending = iterator.next()
  expect(subscribers()).toBe(1)
  expect(await iterator.return!()).toEqual({ value: undefined, done: true })
  expect(subscribers()).toBe(0)
  expect(await pending).toEqual({ value: undefined, done: true })
  expect(await iterator.next()).toEqual({ value: undefined, done: true })
})

it("keep 'all' queues every value in order while the consumer is away", async () => {
  const { subject, source } = counted<number>()
  const iterator = asyncValues(source)[Symbol.asyncIterator]()
  const first = iterator.next()
  subject.next(1)
  expect(await first).toEqual({ value: 1, done: false })
  for (const v of [2, 3, 4]) subject.next(v)
  subject.complete()
  const rest: number[] = []
  for (let r = await iterator.next(); !r.done; r = await iterator.next()) rest.push(r.value)
  expect(rest).toEqual([2, 3, 4])
})

it("keep 'latest' keeps only the newest waiting value", async () => {
  const { subject, source } = counted<number>()
  const iterator = asyncValues(source, { keep: 'latest' })[Symbol.asyncIterator]()
  const first = iterator.next()
  subject.next(1)
  expect(await first).toEqual({ value: 1, done: false })
  for (const v of [2, 3, 4]) subject.next(v)
  expect(await iterator.next()).toEqual({ value: 4, done: false })
  const next = iterator.next() // nothing waits now: the next value goes straight to this call
  subject.next(5)
  expect(await next).toEqual({ value: 5, done: false })
  await iterator.return!()
})

it('maxBuffered: one value too many ends the loop with a RangeError after the waiting values', async () => {
  const { subject, source, subscribers } = counted<number>()
  const iterator = asyncValues(source, { maxBuffered: 2 })[Symbol.asyncIterator]()
  const first = iterator.next()
  subject.next(1)
  await first
  for (const v of [2, 3, 4]) subject.next(v)
  expect(subscribers()).toBe(0) // the overflow unsubscribed at once
  expect(await iterator.next()).toEqual({ value: 2, done: false })
  expect(await iterator.next()).toEqual({ value: 3, done: false })
  await expect(iterator.next()).rejects.toThrow(new RangeError('asyncValues: more than 2 values waiting'))
})

it('rejects options it cannot honour, at once', () => {
  expect(() => asyncValues(of(1), { maxBuffered: 0 })).toThrow(RangeError)
  expect(() => asyncValues(of(1), { keep: 'some' as 'all' })).toThrow(TypeError)
})
