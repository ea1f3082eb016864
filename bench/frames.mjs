// The benchmark's workloads: frame texts shaped like the real captures (docs/protocol.md and
// spec/codecs/real-frames.jsonl), generated from a fixed seed so that the server and the clients,
// in different processes, agree on every frame without shipping them around.
//
// A scenario is what one run of a client sees: the subscriptions it makes on each connection and the cycle
// of frames the server repeats on that connection. Every element of every frame belongs to a subscribed
// symbol, so all three clients deliver every event and the counts are comparable.

export const ADDRESS = 'tbnb1r4gc5ftrkr9ez2khph4h5xxd0mf0hd75jf06gw'
const COUNTERPARTY = 'tbnb1agdww9jsr5wmpw0jjk3s3yweu43g9pnc4p5kg7'

/** A small seeded PRNG (mulberry32): the same numbers for the same seed, in every process. */
export function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return (t ^ (t >>> 14)) >>> 0
  }
}

/** `units` hundred-millionths as the server writes decimals: always 8 places. */
const decimal = (units) => `${Math.floor(units / 1e8)}.${String(units % 1e8).padStart(8, '0')}`

const HEX = '0123456789ABCDEF'

function symbols(count) {
  const out = ['BNB_BTCB-1DE', 'BNB_BUSD-BD1', '100K-9BC_BNB', 'ETH-1C9_BNB']
  const next = rng(99)
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
  while (out.length < count) {
    let base = ''
    for (let i = 0; i < 3 + (next() % 4); i++) base += letters[next() % 26]
    let tag = ''
    for (let i = 0; i < 3; i++) tag += HEX[next() % 16]
    const symbol = `${base}-${tag}_BNB`
    if (!out.includes(symbol)) out.push(symbol)
  }
  return out.slice(0, count)
}

/** Frame builders over one random stream; `time` is the block clock every builder advances. */
function builders(seed) {
  const next = rng(seed)
  const pick = (list) => list[next() % list.length]
  const hex = (n) => {
    let s = ''
    for (let i = 0; i < n; i++) s += HEX[next() % 16]
    return s
  }
  const state = { height: 158_000_000, seconds: 1_650_000_000, nanos: 1_650_000_000_000_000_000n }
  const tick = () => {
    state.height += 1
    state.seconds += next() % 2
    state.nanos += BigInt(400_000_000 + (next() % 100_000_000))
  }
  const price = () => decimal(1 + (next() % 5_000_000_000))
  const qty = () => decimal(1 + (next() % 100_000_000_000))
  const orderId = () => `${hex(40)}-${1 + (next() % 99_999)}`

  const trade = (s, index) => ({
    e: 'trade', E: state.height, s, t: `${state.height}-${index}`, p: price(), q: qty(),
    b: orderId(), a: orderId(), T: state.nanos + BigInt(index), sa: COUNTERPARTY, ba: ADDRESS, tt: 1 + (next() % 2),
  })
  const diff = (s) => {
    const levels = 1 + (next() % 10)
    const b = []
    const a = []
    for (let i = 0; i < levels; i++) (next() % 2 ? b : a).push([price(), next() % 5 === 0 ? '0.00000000' : qty()])
    return { e: 'depthUpdate', E: state.seconds, s, b, a }
  }
  const ticker = (s) => ({
    e: '24hrTicker', E: state.seconds, s, p: decimal(next() % 1_000_000), P: decimal(next() % 10_000_000),
    w: price(), x: price(), c: price(), Q: qty(), b: price(), B: qty(), a: price(), A: qty(), o: price(), h: price(),
    l: price(), v: qty(), q: qty(), O: state.seconds * 1000 - 86_400_000, C: state.seconds * 1000,
    F: `${state.height - 90_000}-0`, L: `${state.height}-${next() % 4}`, n: next() % 100_000,
  })
  const order = (s) => ({
    e: 'executionReport', E: state.height, s, S: 1 + (next() % 2), o: 2, f: next() % 4 === 0 ? 3 : 1,
    q: qty(), p: price(), x: 'NEW', X: pick(['Ack', 'PartialFill', 'FullyFill', 'Canceled']), i: orderId(),
    l: qty(), L: price(), z: qty(), n: next() % 3 === 0 ? '' : `BNB:${decimal(next() % 100_000)}`,
    T: state.nanos, t: `${state.height}-${next() % 8}`, O: state.nanos - BigInt(next() % 1_000_000_000_000),
  })
  return { next, tick, trade, diff, ticker, order }
}

