// The contenders, each consuming one scenario's bursts to the last event:
//   floor     `ws` alone, counting messages: what the socket costs before any parsing
//   baseline  (a) `ws` + JSON.parse, counting events, no validation
//   library   (b) binance-dex-rx through its public API (dist/index.js): decoded, validated, routed, typed
//   naive     (c) RxJS `webSocket` + `multiplex` + io-ts `decode`, written the way a user would by hand
// "Events" are the records a subscriber gets: one per trade, order and ticker, one per marketDiff.

import * as t from 'io-ts'
import { isRight } from 'fp-ts/lib/Either.js'
import { filter, map, mergeMap } from 'rxjs'
import { webSocket } from 'rxjs/webSocket'
import WebSocket from 'ws'
import { DexSocket } from '../dist/index.js'
import { ADDRESS, connectionOf, connections } from './frames.mjs'

const now = () => performance.now()

/**
 * A `ws` WebSocket that times every message from the moment `ws` has the frame (`emit('message')`, before
 * the WebSocket-API wrapper builds its MessageEvent) until all synchronous handling of it (decoding,
 * routing, every subscriber) has returned: the latency a client adds to a frame.
 */
export class TimedWebSocket extends WebSocket {
  /** Set by the runner: receives (connection, frame index on it, microseconds). */
  static record = null
  frames = 0
  conn = undefined
  send(data, ...rest) {
    if (this.conn === undefined) {
      try {
        this.conn = connectionOf(JSON.parse(data).topic)
      } catch {}
    }
    return super.send(data, ...rest)
  }
  emit(type, ...args) {
    if (type !== 'message') return super.emit(type, ...args)
    const t0 = now()
    const result = super.emit(type, ...args)
    TimedWebSocket.record?.(this.conn, this.frames++, (now() - t0) * 1000)
    return result
  }
}

/** Resolves once `expected` events were counted; `first`/`last` bound the measured interval. */
function counter(expected, onDone) {
  const c = {
    count: 0,
    first: 0,
    last: 0,
    add(n) {
      if (c.count === 0) c.first = now()
      c.count += n
      if (c.count >= expected) {
        c.last = now()
        onDone()
      }
    },
  }
  return c
}

const subscribeMessages = (subs) => {
  const byTopic = new Map()
  for (const { topic, key } of subs) byTopic.set(topic, [...(byTopic.get(topic) ?? []), key])
  return [...byTopic].map(([topic, keys]) =>
    connectionOf(topic) === 'user'
      ? JSON.stringify({ method: 'subscribe', topic, address: keys[0] })
      : JSON.stringify({ method: 'subscribe', topic, symbols: keys }),
  )
}

function expectedEvents(s, cycles) {
  return Object.values(connections(s)).reduce((n, c) => n + c.eventsPerCycle * cycles, 0)
}

/** `ws` directly; `parse` false counts messages only (the floor), true parses and counts events (a). */
function rawWs(parse) {
  return ({ url, s, cycles, Ctor = WebSocket }) =>
    new Promise((resolve, reject) => {
      const sockets = []
      const conns = Object.values(connections(s))
      const frames = conns.reduce((n, conn) => n + conn.texts.length * cycles, 0)
      const c = counter(parse ? expectedEvents(s, cycles) : frames, () => {
        for (const ws of sockets) ws.terminate()
        // The floor counted messages; over whole cycles they carry exactly the scenario's events.
        if (!parse) c.count = expectedEvents(s, cycles)
        resolve(c)
      })
      for (const conn of conns) {
        const ws = new Ctor(`${url}/ws`)
        ws.on('open', () => {
          for (const m of subscribeMessages(conn.subscriptions)) ws.send(m)
        })
        ws.on('error', reject)
        if (parse) {
          ws.on('message', (data) => {
            const frame = JSON.parse(data)
            c.add(Array.isArray(frame.data) ? frame.data.length : 1)
          })
        } else {
          ws.on('message', () => c.add(1))
        }
        sockets.push(ws)
      }
    })
}

export const floor = rawWs(false)
export const baseline = rawWs(true)

/**
 * (b): every stream of the scenario through DexSocket. `observers` subscribers per stream (fan-out);
 * `sample(count, expected)`, when given, runs on every event with the count it reaches (heap sampling).
 */
