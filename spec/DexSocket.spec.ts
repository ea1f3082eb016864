import { config, firstValueFrom, take, toArray, type Observable, type Subscription } from 'rxjs'
import {
  DexConnectionError,
  DexDecodeError,
  DexError,
  DexInputError,
  DexServerError,
  DexSocket,
  type ConnectionStatus,
} from '../src'
import { startSim, waitUntil, type SimHarness } from './helpers/simHarness'
import * as w from './helpers/wireSamples'

// Every stream through the real client against a real server on 127.0.0.1.

let h: SimHarness
let dex: DexSocket
const subs: Subscription[] = []

beforeEach(async () => {
  h = await startSim()
  dex = new DexSocket({ url: h.sim.url })
})

afterEach(async () => {
  for (const s of subs.splice(0)) s.unsubscribe()
  dex.close()
  await h.stop()
})

/** Subscribes, waits for the subscribe on the wire, and collects what arrives. */
async function listen<T>(stream: Observable<T>, wire: object): Promise<{ got: T[]; sub: Subscription; errors: unknown[] }> {
  const got: T[] = []
  const errors: unknown[] = []
  const before = h.sent('subscribe').length
  const sub = stream.subscribe({ next: (v) => got.push(v), error: (e) => errors.push(e) })
  subs.push(sub)
  await waitUntil(() => h.sent('subscribe').length > before, `a subscribe like ${JSON.stringify(wire)} was sent`)
  expect(h.sent('subscribe').slice(before)).toEqual([{ method: 'subscribe', ...wire }])
  return { got, sub, errors }
}

async function expectUnsubscribe(sub: Subscription, wire: object): Promise<void> {
  const before = h.sent('unsubscribe').length
  sub.unsubscribe()
  await waitUntil(() => h.sent('unsubscribe').length > before, 'the unsubscribe was sent')
  expect(h.sent('unsubscribe').slice(before)).toEqual([{ method: 'unsubscribe', ...wire }])
}

