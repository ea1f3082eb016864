import { BinanceChainSocket, type MessageCallback } from '../../src/BinanceChainSocket'
import { DexConnectionError, DexInputError, KlineInterval } from '../../src'
import type { RawMessage, StreamHandle } from '../../src/facade/types'
import { stringifyFrame } from '../../src/internal/parseFrame'
import type { DexSimulator } from '../../src/simulator'
import { startSim, waitUntil, type SimHarness } from '../helpers/simHarness'
import * as w from '../helpers/wireSamples'

// The seed facade against a real simulator: every method, one-off and long-lived, with and without a callback.

let h: SimHarness
let socket: BinanceChainSocket
let log: jest.SpyInstance
let logError: jest.SpyInstance

beforeEach(async () => {
  h = await startSim()
  socket = new BinanceChainSocket({ url: h.sim.url, reconnect: { initialDelayMs: 10, maxDelayMs: 50 } })
  log = jest.spyOn(console, 'log').mockImplementation(() => undefined)
  logError = jest.spyOn(console, 'error').mockImplementation(() => undefined)
})

afterEach(async () => {
  socket.close()
  await h.stop()
  log.mockRestore()
  logError.mockRestore()
})

type Call = (s: BinanceChainSocket, oneOff: boolean, cb?: MessageCallback) => Promise<RawMessage> | StreamHandle

interface Case {
  call: Call
  subscribes: object[]
  unsubscribes: object[]
  publish(sim: DexSimulator): void
  /** What the publish delivers, in order. */
  expected: RawMessage[]
}

const market = (topic: string, symbol = w.SYM) => ({
  subscribes: [{ method: 'subscribe', topic, symbols: [symbol] }],
  unsubscribes: [{ method: 'unsubscribe', topic, symbols: [symbol] }],
})