export function library({ url, s, cycles, Ctor, observers = 1, sample }) {
  return new Promise((resolve, reject) => {
    const dex = new DexSocket({ url, reconnect: false, ...(Ctor ? { WebSocketCtor: Ctor } : {}) })
    const subscriptions = []
    const expected = expectedEvents(s, cycles)
    const c = counter(expected, () => {
      for (const sub of subscriptions) sub.unsubscribe()
      dex.close()
      resolve(c)
    })
    subscriptions.push(
      dex.errors$.subscribe((e) => reject(new Error(`library reported ${e.name}: ${e.message}`))),
    )
    const streams = Object.values(connections(s)).flatMap((conn) =>
      conn.subscriptions.map(({ topic, key }) => {
        switch (topic) {
          case 'trades':
            return dex.trades(key)
          case 'marketDiff':
            return dex.marketDiff(key)
          case 'allTickers':
            return dex.allTickers()
          case 'orders':
            return dex.orders(key)
          default:
            throw new Error(topic)
        }
      }),
    )
    for (const stream of streams) {
      // The first observer counts; the others (fan-out) do the least work an observer can do.
      subscriptions.push(
        stream.subscribe(
          sample
            ? (e) => {
                const n = Array.isArray(e) ? e.length : 1
                sample(c.count + n, expected) // before the last event ends the run, so it sees the live state
                c.add(n)
              }
            : (e) => c.add(Array.isArray(e) ? e.length : 1),
        ),
      )
      for (let i = 1; i < observers; i++) subscriptions.push(stream.subscribe(() => fanned.events++))
    }
  })
}

/** What the extra (fan-out) observers count, kept where no engine can drop it as dead code. */
export const fanned = { events: 0 }

// ---------------------------------------------------------------------------------------------------------
// (c) the hand-written pipeline: one WebSocketSubject per connection, one multiplexed stream per topic and
// symbol, io-ts codecs for the wire shapes with plain t.string / t.number fields. JSON.parse is RxJS's
// default deserializer, so the 19-digit times come out rounded: this pipeline is not even exact.
// ---------------------------------------------------------------------------------------------------------

const TradeC = t.type({
  e: t.literal('trade'),
  E: t.number,
  s: t.string,
  t: t.string,
  p: t.string,
  q: t.string,
  b: t.string,
  a: t.string,
  T: t.number,
  sa: t.string,
  ba: t.string,
  tt: t.union([t.number, t.undefined]),
})
const Level = t.tuple([t.string, t.string])
const DiffC = t.type({ e: t.literal('depthUpdate'), E: t.number, s: t.string, b: t.array(Level), a: t.array(Level) })
const TickerC = t.type({
  e: t.literal('24hrTicker'),
  E: t.number,
  s: t.string,
  ...Object.fromEntries('pPwxcQbBaAohlvq'.split('').map((k) => [k, t.string])),
  O: t.number,
  C: t.number,
  F: t.string,
  L: t.string,
  n: t.number,
})
const TickersC = t.array(TickerC)
const OrderC = t.type({
  e: t.literal('executionReport'),
  E: t.number,
  s: t.string,
  S: t.number,
  o: t.number,
  f: t.number,
  q: t.string,
  p: t.string,
  x: t.string,
  X: t.string,
  i: t.string,
  l: t.string,
  z: t.string,
  L: t.string,
  n: t.string,
  T: t.number,
  t: t.string,
  O: t.number,
})

export function naive({ url, s, cycles }) {
  return new Promise((resolve, reject) => {
    const subscriptions = []
    const c = counter(expectedEvents(s, cycles), () => {
      for (const sub of subscriptions) sub.unsubscribe()
      resolve(c)
    })
    const sockets = { market: webSocket({ url: `${url}/ws`, WebSocketCtor: WebSocket }) }
    if (s.user) sockets.user = webSocket({ url: `${url}/ws`, WebSocketCtor: WebSocket })
    const topic = (socket, name, body) =>
      socket.multiplex(
        () => ({ method: 'subscribe', topic: name, ...body }),
        () => ({ method: 'unsubscribe', topic: name, ...body }),
        (m) => m.stream === name,
      )
    const valid = (codec) => (x) => {
      const r = codec.decode(x)
      if (!isRight(r)) throw new Error(`naive pipeline rejected a frame`)
      return r.right
    }
    const perSymbol = (socket, name, symbol, codec) =>
      topic(socket, name, { symbols: [symbol] }).pipe(
        mergeMap((m) => (Array.isArray(m.data) ? m.data : [m.data])),
        filter((x) => x.s === symbol),
        map(valid(codec)),
      )
    const streams = []
    for (const { topic: name, key } of s.market.subscriptions) {
      if (name === 'trades') streams.push(perSymbol(sockets.market, name, key, TradeC))
      else if (name === 'marketDiff') streams.push(perSymbol(sockets.market, name, key, DiffC))
      else if (name === 'allTickers')
        streams.push(topic(sockets.market, name, { symbols: ['$all'] }).pipe(map((m) => valid(TickersC)(m.data))))
    }
    if (s.user) {
      streams.push(
        topic(sockets.user, 'orders', { address: ADDRESS }).pipe(
          mergeMap((m) => m.data),
          map(valid(OrderC)),
        ),
      )
    }
    for (const stream of streams) {
      subscriptions.push(stream.subscribe({ next: (e) => c.add(Array.isArray(e) ? e.length : 1), error: reject }))
    }
  })
}