describe('every topic: subscribe on the wire, decoded emission, unsubscribe on teardown', () => {
  it('trades: one emission per trade, routed by symbol, 19-digit times exact', async () => {
    const { got, sub } = await listen(dex.trades(w.SYM), { topic: 'trades', symbols: [w.SYM] })
    h.sim.publish('trades', [w.trade(w.SYM, '1-0'), w.trade(w.SYM, '1-1')])
    await waitUntil(() => got.length === 2, 'two trades arrived')
    expect(got[0]).toEqual({
      eventType: 'trade', height: 7549438, symbol: w.SYM, tradeId: '1-0', price: '3333.00000000', quantity: '0.02611100',
      buyerOrderId: '1D518A2563B0CB912AD70DEB7A18CD7ED2FBB7D4-11', sellerOrderId: 'EA1AE716501D1DB0B9F295A30891D9E562828678-12',
      tradeTime: 1554964166437515341n, sellerAddress: w.ADDR2, buyerAddress: w.ADDR, tickType: 'BuyTaker',
    })
    expect(got[1].tradeId).toBe('1-1')
    await expectUnsubscribe(sub, { topic: 'trades', symbols: [w.SYM] })
  })

  it('marketDiff', async () => {
    const { got, sub } = await listen(dex.marketDiff(w.SYM), { topic: 'marketDiff', symbols: [w.SYM] })
    h.sim.publish('marketDiff', w.diff())
    await waitUntil(() => got.length === 1, 'a diff arrived')
    expect(got[0]).toEqual({ eventType: 'depthUpdate', time: 1554964484, symbol: w.SYM, bids: [['3333.00000000', '0.07398900']], asks: [] })
    await expectUnsubscribe(sub, { topic: 'marketDiff', symbols: [w.SYM] })
  })

  it.each([
    [undefined, 'marketDepth'],
    [100, 'marketDepth100'],
    [500, 'marketDepth500'],
    [1000, 'marketDepth1000'],
  ] as const)('marketDepth(levels %p) uses topic %s', async (levels, topic) => {
    const { got, sub } = await listen(dex.marketDepth(w.SYM, levels), { topic, symbols: [w.SYM] })
    h.sim.publish(topic, w.depth())
    await waitUntil(() => got.length === 1, 'a snapshot arrived')
    expect(got[0]).toEqual({ lastUpdateId: 7551469, symbol: w.SYM, bids: w.depth().bids, asks: w.depth().asks })
    await expectUnsubscribe(sub, { topic, symbols: [w.SYM] })
  })

  it('klines', async () => {
    const { got, sub } = await listen(dex.klines(w.SYM, '5m'), { topic: 'kline_5m', symbols: [w.SYM] })
    h.sim.publish('kline_5m', w.kline(w.SYM, '5m'))
    await waitUntil(() => got.length === 1, 'a kline arrived')
    expect(got[0]).toEqual({
      eventType: 'kline', time: 123456789, symbol: w.SYM, openTime: 123400000, closeTime: 123460000, interval: '5m',
      firstTradeId: '100-0', lastTradeId: '110-2', open: '0.0010', close: '0.0020', high: '0.0025', low: '0.0015',
      volume: '1000', quoteVolume: '1.5', trades: 12, closed: false,
    })
    await expectUnsubscribe(sub, { topic: 'kline_5m', symbols: [w.SYM] })
  })

  it('ticker', async () => {
    const { got, sub } = await listen(dex.ticker(w.SYM), { topic: 'ticker', symbols: [w.SYM] })
    h.sim.publish('ticker', w.ticker())
    await waitUntil(() => got.length === 1, 'a ticker arrived')
    expect(got[0]).toEqual({
      eventType: '24hrTicker', time: 1555687041, symbol: w.SYM, priceChange: '-0.00000100', priceChangePercent: '-0.00180000',
      weightedAvgPrice: '0.00055000', prevClosePrice: '0.00055600', lastPrice: '0.00055500', lastQuantity: '10.00000000',
      bestBidPrice: '0.00055400', bestBidQuantity: '5.00000000', bestAskPrice: '0.00055600', bestAskQuantity: '7.00000000',
      open: '0.00055600', high: '0.00056000', low: '0.00054000', volume: '1000.00000000', quoteVolume: '0.55000000',
      openTime: 1555600641000, closeTime: 1555687041000, firstTradeId: '8274485-0', lastTradeId: '8300000-1', trades: 42,
    })
    await expectUnsubscribe(sub, { topic: 'ticker', symbols: [w.SYM] })
  })

  it('miniTicker, also when the server labels it 24hrTicker', async () => {
    const { got, sub } = await listen(dex.miniTicker(w.SYM), { topic: 'miniTicker', symbols: [w.SYM] })
    h.sim.publish('miniTicker', w.miniTicker())
    h.sim.publish('miniTicker', w.miniTicker(w.SYM, '24hrTicker'))
    await waitUntil(() => got.length === 2, 'two mini tickers arrived')
    const expected = {
      eventType: '24hrMiniTicker', time: 1555687041, symbol: w.SYM, lastPrice: '0.00055500', open: '0.00055600',
      high: '0.00056000', low: '0.00054000', volume: '1000.00000000', quoteVolume: '0.55000000',
    }
    expect(got).toEqual([expected, expected])
    await expectUnsubscribe(sub, { topic: 'miniTicker', symbols: [w.SYM] })
  })

  it('allTickers and allMiniTickers: one array per push', async () => {
    const all = await listen(dex.allTickers(), { topic: 'allTickers', symbols: ['$all'] })
    const mini = await listen(dex.allMiniTickers(), { topic: 'allMiniTickers', symbols: ['$all'] })
    h.sim.publish('allTickers', [w.ticker(w.SYM), w.ticker(w.OTHER)])
    h.sim.publish('allMiniTickers', [w.miniTicker(w.SYM), w.miniTicker(w.OTHER)])
    await waitUntil(() => all.got.length === 1 && mini.got.length === 1, 'both arrays arrived')
    expect(all.got[0].map((t) => t.symbol)).toEqual([w.SYM, w.OTHER])
    expect(mini.got[0].map((t) => [t.symbol, t.eventType])).toEqual([[w.SYM, '24hrMiniTicker'], [w.OTHER, '24hrMiniTicker']])
    await expectUnsubscribe(all.sub, { topic: 'allTickers', symbols: ['$all'] })
    await expectUnsubscribe(mini.sub, { topic: 'allMiniTickers', symbols: ['$all'] })
  })

  it('blockHeight', async () => {
    const { got, sub } = await listen(dex.blockHeight(), { topic: 'blockheight', symbols: ['$all'] })
    h.sim.publish('blockheight', { h: 8699895 })
    await waitUntil(() => got.length === 1, 'a height arrived')
    expect(got).toEqual([8699895])
    await expectUnsubscribe(sub, { topic: 'blockheight', symbols: ['$all'] })
  })

  it('orders: one emission per event, enums mapped, times exact', async () => {
    const { got, sub } = await listen(dex.orders(w.ADDR), { topic: 'orders', address: w.ADDR })
    h.sim.publishToAddress(w.ADDR, 'orders', [w.order('Ack'), w.order('FullyFill')])
    await waitUntil(() => got.length === 2, 'two order events arrived')
    expect(got[1]).toEqual({
      eventType: 'executionReport', height: 7366949, symbol: w.OTHER, side: 'buy', orderType: 'limit', timeInForce: 'GTE',
      quantity: '0.00001500', price: '66666.00000000', executionType: 'NEW', status: 'FullyFill',
      orderId: '1D518A2563B0CB912AD70DEB7A18CD7ED2FBB7D4-10', lastExecutedQuantity: '0.00001500',
      cumulativeFilledQuantity: '0.00001500', lastExecutedPrice: '66666.00000000', fee: 'BNB:0.00039999',
      transactionTime: 1554890366040313451n, tradeId: '7366949-0', orderCreationTime: 1554890366040313451n,
    })
    expect(got[0].status).toBe('Ack')
    await expectUnsubscribe(sub, { topic: 'orders' })
  })

  it('accounts: locked from l, frozen from r', async () => {
    const { got, sub } = await listen(dex.accounts(w.ADDR), { topic: 'accounts', address: w.ADDR })
    h.sim.publishToAddress(w.ADDR, 'accounts', w.account())
    await waitUntil(() => got.length === 1, 'an account update arrived')
    expect(got[0]).toEqual({
      eventType: 'outboundAccountInfo', height: 7364509,
      balances: [
        { asset: 'BNB', free: '1371.08750000', locked: '0.00000000', frozen: '0.00000000' },
        { asset: 'DEX.B-C72', free: '999999791.11200000', locked: '2.00000000', frozen: '1.00000000' },
      ],
    })
    await expectUnsubscribe(sub, { topic: 'accounts' })
  })

  it('transfers', async () => {
    const { got, sub } = await listen(dex.transfers(w.ADDR), { topic: 'transfers', address: w.ADDR })
    h.sim.publishToAddress(w.ADDR, 'transfers', w.transfer())
    await waitUntil(() => got.length === 1, 'a transfer arrived')
    expect(got[0]).toEqual({
      eventType: 'outboundTransferInfo', height: 7364509, txHash: w.transfer().H, memo: 'hi', from: w.ADDR,
      outputs: [{ to: w.ADDR2, coins: [{ asset: 'DEX.B-C72', amount: '8.88800000' }] }],
    })
    await expectUnsubscribe(sub, { topic: 'transfers' })
  })

  it('userEvents: all three topics on the address connection, told apart by eventType', async () => {
    const got: string[] = []
    subs.push(dex.userEvents(w.ADDR).subscribe((e) => got.push(e.eventType)))
    await waitUntil(() => h.sent('subscribe').length === 3, 'three subscribes were sent')
    expect(h.sent('subscribe').map((m) => [m.topic, m.address])).toEqual([
      ['accounts', w.ADDR], ['orders', w.ADDR], ['transfers', w.ADDR],
    ])
    h.sim.publishToAddress(w.ADDR, 'accounts', w.account())
    h.sim.publishToAddress(w.ADDR, 'orders', [w.order()])
    h.sim.publishToAddress(w.ADDR, 'transfers', w.transfer())
    await waitUntil(() => got.length === 3, 'three user events arrived')
    expect(got).toEqual(['outboundAccountInfo', 'executionReport', 'outboundTransferInfo'])
  })
})

