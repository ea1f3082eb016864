import { addressFromBytes } from '../../src/internal/bech32'
import { parseClientMessage } from '../../src/simulator/parseClientMessage'

const address = addressFromBytes('bnb', Array.from({ length: 20 }, (_, i) => 200 - i))
const sub = (topic: string, kind: string, key: string) => ({ topic, kind, key })

describe('parseClientMessage', () => {
  it('reads a market subscribe and upper-cases the symbols', () => {
    const message = { method: 'subscribe', topic: 'trades', symbols: ['bnb_btcb-1de', 'X_Y'] }
    expect(parseClientMessage(message)).toEqual({
      command: {
        method: 'subscribe',
        subscriptions: [sub('trades', 'market', 'BNB_BTCB-1DE'), sub('trades', 'market', 'X_Y')],
      },
    })
  })

  it('matches keys, methods and topic names without regard to case, but keeps kline intervals exact', () => {
    expect(parseClientMessage({ Method: 'SUBSCRIBE', Topic: 'marketdepth', Symbols: ['A_B'] })).toEqual({
      command: { method: 'subscribe', subscriptions: [sub('marketDepth', 'market', 'A_B')] },
    })
    expect(parseClientMessage({ Method: 'keepAlive' })).toEqual({ command: { method: 'keepAlive' } })
    expect(parseClientMessage({ method: 'subscribe', topic: 'KLINE_1M', symbols: ['A_B'] })).toEqual({
      command: { method: 'subscribe', subscriptions: [sub('kline_1M', 'market', 'A_B')] },
    })
  })

  it('takes the address from address, or from the legacy userAddress, preferring address', () => {
    const other = addressFromBytes('bnb', Array.from({ length: 20 }, () => 7))
    const expected = { command: { method: 'subscribe', subscriptions: [sub('orders', 'user', address)] } }
    const orders = { method: 'subscribe', topic: 'orders' }
    expect(parseClientMessage({ ...orders, address })).toEqual(expected)
    expect(parseClientMessage({ ...orders, userAddress: address })).toEqual(expected)
    expect(parseClientMessage({ ...orders, userAddress: other, address })).toEqual(expected)
  })

  it('subscribes the all-market topics with $all, given or left out', () => {
    const expected = { command: { method: 'subscribe', subscriptions: [sub('allTickers', 'all', '$all')] } }
    const message = { method: 'subscribe', topic: 'allTickers' }
    expect(parseClientMessage({ ...message, symbols: ['$all'] })).toEqual(expected)
    expect(parseClientMessage(message)).toEqual(expected)
  })

  it('reads unsubscribe with and without symbols', () => {
    expect(parseClientMessage({ method: 'unsubscribe', topic: 'orders', address })).toEqual({
      command: { method: 'unsubscribe', topic: 'orders' },
    })
    expect(parseClientMessage({ method: 'unsubscribe', topic: 'blockheight', symbols: ['$all'] })).toEqual({
      command: { method: 'unsubscribe', topic: 'blockheight' },
    })
    expect(parseClientMessage({ method: 'unsubscribe', topic: 'ticker', symbols: ['a_b'] })).toEqual({
      command: { method: 'unsubscribe', topic: 'ticker', keys: ['A_B'] },
    })
  })

  it.each([
    [[], 'A message must be a JSON object'],
    [{}, 'Missing method'],
    [{ method: 'list' }, 'Unknown method "list"'],
    [{ method: 'subscribe' }, 'Missing topic'],
    [{ method: 'subscribe', topic: 'candles', symbols: ['A_B'] }, 'Unknown topic "candles"'],
    [{ method: 'subscribe', topic: 'kline_2m', symbols: ['A_B'] }, 'Unknown topic "kline_2m"'],
    [{ method: 'subscribe', topic: 'trades' }, 'Topic "trades" needs symbols'],
    [{ method: 'subscribe', topic: 'trades', symbols: 'A_B' }, 'symbols must be a non-empty array'],
    [{ method: 'subscribe', topic: 'trades', symbols: ['A_B', 'nope'] }, 'Invalid symbol "nope"'],
    [{ method: 'subscribe', topic: 'trades', symbols: ['$all'] }, 'Invalid symbol "$all"'],
    [{ method: 'subscribe', topic: 'blockheight', symbols: ['A_B'] }, 'takes the symbol "$all"'],
    [{ method: 'subscribe', topic: 'orders' }, 'Topic "orders" needs an address'],
    [{ method: 'subscribe', topic: 'orders', address: 'bnb1qqqqqqqqqq' }, 'Invalid address "bnb1qqqqqqqqqq"'],
  ])('answers %j with an error naming the problem', (message, text) => {
    const result = parseClientMessage(message)
    expect(result).toEqual({ error: expect.stringContaining(text) })
  })
})
