import { Subject, takeUntil } from 'rxjs'
import { asyncValues, DexConnectionError, DexSocket } from '../../src'
import { startSim, waitUntil, type SimHarness } from '../helpers/simHarness'
import { trade as wireTrade } from '../helpers/wireSamples'

// `for await` over the library's streams with asyncValues, against a simulator: what is buffered, what is
// dropped, and that leaving the loop in any way unsubscribes on the wire. Frames are published by hand
// while the loop body is held on a gate, so "the loop was slow" is a fact of the test, not a timing.

const SYMBOL = 'BNB_BTCB-1DE'

let h: SimHarness
let dex: DexSocket

beforeEach(async () => {
  h = await startSim()
  dex = new DexSocket({ url: h.sim.url, reconnect: false })
})

afterEach(async () => {
  dex.close()
  await h.stop()
})

const trade = (id: number) => ({ ...wireTrade(SYMBOL, `1-${id}`), p: `${id}.00000000` })
const unsubscribed = (topic: string) => h.sent('unsubscribe').some((m) => m.topic === topic && m.symbols?.[0] === SYMBOL)

/** A promise the loop body waits on, opened by the test. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void
  const wait = new Promise<void>((resolve) => (open = resolve))
  return { wait, open }
}

it('subscribes when the loop starts, not when the iterable is made', async () => {
  const iterable = asyncValues(dex.trades(SYMBOL))
  await new Promise((r) => setImmediate(r))
  expect(h.sim.connections()).toHaveLength(0)

  const iterator = iterable[Symbol.asyncIterator]()
  const first = iterator.next()
  await waitUntil(() => h.sim.hasSubscribers('trades', SYMBOL), 'the first next() subscribed')
  h.sim.publish('trades', [trade(1)])
  expect((await first).value).toMatchObject({ tradeId: '1-1', price: '1.00000000' })
  await iterator.return?.()
  await waitUntil(() => unsubscribed('trades'), 'return() unsubscribed')
})

it('break: the loop gets every trade in order, and leaving it sends the unsubscribe and closes the socket', async () => {
  const prices: string[] = []
  const loop = (async () => {
    for await (const t of asyncValues(dex.trades(SYMBOL))) {
      prices.push(t.price)
      if (prices.length === 2) break
    }
  })()
  await waitUntil(() => h.sim.hasSubscribers('trades', SYMBOL), 'the loop subscribed')
  h.sim.publish('trades', [trade(1), trade(2), trade(3)])
  await loop
  expect(prices).toEqual(['1.00000000', '2.00000000'])
  await waitUntil(() => unsubscribed('trades'), 'break unsubscribed on the wire')
  await waitUntil(() => h.sim.connections().length === 0, 'the last subscription gone, the socket closed')
})

it('throw in the body: the error leaves the loop and the subscription is torn down', async () => {
  const loop = (async () => {
    for await (const t of asyncValues(dex.trades(SYMBOL))) throw new Error(`app failed on ${t.tradeId}`)
  })()
  await waitUntil(() => h.sim.hasSubscribers('trades', SYMBOL), 'the loop subscribed')
  h.sim.publish('trades', [trade(7)])
  await expect(loop).rejects.toThrow('app failed on 1-7')
  await waitUntil(() => unsubscribed('trades'), 'the throw unsubscribed on the wire')
})

it('keep all buffers what comes while the body is busy: nothing is lost or reordered', async () => {
  const busy = gate()
  const ids: string[] = []
  const received: string[] = []
  const source = dex.trades(SYMBOL)
  const watch = source.subscribe((t) => received.push(t.tradeId)) // the same stream, seen without a loop
  const loop = (async () => {
    for await (const t of asyncValues(source)) {
      ids.push(t.tradeId)
      if (ids.length === 1) await busy.wait
      if (ids.length === 5) break
    }
  })()
  await waitUntil(() => h.sim.hasSubscribers('trades', SYMBOL), 'the loop subscribed')
  h.sim.publish('trades', [trade(1)])
  await waitUntil(() => ids.length === 1, 'the first trade reached the body')
  for (const id of [2, 3, 4, 5]) h.sim.publish('trades', [trade(id)])
  await waitUntil(() => received.length === 5, 'all five trades reached the client')
  expect(ids).toEqual(['1-1']) // four arrived while the body waited: they are queued for it
  busy.open()
  await loop
  expect(ids).toEqual(['1-1', '1-2', '1-3', '1-4', '1-5'])
  watch.unsubscribe()
})

it('keep latest keeps only the newest value while the body is busy', async () => {
  const busy = gate()
  const heights: number[] = []
  const received: number[] = []
  const source = dex.blockHeight()
  const watch = source.subscribe((height) => received.push(height)) // the same stream, seen without a loop
  const loop = (async () => {
    for await (const height of asyncValues(source, { keep: 'latest' })) {
      heights.push(height)
      if (heights.length === 1) await busy.wait
      if (heights.length === 2) break
    }
  })()
  await waitUntil(() => h.sim.hasSubscribers('blockheight'), 'subscribed')
  h.sim.publish('blockheight', { h: 1 })
  await waitUntil(() => heights.length === 1, 'the first height reached the body')
  for (const height of [2, 3, 4]) h.sim.publish('blockheight', { h: height })
  await waitUntil(() => received.length === 4, 'all four heights reached the client')
  busy.open()
  await loop
  expect(heights).toEqual([1, 4])
  watch.unsubscribe()
})

it('a loop waiting for a value that never comes is ended from outside with takeUntil', async () => {
  const stop = new Subject<void>()
  let iterations = 0
  const loop = (async () => {
    for await (const _ of asyncValues(dex.trades(SYMBOL).pipe(takeUntil(stop)))) iterations++
  })()
  await waitUntil(() => h.sim.hasSubscribers('trades', SYMBOL), 'the loop subscribed')
  stop.next()
  await loop
  expect(iterations).toBe(0)
  await waitUntil(() => unsubscribed('trades'), 'takeUntil unsubscribed on the wire')
})

it('a stream that errors throws out of the loop, after the values that came before it', async () => {
  const heights: number[] = []
  const loop = (async () => {
    for await (const height of asyncValues(dex.blockHeight())) heights.push(height)
  })()
  await waitUntil(() => h.sim.hasSubscribers('blockheight'), 'subscribed')
  h.sim.publish('blockheight', { h: 1 })
  await waitUntil(() => heights.length === 1, 'the height reached the loop')
  h.sim.dropConnections({ abrupt: true }) // reconnection is off: the stream ends with DexConnectionError
  await expect(loop).rejects.toBeInstanceOf(DexConnectionError)
  expect(heights).toEqual([1])
})