describe('sharing and reference counting', () => {
  it('N observers of one stream cost one subscribe; the last to leave sends the unsubscribe and the connection closes', async () => {
    const a = await listen(dex.trades(w.SYM), { topic: 'trades', symbols: [w.SYM] })
    const got: unknown[] = []
    const b = dex.trades(w.SYM.toLowerCase()).subscribe((t) => got.push(t))
    const c = dex.trades(w.SYM).subscribe((t) => got.push(t))
    h.sim.publish('trades', [w.trade()])
    await waitUntil(() => got.length === 2 && a.got.length === 1, 'all three observers got the trade')
    expect(h.sent('subscribe')).toHaveLength(1)
    b.unsubscribe()
    c.unsubscribe()
    expect(h.sent('unsubscribe')).toHaveLength(0)
    await expectUnsubscribe(a.sub, { topic: 'trades', symbols: [w.SYM] })
    await waitUntil(() => h.sim.connections().length === 0, 'the idle connection closed')
  })

  it('a one-off read with take(1) or firstValueFrom releases the subscription', async () => {
    const height = firstValueFrom(dex.blockHeight())
    await waitUntil(() => h.sent('subscribe').length === 1, 'subscribed')
    h.sim.publish('blockheight', { h: 42 })
    await expect(height).resolves.toBe(42)
    await waitUntil(() => h.sent('unsubscribe').length === 1, 'unsubscribed')
    const two = firstValueFrom(dex.blockHeight().pipe(take(2), toArray()))
    await waitUntil(() => h.sent('subscribe').length === 2, 'subscribed again')
    h.sim.publish('blockheight', { h: 43 })
    h.sim.publish('blockheight', { h: 44 })
    await expect(two).resolves.toEqual([43, 44])
  })

  it('many symbols and topics share one connection; mixed-symbol arrays are split', async () => {
    const a: string[] = []
    const b: string[] = []
    subs.push(dex.trades(w.SYM).subscribe((t) => a.push(t.tradeId)))
    subs.push(dex.trades(w.OTHER).subscribe((t) => b.push(t.tradeId)))
    for (const s of ['A_B', 'C_D', 'E_F']) subs.push(dex.ticker(s).subscribe())
    subs.push(dex.klines(w.SYM, '1m').subscribe())
    subs.push(dex.blockHeight().subscribe())
    await waitUntil(() => h.sim.connections()[0]?.subscriptions.length === 7, 'all 7 subscriptions reached the server')
    expect(h.sim.connections()).toHaveLength(1)
    h.sim.publish('trades', [w.trade(w.SYM, '9-0'), w.trade(w.OTHER, '9-1'), w.trade(w.SYM, '9-2')])
    await waitUntil(() => a.length === 2 && b.length === 1, 'the trades were split by symbol')
    expect(a).toEqual(['9-0', '9-2'])
    expect(b).toEqual(['9-1'])
  })

  it('two addresses use two connections', async () => {
    const got: [string, string][] = []
    subs.push(dex.orders(w.ADDR).subscribe((o) => got.push([w.ADDR, o.status])))
    subs.push(dex.orders(w.ADDR2).subscribe((o) => got.push([w.ADDR2, o.status])))
    await waitUntil(() => h.sim.connections().filter((c) => c.subscriptions.length).length === 2, 'two connections subscribed')
    expect(h.sim.connections().map((c) => c.address).sort()).toEqual([w.ADDR, w.ADDR2].sort())
    h.sim.publishToAddress(w.ADDR2, 'orders', [w.order('Canceled')])
    await waitUntil(() => got.length === 1, 'the second address got its event')
    expect(got).toEqual([[w.ADDR2, 'Canceled']])
  })
})