const CASES: Record<string, Case> = {
  'fetchAccountUpdates (accounts, orders and transfers)': {
    call: (s, oneOff, cb) => s.fetchAccountUpdates(w.ADDR, oneOff, cb),
    subscribes: ['accounts', 'orders', 'transfers'].map((topic) => ({ method: 'subscribe', topic, address: w.ADDR })),
    unsubscribes: ['accounts', 'orders', 'transfers'].map((topic) => ({ method: 'unsubscribe', topic })),
    publish: (sim) => {
      sim.publishToAddress(w.ADDR, 'accounts', w.account())
      sim.publishToAddress(w.ADDR, 'orders', [w.order('Ack'), w.order('FullyFill')])
      sim.publishToAddress(w.ADDR, 'transfers', w.transfer())
    },
    expected: [
      { stream: 'accounts', data: w.account() },
      { stream: 'orders', data: [w.order('Ack'), w.order('FullyFill')] },
      { stream: 'transfers', data: w.transfer() },
    ],
  },
  fetchTradesUpdates: {
    call: (s, oneOff, cb) => s.fetchTradesUpdates(w.SYM, oneOff, cb),
    ...market('trades'),
    publish: (sim) => sim.publish('trades', [w.trade(w.SYM, '1-0'), w.trade(w.SYM, '1-1')]),
    expected: [{ stream: 'trades', data: [w.trade(w.SYM, '1-0'), w.trade(w.SYM, '1-1')] }],
  },
  fetchMarketDiffStream: {
    call: (s, oneOff, cb) => s.fetchMarketDiffStream(w.SYM, oneOff, cb),
    ...market('marketDiff'),
    publish: (sim) => sim.publish('marketDiff', w.diff()),
    expected: [{ stream: 'marketDiff', data: w.diff() }],
  },
  fetchMarketDepthStream: {
    call: (s, oneOff, cb) => s.fetchMarketDepthStream(w.SYM, oneOff, cb),
    ...market('marketDepth'),
    publish: (sim) => sim.publish('marketDepth', w.depth()),
    expected: [{ stream: 'marketDepth', data: w.depth() }],
  },
  'fetchKlineUpdates (interval_5min is 5m)': {
    call: (s, oneOff, cb) => s.fetchKlineUpdates(w.SYM, KlineInterval.interval_5min, oneOff, cb),
    ...market('kline_5m'),
    publish: (sim) => sim.publish('kline_5m', w.kline(w.SYM, '5m')),
    expected: [{ stream: 'kline_5m', data: w.kline(w.SYM, '5m') }],
  },
  'fetchTickerStreams(pair): ticker': {
    call: (s, oneOff, cb) => s.fetchTickerStreams(w.SYM, undefined, oneOff, cb),
    ...market('ticker'),
    publish: (sim) => sim.publish('ticker', w.ticker()),
    expected: [{ stream: 'ticker', data: w.ticker() }],
  },
  'fetchTickerStreams(pair, false): miniTicker': {
    call: (s, oneOff, cb) => s.fetchTickerStreams(w.SYM.toLowerCase(), false, oneOff, cb),
    ...market('miniTicker'),
    publish: (sim) => sim.publish('miniTicker', w.miniTicker()),
    expected: [{ stream: 'miniTicker', data: w.miniTicker() }],
  },
  'fetchTickerStreams(): allTickers': {
    call: (s, oneOff, cb) => s.fetchTickerStreams(undefined, true, oneOff, cb),
    ...market('allTickers', '$all'),
    publish: (sim) => sim.publish('allTickers', [w.ticker(w.SYM), w.ticker(w.OTHER)]),
    expected: [{ stream: 'allTickers', data: [w.ticker(w.SYM), w.ticker(w.OTHER)] }],
  },
  'fetchTickerStreams(null, false): allMiniTickers': {
    call: (s, oneOff, cb) => s.fetchTickerStreams(null, false, oneOff, cb),
    ...market('allMiniTickers', '$all'),
    publish: (sim) => sim.publish('allMiniTickers', [w.miniTicker(w.SYM), w.miniTicker(w.OTHER)]),
    expected: [{ stream: 'allMiniTickers', data: [w.miniTicker(w.SYM), w.miniTicker(w.OTHER)] }],
  },
  fetchBlockHeightUpdates: {
    call: (s, oneOff, cb) => s.fetchBlockHeightUpdates(oneOff, cb),
    ...market('blockheight', '$all'),
    publish: (sim) => {
      sim.publish('blockheight', { h: 8699895 })
      sim.publish('blockheight', { h: 8699896 })
    },
    expected: [
      { stream: 'blockheight', data: { h: 8699895 } },
      { stream: 'blockheight', data: { h: 8699896 } },
    ],
  },
}

async function subscribed(c: Case): Promise<void> {
  await waitUntil(() => h.sent('subscribe').length === c.subscribes.length, 'every subscribe was sent')
  expect(h.sent('subscribe')).toEqual(c.subscribes)
}

async function released(c: Case): Promise<void> {
  await waitUntil(() => h.sent('unsubscribe').length === c.unsubscribes.length, 'every unsubscribe was sent')
  expect(h.sent('unsubscribe')).toEqual(c.unsubscribes)
  await waitUntil(() => h.sim.connections().length === 0, 'the idle connection closed')
}

const printed = (): string[] => log.mock.calls.map((args) => args[0])