/** `JSON.stringify` with bigints as bare integer literals, the way the real server writes 19-digit times. */
function encode(stream, data) {
  return JSON.stringify({ stream, data }, (_, v) => (typeof v === 'bigint' ? `\u0000${v}` : v)).replace(
    /"\\u0000(\d+)"/g,
    '$1',
  )
}

const events = (frame) => (Array.isArray(frame.data) ? frame.data.length : 1)

/**
 * The busy-market mix. Per 200 market frames: 90 `trades` frames of 1-4 trades (19-digit times), 109
 * `marketDiff` frames of 1-10 levels, one `allTickers` of 50 tickers (real servers send it once a second).
 * The user connection carries `orders` frames of 1-3 execution reports (19-digit `T` and `O`).
 */
function mixCycle(symbolList, cycleFrames, seed) {
  const b = builders(seed)
  const market = []
  const user = []
  const tickerSymbols = symbols(50)
  for (let i = 0; i < cycleFrames; i++) {
    b.tick()
    const slot = i % 200
    const s = symbolList[b.next() % symbolList.length]
    if (slot === 199) {
      // allTickers elements are other markets too, as on the real server; the client asked for all of them.
      market.push({ stream: 'allTickers', data: tickerSymbols.map((t) => b.ticker(t)) })
    } else if (slot % 2 === 0) {
      const n = 1 + (b.next() % 4)
      market.push({ stream: 'trades', data: Array.from({ length: n }, (_, k) => b.trade(s, k)) })
    } else {
      market.push({ stream: 'marketDiff', data: b.diff(s) })
    }
    if (i % 4 === 0) {
      const n = 1 + (b.next() % 3)
      user.push({ stream: 'orders', data: Array.from({ length: n }, () => b.order(s)) })
    }
  }
  return { market, user }
}

function connection(frames, subscriptions) {
  const texts = frames.map((f) => encode(f.stream, f.data))
  return {
    subscriptions,
    texts,
    kinds: frames.map((f) => f.stream),
    eventsPerCycle: frames.reduce((n, f) => n + events(f), 0),
    bytesPerCycle: texts.reduce((n, t) => n + Buffer.byteLength(t), 0),
  }
}

/**
 * What a client subscribes to on one connection, as (topic, key) pairs: the key is a symbol, `$all` or the
 * address. The server starts a connection's burst once every pair has been subscribed.
 */
const marketSubs = (list, topics) => topics.flatMap((topic) => list.map((s) => ({ topic, key: s })))

function build(name) {
  switch (name) {
    case 'mix': {
      // Four busy markets, the ticker of every market, and one address's orders.
      const list = symbols(4)
      const { market, user } = mixCycle(list, 2000, 1)
      return {
        symbols: list,
        market: connection(market, [
          ...marketSubs(list, ['trades', 'marketDiff']),
          { topic: 'allTickers', key: '$all' },
        ]),
        user: connection(user, [{ topic: 'orders', key: ADDRESS }]),
      }
    }
    case 'fanout': {
      // One stream: trades of one market.
      const b = builders(2)
      const list = symbols(1)
      const frames = []
      for (let i = 0; i < 2000; i++) {
        b.tick()
        const n = 1 + (b.next() % 4)
        frames.push({ stream: 'trades', data: Array.from({ length: n }, (_, k) => b.trade(list[0], k)) })
      }
      return { symbols: list, market: connection(frames, marketSubs(list, ['trades'])) }
    }
    case 'symbols200': {
      // Trades and book diffs of 200 markets on one connection, each frame for one market.
      const b = builders(3)
      const list = symbols(200)
      const frames = []
      for (let i = 0; i < 4000; i++) {
        b.tick()
        const s = list[i % list.length]
        if (i % 2 === 0) {
          const n = 1 + (b.next() % 4)
          frames.push({ stream: 'trades', data: Array.from({ length: n }, (_, k) => b.trade(s, k)) })
        } else frames.push({ stream: 'marketDiff', data: b.diff(s) })
      }
      return { symbols: list, market: connection(frames, marketSubs(list, ['trades', 'marketDiff'])) }
    }
    default:
      throw new Error(`unknown scenario ${name}`)
  }
}

const cache = new Map()

/** The scenario `name` ('mix', 'fanout', 'symbols200'), built once per process. */
export function scenario(name) {
  let s = cache.get(name)
  if (!s) cache.set(name, (s = build(name)))
  return s
}

/** The connections of a scenario by name; `user` only where the scenario has one. */
export function connections(s) {
  return s.user ? { market: s.market, user: s.user } : { market: s.market }
}

/** Which connection of the scenario a subscribe message belongs to, by its topic. */
export const connectionOf = (topic) => (topic === 'orders' || topic === 'accounts' || topic === 'transfers' ? 'user' : 'market')