describe('errors$', () => {
  it('reports bad frames and server errors, and the stream goes on', async () => {
    const errors: DexError[] = []
    subs.push(dex.errors$.subscribe((e) => errors.push(e)))
    const { got } = await listen(dex.trades(w.SYM), { topic: 'trades', symbols: [w.SYM] })
    h.sim.sendRaw('{not json')
    h.sim.sendRaw('{"stream":"nonsense","data":{}}')
    h.sim.sendRaw('"a string"')
    h.sim.sendRaw('{"error":{"error":"Invalid topic"}}')
    h.sim.sendRaw('{"stream":"trades","data":[{"e":"trade","s":"BNB_BTCB-1DE","p":12}]}')
    h.sim.publish('trades', [w.trade(w.SYM, 'ok-1')])
    await waitUntil(() => got.length === 1 && errors.length === 5, 'five errors and the good trade arrived')
    expect(got[0].tradeId).toBe('ok-1')
    expect(errors.map((e) => e.constructor)).toEqual([DexDecodeError, DexDecodeError, DexDecodeError, DexServerError, DexDecodeError])
    const [json, unknown, notObject, server, bad] = errors as [DexDecodeError, DexDecodeError, DexDecodeError, DexServerError, DexDecodeError]
    expect(json).toMatchObject({ topic: undefined, raw: '{not json' })
    expect(json.message).toMatch(/^Malformed JSON frame/)
    expect(unknown).toMatchObject({ topic: 'nonsense', reason: 'unknown stream "nonsense"' })
    expect(notObject.reason).toBe('frame is not a JSON object')
    expect(server.message).toBe('Server error: Invalid topic')
    expect(server.error).toEqual({ error: 'Invalid topic' })
    expect(bad.topic).toBe('trades')
    expect(bad.reason).toMatch(/^element 0: /)
    expect(bad.raw).toContain('"p":12')
  })

  it('a dropped connection surfaces on status$ and errors$; with reconnect off the streams error', async () => {
    dex.close()
    dex = new DexSocket({ url: h.sim.url, reconnect: false })
    const statuses: ConnectionStatus[] = []
    const errors: DexError[] = []
    subs.push(dex.status$.subscribe((s) => statuses.push(s)))
    subs.push(dex.errors$.subscribe((e) => errors.push(e)))
    const { errors: streamErrors } = await listen(dex.trades(w.SYM), { topic: 'trades', symbols: [w.SYM] })
    h.sim.dropConnections({ abrupt: true })
    await waitUntil(() => streamErrors.length === 1, 'the stream errored')
    expect(streamErrors[0]).toBeInstanceOf(DexConnectionError)
    expect(errors[0]).toBeInstanceOf(DexConnectionError)
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'open', 'closed'])
    expect(statuses[2]).toMatchObject({ state: 'closed', error: streamErrors[0] })
  })
})

