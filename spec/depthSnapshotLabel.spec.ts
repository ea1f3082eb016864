import { Subscription } from 'rxjs'
import { DexSocket, type DepthSnapshot, type DexError, type OrderBook } from '../src'
import { FrameRouter } from '../src/internal/FrameRouter'
import { topicDecoder, topicSpec } from '../src/internal/topicTable'
import { startSim, waitUntil, type SimHarness } from './helpers/simHarness'

// tardis.dev's recordings carry the book as a `depthSnapshot` frame (fetched over REST by its recorder, with
// `height` for the update id). Every depth topic takes it, so `marketDepth` and `orderBook` seed from it.

const SYMBOL = 'BNB_BTCB-1DE'
const snapshotFrame = (symbol: string, height: number, bid: string, ask: string): string =>
  `{"stream":"depthSnapshot","generated":true,"data":{"symbol":"${symbol}","asks":[["${ask}","2.00000000"],` +
  `["0.00300000","1.00000000"]],"bids":[["${bid}","3.00000000"]],"height":${height},"pending_match":false}}`
const diffFrame = (bid: string, qty: string): string =>
  `{"stream":"marketDiff","data":{"e":"depthUpdate","E":1700000000,"s":"${SYMBOL}","b":[["${bid}","${qty}"]],"a":[]}}`

describe('the depthSnapshot label', () => {
  it('decodes to a DepthSnapshot whose lastUpdateId is the height', () => {
    const data = { symbol: SYMBOL, asks: [['0.00200000', '2.00000000']], bids: [], height: 12345, pending_match: false }
    const result = topicDecoder('depthSnapshot')!.decode(data)
    expect(result).toEqual({
      _tag: 'Right',
      right: { symbol: SYMBOL, lastUpdateId: 12345, asks: [['0.00200000', '2.00000000']], bids: [] },
    })
  })

  it('refuses a snapshot without a height, naming the field', () => {
    const result = topicDecoder('depthSnapshot')!.decode({ symbol: SYMBOL, asks: [], bids: [] })
    expect(result._tag).toBe('Left')
    expect((result as { left: string }).left).toMatch(/^data\.height: /)
  })

  it('routes to whichever depth topic has an observer of the symbol, and reports a bad one with its label', () => {
    for (const topic of ['marketDepth', 'marketDepth100', 'marketDepth500', 'marketDepth1000']) {
      const errors: DexError[] = []
      const r = new FrameRouter((e) => errors.push(e))
      const events: DepthSnapshot[] = []
      r.acquire(topicSpec(topic)!, SYMBOL).events.subscribe((e) => events.push(e as DepthSnapshot))
      r.dispatch(snapshotFrame(SYMBOL, 7, '0.00100000', '0.00200000'))
      r.dispatch(snapshotFrame('OTHER-000_BNB', 8, '0.00100000', '0.00200000'))
      r.dispatch('{"stream":"depthSnapshot","generated":true,"data":{"symbol":"BNB_BTCB-1DE","asks":[],"bids":[]}}')
      expect(events.map((e) => [e.symbol, e.lastUpdateId, e.bids.length, e.asks.length])).toEqual([[SYMBOL, 7, 1, 2]])
      expect(errors.map((e) => [e.name, e.message])).toEqual([
        ['DexDecodeError', 'Could not decode a "depthSnapshot" frame: data.height: missing, expected an integer'],
      ])
    }
  })

  describe('over a socket', () => {
    let h: SimHarness
    let dex: DexSocket
    let subs: Subscription
    beforeEach(async () => {
      h = await startSim()
      dex = new DexSocket({ url: h.sim.url })
      subs = new Subscription()
    })
    afterEach(async () => {
      subs.unsubscribe()
      dex.close()
      await h.stop()
    })

    it('seeds marketDepth and orderBook (default options), and the book follows the diffs after it', async () => {
      const books: OrderBook[] = []
      const depths: DepthSnapshot[] = []
      const errors: DexError[] = []
      subs.add(dex.errors$.subscribe((e) => errors.push(e)))
      subs.add(dex.orderBook(SYMBOL).subscribe((b) => books.push(b)))
      subs.add(dex.marketDepth(SYMBOL).subscribe((d) => depths.push(d)))
      await waitUntil(() => h.sim.hasSubscribers('marketDiff') && h.sim.hasSubscribers('marketDepth'), 'subscribed')
      h.sim.sendRaw(diffFrame('0.00090000', '9.00000000')) // before any snapshot: dropped by the book
      h.sim.sendRaw(snapshotFrame(SYMBOL, 501, '0.00100000', '0.00200000'))
      h.sim.sendRaw(diffFrame('0.00150000', '4.00000000'))
      await waitUntil(() => books.length === 2, 'two books')
      expect(depths.map((d) => d.lastUpdateId)).toEqual([501])
      expect(books[0]).toMatchObject({
        inSync: true,
        lastUpdateId: 501,
        bids: [['0.00100000', '3.00000000']],
        asks: [
          ['0.00200000', '2.00000000'],
          ['0.00300000', '1.00000000'],
        ],
      })
      expect(books[1].bids.map((l) => l[0])).toEqual(['0.00150000', '0.00100000'])
      expect(books[1].inSync).toBe(true)
      expect(errors).toEqual([])
    })
  })
})
