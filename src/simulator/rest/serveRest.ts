import type { IncomingMessage, ServerResponse } from 'node:http'
import { KLINE_INTERVALS, type KlineInterval } from '../../KlineInterval'
import type { SimulatedMarket } from '../market/SimulatedMarket'

/** @internal The depth limits the real `GET /api/v1/depth` accepted, and its default. */
export const DEPTH_LIMITS = [5, 10, 20, 50, 100, 500, 1000] as const
/** @internal `GET /api/v1/depth` without `limit`. */
export const DEFAULT_DEPTH_LIMIT = 100
/** @internal `GET /api/v1/klines` without `limit`, and the most it gives. */
export const KLINE_LIMIT = { default: 300, max: 1000 } as const

type Reply = { readonly status: number; readonly body: unknown }
type Query = URLSearchParams

class RestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

/**
 * @internal
 * Answers a plain HTTP request on the simulator's port: the REST subset under `/api/v1/` a book or chart
 * client needs, 426 for the WebSocket paths asked without an upgrade, and a JSON 404 for anything else.
 * Errors are `{"code": <status>, "message": "..."}`, the real API's shape. Never throws.
 */
export function serveRest(
  req: IncomingMessage,
  res: ServerResponse,
  market: SimulatedMarket | undefined,
): void {
  let reply: Reply
  try {
    reply = route(req, market)
  } catch (error) {
    const status = error instanceof RestError ? error.status : 500
    const message = error instanceof Error ? error.message : String(error)
    reply = { status, body: { code: status, message } }
  }
  const body = JSON.stringify(reply.body)
  res.on('error', () => undefined)
  res
    .writeHead(reply.status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      // Browser apps (the dashboard) are served from another origin than the simulator.
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'no-store',
      ...(reply.status === 426 && { Connection: 'close', Upgrade: 'websocket' }),
    })
    .end(req.method === 'HEAD' ? undefined : body)
}

function route(req: IncomingMessage, market: SimulatedMarket | undefined): Reply {
  const url = requestUrl(req.url ?? '/')
  const path = url.pathname.replace(/\/+$/, '')
  if (path === '/api/ws' || path.startsWith('/api/ws/') || path === '/api/stream') {
    throw new RestError(426, 'this path is a WebSocket stream: connect with a WebSocket client')
  }
  const handler = ROUTES.get(path)
  if (handler === undefined) throw new RestError(404, `no such endpoint: ${path.slice(0, 100) || '/'}`)
  if (req.method !== 'GET' && req.method !== 'HEAD')
    throw new RestError(405, `${req.method} is not allowed here`)
  if (market === undefined) {
    throw new RestError(503, 'this simulator has no simulated market (it replays a tape or runs without one)')
  }
  return { status: 200, body: handler(market, url.searchParams) }
}

/** The request target as a URL; one that is not a URL (`http://[`) is the client's error, not the server's. */
function requestUrl(target: string): URL {
  try {
    return new URL(target, 'http://localhost')
  } catch {
    throw new RestError(400, `malformed request target ${JSON.stringify(target.slice(0, 100))}: expected a path such as /api/v1/markets`)
  }
}

const ROUTES = new Map<string, (market: SimulatedMarket, query: Query) => unknown>([
  ['/api/v1/depth', depth],
  ['/api/v1/klines', klines],
  ['/api/v1/markets', (market) => market.markets()],
])

/** `{bids, asks, height, pending_match}`: the book now, `height` being the last block's. */
function depth(market: SimulatedMarket, query: Query): unknown {
  const symbol = symbolOf(market, query)
  const limit = integer(query, 'limit', DEFAULT_DEPTH_LIMIT)
  if (!(DEPTH_LIMITS as readonly number[]).includes(limit)) {
    throw new RestError(400, `limit must be one of ${DEPTH_LIMITS.join(', ')}`)
  }
  const { bids, asks, lastUpdateId } = market.depth(symbol, limit)
  return { asks, bids, height: lastUpdateId, pending_match: false }
}

/** Rows `[openTime, open, high, low, close, volume, closeTime, quoteVolume, trades]`, oldest first. */
function klines(market: SimulatedMarket, query: Query): unknown {
  const symbol = symbolOf(market, query)
  const interval = query.get('interval')
  if (interval === null) throw new RestError(400, 'interval is required')
  if (!(KLINE_INTERVALS as readonly string[]).includes(interval)) {
    throw new RestError(400, `interval must be one of ${KLINE_INTERVALS.join(', ')}`)
  }
  const limit = integer(query, 'limit', KLINE_LIMIT.default)
  if (limit < 1 || limit > KLINE_LIMIT.max) throw new RestError(400, `limit must be 1 to ${KLINE_LIMIT.max}`)
  const start = integer(query, 'startTime', 0)
  const end = integer(query, 'endTime', Number.MAX_SAFE_INTEGER)
  const candles = market
    .candles(symbol, interval as KlineInterval, KLINE_LIMIT.max)
    .filter((k) => k.t >= start && k.t <= end)
    .slice(-limit)
  return candles.map((k) => [k.t, k.o, k.h, k.l, k.c, k.v, k.T, k.q, k.n])
}

function symbolOf(market: SimulatedMarket, query: Query): string {
  const symbol = query.get('symbol')
  if (symbol === null || symbol === '') throw new RestError(400, 'symbol is required')
  const upper = symbol.toUpperCase()
  if (!market.symbols.includes(upper)) {
    throw new RestError(400, `unknown symbol ${JSON.stringify(symbol.slice(0, 40))}`)
  }
  return upper
}

function integer(query: Query, name: string, fallback: number): number {
  const text = query.get(name)
  if (text === null) return fallback
  if (!/^\d{1,16}$/.test(text)) throw new RestError(400, `${name} must be a whole number`)
  return Number(text)
}