describe('input and lifecycle', () => {
  it('bad input throws DexInputError synchronously and sends nothing', async () => {
    expect(() => dex.trades('nope')).toThrow(DexInputError)
    expect(() => dex.klines(w.SYM, '4m' as never)).toThrow(/Invalid kline interval "4m"/)
    expect(() => dex.marketDepth(w.SYM, 50 as never)).toThrow(/expected 20, 100, 500 or 1000/)
    expect(() => dex.orders(w.ADDR.slice(0, -1) + 'q')).toThrow(/checksum/)
    expect(() => new DexSocket({ network: 'testnet' }).orders('bnb1m4m9etgf3ca5wpgkqe5nr6r33a4ynxfln3yz4v')).toThrow(/expected "tbnb1…"/)
    expect(() => new DexSocket().orders(w.ADDR)).toThrow(/expected "bnb1…"/)
    await new Promise((r) => setTimeout(r, 50))
    expect(h.seen).toHaveLength(0)
    expect(h.sim.connections()).toHaveLength(0)
  })

  it('close() says close, completes everything, and later calls throw', async () => {
    const done = { stream: false, status: false, errors: false }
    subs.push(dex.status$.subscribe({ complete: () => (done.status = true) }))
    subs.push(dex.errors$.subscribe({ complete: () => (done.errors = true) }))
    const { sub } = await listen(dex.trades(w.SYM), { topic: 'trades', symbols: [w.SYM] })
    sub.add(() => (done.stream = true))
    const stream = dex.trades(w.OTHER) // created before close, subscribed after
    dex.close()
    expect(done).toEqual({ stream: true, status: true, errors: true })
    await waitUntil(() => h.sent('close').length === 1, 'the close message arrived')
    await waitUntil(() => h.sim.connections().length === 0, 'the connection closed')
    expect(() => dex.trades(w.SYM)).toThrow(DexConnectionError)
    await expect(firstValueFrom(stream)).rejects.toBeInstanceOf(DexConnectionError)
    dex.close()
  })

  it("an observer that throws breaks neither the connection nor other streams", async () => {
    const reported: unknown[] = []
    const previous = config.onUnhandledError
    config.onUnhandledError = (e) => reported.push(e)
    try {
      const good: string[] = []
      subs.push(dex.trades(w.SYM).subscribe(() => { throw new Error('user bug') }))
      subs.push(dex.trades(w.SYM).subscribe((t) => good.push(t.tradeId)))
      subs.push(dex.trades(w.OTHER).subscribe((t) => good.push(t.tradeId)))
      await waitUntil(() => h.sim.connections()[0]?.subscriptions.length === 2, 'subscribed')
      h.sim.publish('trades', [w.trade(w.SYM, 'a'), w.trade(w.OTHER, 'b')])
      h.sim.publish('trades', [w.trade(w.SYM, 'c')])
      await waitUntil(() => good.length === 3, 'the healthy observers got every trade')
      expect(good).toEqual(['a', 'b', 'c'])
      await waitUntil(() => reported.length === 2, 'the user errors were reported to rxjs')
    } finally {
      config.onUnhandledError = previous
    }
  })
})