describe.each(Object.entries(CASES))('%s', (_name, c) => {
  it('one-off with a callback: resolves with the first message, calls back once, releases the connection', async () => {
    const calls: [RawMessage, BinanceChainSocket][] = []
    const result = c.call(socket, true, (message, s) => calls.push([message, s]))
    expect(result).toBeInstanceOf(Promise)
    await subscribed(c)
    c.publish(h.sim)
    await expect(result).resolves.toEqual(c.expected[0])
    expect(calls).toEqual([[c.expected[0], socket]])
    await released(c)
    expect(printed()).toEqual([])
  })

  it('one-off without a callback: prints the first message and resolves with it', async () => {
    const result = c.call(socket, true)
    await subscribed(c)
    c.publish(h.sim)
    await expect(result).resolves.toEqual(c.expected[0])
    expect(printed()).toEqual([stringifyFrame(c.expected[0])])
    await released(c)
  })

  it('long-lived with a callback: every message until handle.close()', async () => {
    const got: RawMessage[] = []
    const handle = c.call(socket, false, (message, s) => {
      expect(s).toBe(socket)
      got.push(message)
    }) as StreamHandle
    expect(handle.closed).toBe(false)
    await subscribed(c)
    c.publish(h.sim)
    c.publish(h.sim)
    await waitUntil(() => got.length === 2 * c.expected.length, 'both rounds of messages arrived')
    expect(got).toEqual([...c.expected, ...c.expected])
    handle.close()
    expect(handle).toMatchObject({ closed: true, error: undefined })
    await released(c)
    handle.close()
    expect(printed()).toEqual([])
  })

  it('long-lived without a callback: prints every message', async () => {
    const handle = c.call(socket, false) as StreamHandle
    await subscribed(c)
    c.publish(h.sim)
    await waitUntil(() => printed().length === c.expected.length, 'every message was printed')
    expect(printed()).toEqual(c.expected.map((m) => stringifyFrame(m)))
    handle.close()
    await released(c)
  })
})

