import { DexInputError } from '../../src/errors'
import { addressFromBytes } from '../../src/internal/bech32'
import { DexSimulator } from '../../src/simulator'
import { startInProcess, type InProcessWebSocketConstructor } from '../../src/simulator/inProcess'
import { type TestClient } from './testClient'
import { TRANSPORTS, useSim } from './transports'

const address = addressFromBytes('tbnb', Array.from({ length: 20 }, (_, i) => i * 3))

describe.each(TRANSPORTS)('$name: URL forms', (transport) => {
  const use = useSim(transport, { market: false })


  const connect = (path: string): Promise<TestClient> => use.connect(path)

  it('/api/ws opens with no subscriptions', async () => {
    await connect('ws')
    expect(use.sim.connections()).toEqual([
      expect.objectContaining({ id: 1, path: '/api/ws', subscriptions: [], keepAlives: 0, frozen: false }),
    ])
  })

  it('/api/ws/<stream> subscribes to that stream, the symbol matched without regard to case', async () => {
    const client = await connect('ws/bnb_btcb-1de@trades')
    expect(use.sim.connections()[0].subscriptions).toEqual(['trades:BNB_BTCB-1DE'])
    expect(use.sim.publish('trades', [{ s: 'BNB_BTCB-1DE', t: '1-0' }])).toBe(1)
    expect(await client.nextFrame()).toEqual({ stream: 'trades', data: [{ s: 'BNB_BTCB-1DE', t: '1-0' }] })
  })

  it('/api/ws/$all@blockheight subscribes to the block height', async () => {
    const client = await connect('ws/$all@blockheight')
    expect(use.sim.publish('blockheight', { h: 42 })).toBe(1)
    expect(await client.nextFrame()).toEqual({ stream: 'blockheight', data: { h: 42 } })
  })

  it('/api/ws/<address> follows the address’s orders, accounts and transfers, ignoring apikey', async () => {
    const client = await connect(`ws/${address}?apikey=abc`)
    expect(use.sim.connections()[0]).toMatchObject({
      path: `/api/ws/${address}?apikey=abc`,
      address,
      subscriptions: [`accounts:${address}`, `orders:${address}`, `transfers:${address}`],
    })
    use.sim.publishToAddress(address, 'accounts', { e: 'outboundAccountInfo', E: 1, B: [] })
    use.sim.publishToAddress(address, 'orders', [{ e: 'executionReport', s: 'A_B' }])
    const accounts = { e: 'outboundAccountInfo', E: 1, B: [] }
    expect(await client.nextFrame()).toEqual({ stream: 'accounts', data: accounts })
    expect(await client.nextFrame()).toEqual({ stream: 'orders', data: [{ e: 'executionReport', s: 'A_B' }] })
  })

  it('/api/stream?streams=a/b/c subscribes to every stream named', async () => {
    const streams = 'A_B@marketDepth/C_D@kline_1h/$all@allTickers'
    const client = await connect(`stream?streams=${streams}`)
    expect(use.sim.connections()[0].subscriptions).toEqual(['marketDepth:A_B', 'kline_1h:C_D', 'allTickers:$all'])
    const kline = { e: 'kline', s: 'C_D', k: { s: 'C_D' } }
    use.sim.publish('kline_1h', kline)
    expect(await client.nextFrame()).toEqual({ stream: 'kline_1h', data: kline })
  })

  it.each(['', 'v1/depth', 'ws/NOPE@trades', 'ws/A_B@candles', 'stream', 'ws/tbnb1xyz'])(
    'refuses a connection to /api/%s with HTTP 404',
    async (path) => {
      expect(await transport.refusal(use.sim, `${use.sim.url}${path}`)).toBe(404)
      expect(use.sim.connections()).toEqual([])
    },
  )
})

describe('DexSimulator address and options', () => {
  it('listens on loopback and reports the API base', async () => {
    const sim = await DexSimulator.start({ market: false })
    expect(sim.url).toBe(`ws://127.0.0.1:${sim.port}/api/`)
    expect(sim.port).toBeGreaterThan(0)
    await sim.stop()
  })

  it('throws a clear error when url is read before start', () => {
    expect(() => new DexSimulator({ market: false }).url).toThrow('await start() first')
  })

  it('rejects options that are out of range, naming them', () => {
    expect(() => new DexSimulator({ market: false, pingIntervalMs: 0 })).toThrow(DexInputError)
    const forever = { market: false, keepAliveExpiryMs: Infinity } as const
    expect(() => new DexSimulator(forever)).toThrow('keepAliveExpiryMs')
    expect(() => new DexSimulator({ market: false, port: 70_000 })).toThrow('port')
  })
})

describe('in-process simulator address and options', () => {
  it('gives each simulator its own host, which no real socket can resolve', async () => {
    const one = startInProcess({ market: false })
    const two = startInProcess({ market: false })
    expect(one.url).toMatch(/^ws:\/\/in-process-\d+\.invalid\/api\/$/)
    expect(two.url).not.toBe(one.url)
    // One simulator's class cannot reach the other's URL.
    await expect(openSocket(one.WebSocket, `${two.url}ws`)).rejects.toThrow(`no in-process simulator at`)
    await Promise.all([one.stop(), two.stop()])
  })

  it('rejects options that are out of range, naming them', () => {
    expect(() => startInProcess({ market: false, pingIntervalMs: 0 })).toThrow(DexInputError)
    expect(() => startInProcess({ market: false, noSubscriptionTimeoutMs: -1 })).toThrow('noSubscriptionTimeoutMs')
    expect(() => startInProcess({ market: { traders: 1 } })).toThrow(DexInputError)
  })
})

function openSocket(Ctor: InProcessWebSocketConstructor, url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = new Ctor(url)
    socket.onopen = () => resolve(socket)
    socket.onerror = (e: { message: string }) => reject(new Error(e.message))
  })
}
