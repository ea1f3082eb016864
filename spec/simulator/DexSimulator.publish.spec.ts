import { addressFromBytes } from '../../src/internal/bech32'
import { DexInputError } from '../../src/errors'
import { type TestClient } from './testClient'
import { TRANSPORTS, useSim } from './transports'

const alice = addressFromBytes('tbnb', Array.from({ length: 20 }, () => 5))
const bob = addressFromBytes('tbnb', Array.from({ length: 20 }, () => 6))
describe.each(TRANSPORTS)('$name: publish', (transport) => {
  const use = useSim(transport, { market: false })


  const connect = (path: string): Promise<TestClient> => use.connect(path)

  /** A frame every test connection follows; arriving first proves nothing was sent before it. */
  const marker = { h: -1 }
  const withMarker = (path: string): string => `stream?streams=$all@blockheight/${path}`
  async function expectNextIsMarker(...clients: TestClient[]): Promise<void> {
    use.sim.publish('blockheight', marker)
    for (const client of clients) {
      expect(await client.nextFrame()).toEqual({ stream: 'blockheight', data: marker })
    }
  }

  it('cuts array data down to each connection’s symbols', async () => {
    const ab = await connect(withMarker('A_B@trades'))
    const cd = await connect(withMarker('c_d@trades'))
    const both = await connect(withMarker('A_B@trades/C_D@trades'))
    const data = [{ s: 'A_B', t: '1' }, { s: 'C_D', t: '2' }, { s: 'E_F', t: '3' }]
    expect(use.sim.publish('trades', data)).toBe(3)
    expect(await ab.nextFrame()).toEqual({ stream: 'trades', data: [data[0]] })
    expect(await cd.nextFrame()).toEqual({ stream: 'trades', data: [data[1]] })
    expect(await both.nextFrame()).toEqual({ stream: 'trades', data: [data[0], data[1]] })
  })

  it('sends nothing to connections that follow other symbols or other topics', async () => {
    const client = await connect(withMarker('A_B@trades/A_B@ticker'))
    expect(use.sim.publish('trades', [{ s: 'X_Y' }])).toBe(0)
    expect(use.sim.publish('ticker', { s: 'X_Y' })).toBe(0)
    expect(use.sim.publish('marketDiff', { s: 'A_B' })).toBe(0)
    await expectNextIsMarker(client)
  })

  it('routes object data by its symbol, a kline by k.s', async () => {
    const client = await connect(withMarker('A_B@kline_5m'))
    expect(use.sim.publish('kline_5m', { e: 'kline', k: { s: 'X_Y' } })).toBe(0)
    expect(use.sim.publish('kline_5m', { e: 'kline', k: { s: 'a_b' } })).toBe(1)
    expect(await client.nextFrame()).toEqual({ stream: 'kline_5m', data: { e: 'kline', k: { s: 'a_b' } } })
  })

  it('sends $all topics whole to all their subscribers', async () => {
    const one = await connect('ws/$all@allTickers')
    const two = await connect('ws/$all@allTickers')
    await connect('ws/A_B@ticker')
    const data = [{ s: 'A_B' }, { s: 'C_D' }]
    expect(use.sim.publish('allTickers', data)).toBe(2)
    expect(await one.nextFrame()).toEqual({ stream: 'allTickers', data })
    expect(await two.nextFrame()).toEqual({ stream: 'allTickers', data })
  })

  it('publishToAddress reaches only that address, publish reaches every follower', async () => {
    const a = await connect(withMarker(alice))
    const b = await connect(withMarker(bob))
    expect(use.sim.publishToAddress(alice.toUpperCase(), 'transfers', { f: alice })).toBe(1)
    expect(await a.nextFrame()).toEqual({ stream: 'transfers', data: { f: alice } })
    await expectNextIsMarker(a, b)
    expect(use.sim.publish('accounts', { E: 3 })).toBe(2)
    expect(await a.nextFrame()).toEqual({ stream: 'accounts', data: { E: 3 } })
    expect(await b.nextFrame()).toEqual({ stream: 'accounts', data: { E: 3 } })
  })

  it('writes bigint values as bare integers, beyond 2^53', async () => {
    const client = await connect('ws/A_B@trades')
    use.sim.publish('trades', [{ s: 'A_B', T: 1554890366040313451n }])
    const event = await client.next()
    const text = '{"stream":"trades","data":[{"s":"A_B","T":1554890366040313451}]}'
    expect(event.kind === 'frame' && event.text).toBe(text)
  })

  it('hasSubscribers tells whether anyone follows a topic, symbol or address', async () => {
    expect(use.sim.hasSubscribers('trades')).toBe(false)
    await connect(`stream?streams=a_b@trades/$all@blockheight/${alice}`)
    expect(use.sim.hasSubscribers('trades')).toBe(true)
    expect(use.sim.hasSubscribers('trades', 'A_B')).toBe(true)
    expect(use.sim.hasSubscribers('trades', 'a_b')).toBe(true)
    expect(use.sim.hasSubscribers('trades', 'C_D')).toBe(false)
    expect(use.sim.hasSubscribers('blockheight', '$all')).toBe(true)
    expect(use.sim.hasSubscribers('orders', alice)).toBe(true)
    expect(use.sim.hasSubscribers('orders', bob)).toBe(false)
    expect(use.sim.hasSubscribers('ticker')).toBe(false)
    expect(use.sim.hasSubscribers('candles')).toBe(false)
  })

  it('throws DexInputError for a stream the server does not have', () => {
    expect(() => use.sim.publish('candles', {})).toThrow(DexInputError)
    const notUser = (): number => use.sim.publishToAddress(alice, 'trades' as 'orders', {})
    expect(notUser).toThrow('"trades" is not a user topic')
  })
})