describe('constructor and arguments', () => {
  it('the result type follows oneOff (checked by tsc)', () => {
    const check = (s: BinanceChainSocket): unknown[] => {
      const byDefault: Promise<RawMessage> = s.fetchBlockHeightUpdates()
      const once: Promise<RawMessage> = s.fetchKlineUpdates(w.SYM, '1h', true)
      const handle: StreamHandle = s.fetchTickerStreams(null, false, false)
      const either: Promise<RawMessage> | StreamHandle = s.fetchTradesUpdates(w.SYM, Math.random() > 2)
      // @ts-expect-error a long-lived call returns a handle, not a Promise
      const wrong: Promise<RawMessage> = s.fetchMarketDiffStream(w.SYM, false)
      // @ts-expect-error the interval is not optional
      s.fetchKlineUpdates(w.SYM, true)
      return [byDefault, once, handle, either, wrong]
    }
    expect(typeof check).toBe('function')
  })

  const MAINNET = 'bnb1m4m9etgf3ca5wpgkqe5nr6r33a4ynxfln3yz4v'

  it('isTestNet picks the network (mainnet by default)', () => {
    expect(() => new BinanceChainSocket(true).fetchAccountUpdates(MAINNET)).toThrow(/expected "tbnb1…"/)
    expect(() => new BinanceChainSocket(false).fetchAccountUpdates(w.ADDR)).toThrow(/expected "bnb1…"/)
    expect(() => new BinanceChainSocket().fetchAccountUpdates(w.ADDR)).toThrow(/expected "bnb1…"/)
    expect(() => new BinanceChainSocket('yes' as never)).toThrow(DexInputError)
    expect(() => new BinanceChainSocket({ url: 'http://x' })).toThrow(/Invalid url/)
  })

  it('bad arguments throw DexInputError synchronously and send nothing', async () => {
    const cb = () => undefined
    expect(() => socket.fetchTradesUpdates('nope')).toThrow(DexInputError)
    expect(() => socket.fetchTradesUpdates('$all')).toThrow(/Invalid symbol "\$all"/)
    expect(() => socket.fetchKlineUpdates(w.SYM, '4m' as never)).toThrow(/Invalid kline interval "4m"/)
    expect(() => socket.fetchKlineUpdates('bad', '1m')).toThrow(/Invalid symbol "bad"/)
    expect(() => socket.fetchBlockHeightUpdates(cb as never)).toThrow(/^Invalid oneOff: expected a boolean, got a function \(the callback comes after it/)
    expect(() => socket.fetchMarketDepthStream(w.SYM, false, 'print' as never)).toThrow(/^Invalid callback: expected a function \(message, socket\) => void, got "print"$/)
    expect(() => socket.fetchTickerStreams(w.SYM, 'mini' as never)).toThrow(/^Invalid isFullData: expected a boolean, got "mini"$/)
    expect(() => socket.fetchTickerStreams('')).toThrow(/Invalid symbol ""/)
    expect(() => socket.fetchAccountUpdates(w.ADDR.slice(0, -1) + 'q')).toThrow(/checksum/)
    await new Promise((r) => setTimeout(r, 50))
    expect(h.seen).toHaveLength(0)
    expect(h.sim.connections()).toHaveLength(0)
  })

  it('KlineInterval keeps the seed names, with 5m (not the seed README\'s 4m) and 30m', () => {
    expect(KlineInterval.interval_1min).toBe('1m')
    expect(KlineInterval.interval_5min).toBe('5m')
    expect(KlineInterval.interval_30min).toBe('30m')
    expect(KlineInterval.interval_1month).toBe('1M')
    expect(Object.keys(KlineInterval)).toHaveLength(15)
  })
})

describe('built on DexSocket', () => {
  it('facade calls and typed streams share one connection and one wire subscription per topic and key', async () => {
    const raw: RawMessage[] = []
    const typed: string[] = []
    const a = socket.fetchTradesUpdates(w.SYM, false, (m) => raw.push(m))
    const b = socket.fetchTickerStreams(w.OTHER, true, false, () => undefined)
    const sub = socket.dex.trades(w.SYM).subscribe((t) => typed.push(t.tradeId))
    await waitUntil(() => h.sim.connections()[0]?.subscriptions.length === 2, 'both topics reached the server')
    expect(h.sim.connections()).toHaveLength(1)
    expect(h.sent('subscribe').filter((m) => m.topic === 'trades')).toHaveLength(1)
    h.sim.publish('trades', [w.trade(w.SYM, '5-0')])
    await waitUntil(() => raw.length === 1 && typed.length === 1, 'both views got the trade')
    a.close() // the typed observer still holds trades: nothing goes out
    b.close()
    // One ordered connection: had trades been unsubscribed, it would have arrived before the ticker's.
    await waitUntil(() => h.sent('unsubscribe').length >= 1, 'the ticker unsubscribe went out')
    expect(h.sent('unsubscribe')).toEqual([{ method: 'unsubscribe', topic: 'ticker', symbols: [w.OTHER] }])
    sub.unsubscribe()
    await waitUntil(() => h.sent('unsubscribe').length === 2, 'the last trades observer unsubscribed')
    expect(h.sent('unsubscribe')[1]).toEqual({ method: 'unsubscribe', topic: 'trades', symbols: [w.SYM] })
  })

  it('a mixed-symbol array is split: each call gets its own pair\'s elements', async () => {
    const mine: RawMessage[] = []
    const other: RawMessage[] = []
    socket.fetchTradesUpdates(w.SYM, false, (m) => mine.push(m))
    socket.fetchTradesUpdates(w.OTHER, false, (m) => other.push(m))
    await waitUntil(() => h.sim.connections()[0]?.subscriptions.length === 2, 'both pairs reached the server')
    h.sim.publish('trades', [w.trade(w.SYM, '9-0'), w.trade(w.OTHER, '9-1'), w.trade(w.SYM, '9-2')])
    await waitUntil(() => mine.length === 1 && other.length === 1, 'both calls got their share')
    expect(mine).toEqual([{ stream: 'trades', data: [w.trade(w.SYM, '9-0'), w.trade(w.SYM, '9-2')] }])
    expect(other).toEqual([{ stream: 'trades', data: [w.trade(w.OTHER, '9-1')] }])
  })

  it('prints 19-digit times exactly', async () => {
    const result = socket.fetchTradesUpdates(w.SYM)
    await waitUntil(() => h.sim.hasSubscribers('trades', w.SYM), 'subscribed')
    h.sim.publish('trades', [w.trade()])
    expect(((await result).data as { T: bigint }[])[0].T).toBe(1554964166437515341n)
    expect(printed()[0]).toContain('"T":1554964166437515341,')
  })

  it('a long-lived call survives a dropped connection: resubscribed once, messages flow again', async () => {
    const got: RawMessage[] = []
    const handle = socket.fetchBlockHeightUpdates(false, (m) => got.push(m))
    await waitUntil(() => h.sim.hasSubscribers('blockheight'), 'subscribed')
    h.sim.dropConnections({ abrupt: true })
    await waitUntil(() => h.sent('subscribe').length === 2 && h.sim.hasSubscribers('blockheight'), 'resubscribed')
    h.sim.publish('blockheight', { h: 7 })
    await waitUntil(() => got.length === 1, 'the message after the reconnect arrived')
    expect(got).toEqual([{ stream: 'blockheight', data: { h: 7 } }])
    expect(handle).toMatchObject({ closed: false, error: undefined })
  })
})

describe('failures and close()', () => {
  it('with reconnection off, a drop rejects a one-off call and ends a long-lived one with DexConnectionError', async () => {
    socket.close()
    socket = new BinanceChainSocket({ url: h.sim.url, reconnect: false })
    const once = socket.fetchTradesUpdates(w.SYM, true, () => undefined)
    const handle = socket.fetchBlockHeightUpdates(false, () => undefined)
    await waitUntil(() => h.sim.connections()[0]?.subscriptions.length === 2, 'both subscribed')
    h.sim.dropConnections({ abrupt: true })
    await expect(once).rejects.toBeInstanceOf(DexConnectionError)
    await waitUntil(() => handle.closed, 'the handle ended')
    expect(handle.error).toBeInstanceOf(DexConnectionError)
    expect(logError).toHaveBeenCalledWith(handle.error)
  })

  it('a fire-and-forget one-off without a callback prints its failure and leaves no unhandled rejection', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      socket.fetchBlockHeightUpdates()
      await waitUntil(() => h.sim.hasSubscribers('blockheight'), 'subscribed')
      socket.close()
      await waitUntil(() => logError.mock.calls.length === 1, 'the failure was printed')
      expect(logError.mock.calls[0][0]).toBeInstanceOf(DexConnectionError)
      await new Promise((r) => setTimeout(r, 20))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })

  it('close() rejects pending one-offs, closes handles, says close; later calls throw; a second close is a no-op', async () => {
    const once = socket.fetchMarketDiffStream(w.SYM, true, () => undefined)
    const handle = socket.fetchAccountUpdates(w.ADDR, false, () => undefined)
    await waitUntil(() => h.sim.connections().filter((c) => c.subscriptions.length > 0).length === 2, 'both connections subscribed')
    socket.close()
    await expect(once).rejects.toThrow(/closed before the first message/)
    expect(handle).toMatchObject({ closed: true, error: undefined })
    await waitUntil(() => h.sent('close').length === 2, 'both connections were told to close')
    await waitUntil(() => h.sim.connections().length === 0, 'the connections closed')
    expect(() => socket.fetchBlockHeightUpdates()).toThrow(DexConnectionError)
    expect(() => socket.fetchAccountUpdates(w.ADDR, false)).toThrow(DexConnectionError)
    // Issue 20: the message names the object the user holds, not the DexSocket inside it.
    expect(() => socket.fetchTradesUpdates(w.SYM)).toThrow(/^This BinanceChainSocket is closed; create a new one/)
    expect(() => socket.fetchKlineUpdates(w.SYM, '1m', false)).toThrow(/^This BinanceChainSocket is closed/)
    socket.close()
  })

  it('a throwing callback: a one-off call rejects with the error; a long-lived one reports it and goes on', async () => {
    const bug = new Error('user bug')
    const once = socket.fetchTradesUpdates(w.SYM, true, () => {
      throw bug
    })
    let calls = 0
    const handle = socket.fetchTradesUpdates(w.SYM, false, () => {
      if (++calls === 1) throw bug
    })
    await waitUntil(() => h.sim.hasSubscribers('trades', w.SYM), 'subscribed')
    h.sim.publish('trades', [w.trade(w.SYM, '1-0')])
    await expect(once).rejects.toBe(bug)
    h.sim.publish('trades', [w.trade(w.SYM, '1-1')])
    await waitUntil(() => calls === 2, 'the second message reached the callback')
    expect(logError).toHaveBeenCalledWith('BinanceChainSocket: the callback for a "trades" message threw', bug)
    expect(handle.closed).toBe(false)
  })
})
