import { Subject } from 'rxjs'
import { asyncValues } from '../../src'
import { TOPICS, heightFrame, tradeText, tradesFrame } from './cases'
import { HostileServer } from './hostileServer'
import { Client } from './observe'

// A burst a loop cannot keep up with: by default the loop ends with a RangeError once 10 000 values wait,
// instead of queueing the whole burst.

const BURST = 100_000
const DEFAULT_BOUND = 10_000

test('a synchronous burst: the default bound ends the loop after the values that fit', async () => {
  const source = new Subject<number>()
  const iterator = asyncValues(source)[Symbol.asyncIterator]()
  const first = iterator.next()
  for (let i = 0; i < BURST; i++) source.next(i)
  expect(await first).toEqual({ value: 0, done: false })
  let delivered = 1
  let failure: unknown
  try {
    while (!(await iterator.next()).done) delivered++
  } catch (error) {
    failure = error
  }
  expect(failure).toEqual(new RangeError(`asyncValues: more than ${DEFAULT_BOUND} values waiting`))
  expect(delivered).toBe(DEFAULT_BOUND + 1)
  // The loop unsubscribed: nothing is queued any more.
  expect(source.observed).toBe(false)
})

test('maxBuffered: Infinity keeps every value of the burst', async () => {
  const source = new Subject<number>()
  const iterator = asyncValues(source, { maxBuffered: Infinity })[Symbol.asyncIterator]()
  const first = iterator.next()
  for (let i = 0; i < BURST; i++) source.next(i)
  source.complete()
  await first
  let delivered = 1
  while (!(await iterator.next()).done) delivered++
  expect(delivered).toBe(BURST)
})

test('a server burst into a for-await loop that is busy: RangeError past the bound, not the whole burst queued', async () => {
  const server = await HostileServer.start()
  const client = new Client(server.url)
  try {
    const trades = asyncValues(client.dex.trades('BNB_BTCB-1DE'))[Symbol.asyncIterator]()
    const first = trades.next()
    client.streams()
    await server.subscribed(TOPICS)
    // 2 000 trades a frame, under the client's message bound, 50 frames.
    const frame = tradesFrame(...Array.from({ length: 2_000 }, (_, i) => tradeText(`burst-${i}`)))
    for (let i = 0; i < BURST / 2_000; i++) server.send(frame)
    server.send(heightFrame(1))
    // The loop is busy until the whole burst reached the client (the height frame came after it).
    await client.until((seen) => seen.heights.includes(1))
    await first
    let delivered = 1
    let failure: unknown
    try {
      while (!(await trades.next()).done) delivered++
    } catch (error) {
      failure = error
    }
    expect(failure).toEqual(new RangeError(`asyncValues: more than ${DEFAULT_BOUND} values waiting`))
    expect(delivered).toBe(DEFAULT_BOUND + 1)
  } finally {
    client.close()
    await server.stop()
  }
}, 60_000)
