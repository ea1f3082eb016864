import { request } from 'node:http'
import { firstValueFrom } from 'rxjs'
import { DexSocket, type OrderBook } from '../../src'
import { DexSimulator } from '../../src/simulator'
import { parseTape } from '../../src/simulator/tape/parseTape'

const SYMBOL = 'BNB_BTCB-1DE'
let sim: DexSimulator | undefined
afterEach(async () => {
  await sim?.stop()
  sim = undefined
})

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  json: any
}

/** A plain HTTP request to the simulator's port, as a REST client makes it. */
function http(path: string, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: sim!.port, path, method }, (res) => {
      let body = ''
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json: body && JSON.parse(body) }),
      )
    })
    req.on('error', reject)
    req.end()
  })
}

describe('REST subset', () => {
  it('GET /api/v1/depth equals the book the streams build at the same height', async () => {
    sim = await DexSimulator.start({ market: { seed: 11, blockIntervalMs: 40 } })
    const dex = new DexSocket({ url: sim.url })
    const books = new Map<number, OrderBook>()
    let wake: (() => void) | undefined
    const until = async (done: () => boolean): Promise<void> => {
      while (!done()) await new Promise<void>((resolve) => (wake = resolve))
    }
    // A block's diff may come before its snapshot: the first book of a height is the book at that height.
    const sub = dex.orderBook(SYMBOL).subscribe((book) => {
      if (!books.has(book.lastUpdateId)) books.set(book.lastUpdateId, book)
      wake?.()
    })
    try {
      await until(() => books.size > 0)
      for (let round = 0; round < 3; round++) {
        const { status, json } = await http(`/api/v1/depth?symbol=${SYMBOL}&limit=20`)
        expect(status).toBe(200)
        expect(Object.keys(json).sort()).toEqual(['asks', 'bids', 'height', 'pending_match'])
        // Every frame of block `height` has arrived once a book of a later block has.
        await until(() => books.has(json.height + 1))
        const book = books.get(json.height)!
        expect(book.inSync).toBe(true)
        expect(json.bids).toEqual(book.bids.slice(0, 20))
        expect(json.asks).toEqual(book.asks.slice(0, 20))
        expect(json.bids).toHaveLength(20)
      }
      expect((await http(`/api/v1/depth?symbol=${SYMBOL}&limit=5`)).json.asks).toHaveLength(5)
    } finally {
      sub.unsubscribe()
      dex.close()
    }
  })

  it('GET /api/v1/klines has history after a warm-up, consistent with the kline stream', async () => {
    sim = await DexSimulator.start({ market: { seed: 5 }, warmUpMs: 10 * 60_000 })
    const { status, json } = await http(`/api/v1/klines?symbol=${SYMBOL.toLowerCase()}&interval=1m&limit=500`)
    expect(status).toBe(200)
    // Ten minutes of history: ten closed candles, then the current one (the first may be partial).
    expect(json.length).toBeGreaterThanOrEqual(10)
    expect(json.length).toBeLessThanOrEqual(12)
    for (const row of json) {
      expect(row).toEqual([
        expect.any(Number),
        expect.stringMatching(/^\d+\.\d{8}$/),
        expect.stringMatching(/^\d+\.\d{8}$/),
        expect.stringMatching(/^\d+\.\d{8}$/),
        expect.stringMatching(/^\d+\.\d{8}$/),
        expect.stringMatching(/^\d+\.\d{8}$/),
        row[0] + 59_999,
        expect.stringMatching(/^\d+\.\d{8}$/),
        expect.any(Number),
      ])
    }
    const opens = json.map((row: any[]) => row[0])
    expect(opens).toEqual(opens.map((_: number, i: number) => opens[0] + i * 60_000))
    expect(json.reduce((n: number, row: any[]) => n + row[8], 0)).toBeGreaterThan(100)
    // The stream's current candle is the history's last row.
    const dex = new DexSocket({ url: sim.url })
    try {
      const kline = await firstValueFrom(dex.klines(SYMBOL, '1m'))
      // A minute may turn between the frame and the request: the stream's candle is one of the last two rows.
      const rows = (await http(`/api/v1/klines?symbol=${SYMBOL}&interval=1m&limit=2`)).json as any[][]
      const same = rows.find((row) => row[0] === kline.openTime)
      expect(same).toBeDefined()
      expect(same![1]).toBe(kline.open)
    } finally {
      dex.close()
    }
    const limited = await http(`/api/v1/klines?symbol=${SYMBOL}&interval=1m&limit=3&endTime=${opens[5]}`)
    expect(limited.json.map((row: any[]) => row[0])).toEqual(opens.slice(3, 6))
  })

  it('GET /api/v1/markets lists the simulated pairs', async () => {
    sim = await DexSimulator.start({ market: { symbols: ['BNB_BTCB-1DE', 'FOO-1A2_BNB'] } })
    const { json } = await http('/api/v1/markets')
    expect(json).toEqual([
      {
        base_asset_symbol: 'BNB',
        quote_asset_symbol: 'BTCB-1DE',
        list_price: '0.00245000',
        tick_size: expect.any(String),
        lot_size: expect.any(String),
      },
      {
        base_asset_symbol: 'FOO-1A2',
        quote_asset_symbol: 'BNB',
        list_price: '1.00000000',
        tick_size: expect.any(String),
        lot_size: expect.any(String),
      },
    ])
  })

  it('answers bad requests and unknown paths with JSON errors, and allows other origins', async () => {
    sim = await DexSimulator.start({ market: { seed: 1 } })
    const cases: [string, number, RegExp, string?][] = [
      ['/api/v1/depth', 400, /symbol is required/],
      [`/api/v1/depth?symbol=NOPE_BNB`, 400, /unknown symbol/],
      [`/api/v1/depth?symbol=${SYMBOL}&limit=7`, 400, /limit must be one of 5, 10, 20, 50, 100, 500, 1000/],
      [`/api/v1/klines?symbol=${SYMBOL}`, 400, /interval is required/],
      [`/api/v1/klines?symbol=${SYMBOL}&interval=2m`, 400, /interval must be one of/],
      [`/api/v1/klines?symbol=${SYMBOL}&interval=1m&limit=1001`, 400, /limit must be 1 to 1000/],
      ['/api/v1/nothing', 404, /no such endpoint/],
      ['/', 404, /no such endpoint/],
      ['/api/ws', 426, /WebSocket/],
      ['/api/stream?streams=x', 426, /WebSocket/],
      [`/api/v1/depth?symbol=${SYMBOL}`, 405, /POST is not allowed/, 'POST'],
    ]
    for (const [path, status, message, method] of cases) {
      const answer = await http(path, method)
      expect([path, answer.status]).toEqual([path, status])
      expect(answer.json).toEqual({ code: status, message: expect.stringMatching(message) })
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8')
      expect(answer.headers['access-control-allow-origin']).toBe('*')
    }
  })

  it('has no market to answer from while replaying a tape', async () => {
    const tape = parseTape('{"tape":1,"start":"2019-04-10T00:00:00Z","url":"x","streams":[]}\n')
    sim = await DexSimulator.start({ replay: { tape } })
    expect(await http(`/api/v1/depth?symbol=${SYMBOL}`)).toMatchObject({ status: 503, json: { code: 503 } })
  })
})
