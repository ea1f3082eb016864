// The HTTP side: per-symbol figures kept from the streams, served as JSON and pushed as Server-Sent Events.

import { createServer } from 'node:http'
import { Subject, Subscription } from 'rxjs'
import { DexSocket } from 'binance-dex-rx'
import { minuteBars, spreads } from './metrics.mjs'

const JSON_TYPE = 'application/json; charset=utf-8'

/**
 * Starts the service: one `DexSocket` for every symbol's trades and book, and an HTTP server.
 *
 * - `GET /metrics`: every symbol's recent minutes and current spread; `GET /metrics/<symbol>`: one symbol.
 * - `GET /events` (optionally `?symbol=<symbol>`): Server-Sent Events, `event: minute` and `event: spread`.
 * - `GET /health`: the connection's last state, the number of event clients, and any stream that failed.
 *
 * `close()` shuts down gracefully: stops accepting connections, ends every event stream, lets requests in
 * flight finish (up to `graceMs`, then cuts what is left), unsubscribes and closes the `DexSocket`.
 *
 * @param {{ url: string, symbols: string[], host?: string, port?: number, minutesKept?: number,
 *           graceMs?: number, log?: (line: string) => void }} options
 */
export async function startService({ url, symbols, host = '127.0.0.1', port = 0, minutesKept = 60, graceMs = 5_000, log = () => {} }) {
  const dex = new DexSocket({ url })
  const state = new Map(symbols.map((s) => [s, { minutes: [], spread: null }]))
  const updates = new Subject()
  const failures = []
  let connection = 'connecting'

  const statusSub = dex.status$.subscribe((s) => {
    connection = s.state
    log(`connection ${s.state}`)
  })
  const errorSub = dex.errors$.subscribe((e) => log(`${e.name}: ${e.message}`))
  const streams = new Subscription()
  for (const symbol of symbols) {
    const minutes = dex.trades(symbol).pipe(minuteBars(minutesKept))
    const spread = dex.orderBook(symbol, { depth: 1 }).pipe(spreads())
    const kept = state.get(symbol)
    streams.add(
      minutes.subscribe({
        next: (bar) => {
          const i = kept.minutes.findIndex((m) => m.minute === bar.minute)
          if (i >= 0) kept.minutes[i] = bar
          else kept.minutes = [...kept.minutes, bar].sort((a, b) => a.minute.localeCompare(b.minute)).slice(-minutesKept)
          updates.next({ event: 'minute', data: bar })
        },
        error: (e) => failures.push(`${symbol} trades: ${e.name}: ${e.message}`),
      }),
    )
    streams.add(
      spread.subscribe({
        next: (s) => {
          kept.spread = s
          updates.next({ event: 'spread', data: s })
        },
        error: (e) => failures.push(`${symbol} book: ${e.name}: ${e.message}`),
      }),
    )
  }

  const clients = new Set()
  const server = createServer((req, res) => {
    const { pathname, searchParams } = new URL(req.url ?? '/', 'http://service')
    if (req.method !== 'GET') return send(res, 405, { error: 'method not allowed' }, { allow: 'GET' })
    if (pathname === '/health') {
      return send(res, failures.length === 0 ? 200 : 503, { connection, clients: clients.size, failures })
    }
    if (pathname === '/metrics') return send(res, 200, Object.fromEntries(state))
    if (pathname.startsWith('/metrics/')) {
      const symbol = decodeURIComponent(pathname.slice('/metrics/'.length))
      const kept = state.get(symbol)
      return kept ? send(res, 200, { symbol, ...kept }) : send(res, 404, { error: `unknown symbol ${symbol}` })
    }
    if (pathname === '/events') {
      const symbol = searchParams.get('symbol')
      if (symbol !== null && !state.has(symbol)) return send(res, 404, { error: `unknown symbol ${symbol}` })
      return openEvents(req, res, symbol)
    }
    send(res, 404, { error: 'not found' })
  })

  function openEvents(req, res, symbol) {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' })
    res.write(': connected\n\n')
    const relay = updates.subscribe(({ event, data }) => {
      if (symbol === null || data.symbol === symbol) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
    })
    const client = { res, relay }
    clients.add(client)
    // A client that goes away takes its relay with it.
    res.once('close', () => {
      relay.unsubscribe()
      clients.delete(client)
    })
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve(undefined))
  })
  const address = server.address()
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address

  let closing
  return {
    url: `http://${shown}:${address.port}/`,
    close() {
      closing ??= (async () => {
        const drained = new Promise((resolve) => server.close(() => resolve(undefined)))
        for (const { res, relay } of clients) {
          relay.unsubscribe()
          res.end('event: end\ndata: {}\n\n')
        }
        server.closeIdleConnections()
        const cut = setTimeout(() => server.closeAllConnections(), graceMs)
        await drained
        clearTimeout(cut)
        streams.unsubscribe()
        statusSub.unsubscribe()
        errorSub.unsubscribe()
        updates.complete()
        dex.close()
      })()
      return closing
    },
  }
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': JSON_TYPE, 'cache-control': 'no-store', ...headers })
  res.end(JSON.stringify(body))
}
