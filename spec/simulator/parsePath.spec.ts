import { addressFromBytes } from '../../src/internal/bech32'
import { parsePath } from '../../src/simulator/parsePath'
import { subscriptionName } from '../../src/simulator/Subscription'

const address = addressFromBytes('tbnb', Array.from({ length: 20 }, (_, i) => i))

/** The subscriptions a path asks for, as `topic:key` names, or 404. */
const names = (url: string): string[] | 404 => parsePath(url)?.subscriptions.map(subscriptionName) ?? 404

describe('parsePath', () => {
  it('reads /api/ws, with or without a trailing slash, as an empty connection', () => {
    expect(names('/api/ws')).toEqual([])
    expect(names('/api/ws/')).toEqual([])
  })

  it('reads a single stream and upper-cases its symbol', () => {
    expect(names('/api/ws/BNB_BTCB-1DE@trades')).toEqual(['trades:BNB_BTCB-1DE'])
    expect(names('/api/ws/bnb_btcb-1de@marketDepth100')).toEqual(['marketDepth100:BNB_BTCB-1DE'])
    expect(names('/api/ws/100K-9BC_BNB@kline_1M')).toEqual(['kline_1M:100K-9BC_BNB'])
  })

  it('reads the $all streams, also percent-encoded', () => {
    expect(names('/api/ws/$all@blockheight')).toEqual(['blockheight:$all'])
    expect(names('/api/ws/%24all@allTickers')).toEqual(['allTickers:$all'])
  })

  it('reads an address as its three user topics', () => {
    const all = [`accounts:${address}`, `orders:${address}`, `transfers:${address}`]
    expect(names(`/api/ws/${address}`)).toEqual(all)
    expect(names(`/api/ws/${address.toUpperCase()}`)).toEqual(names(`/api/ws/${address}`))
  })

  it('ignores the apikey query parameter', () => {
    expect(names(`/api/ws/${address}?apikey=secret`)).toEqual(names(`/api/ws/${address}`))
    expect(names('/api/ws?apikey=secret')).toEqual([])
  })

  it('reads /api/stream?streams=a/b/c, tolerating a trailing slash', () => {
    expect(names('/api/stream?streams=BNB_BTC@marketDepth/$all@blockheight/')).toEqual([
      'marketDepth:BNB_BTC',
      'blockheight:$all',
    ])
  })

  it.each([
    '/',
    '/api',
    '/api/',
    '/ws',
    '/api/v1/depth',
    '/api/stream',
    '/api/stream?streams=',
    '/api/stream?streams=BNB_BTC@nope',
    '/api/ws/BNB_BTC@nope',
    '/api/ws/BNB@trades',
    '/api/ws/$all@trades',
    '/api/ws/BNB_BTC@allTickers',
    '/api/ws/BNB_BTC@kline_2m',
    `/api/ws/${address}@orders`,
    '/api/ws/tbnb1notanaddress',
    '/api/ws/a/b',
    '/api/ws/%E0%A4%A',
  ])('refuses %s', (url) => {
    expect(names(url)).toBe(404)
  })
})
