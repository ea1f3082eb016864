import { addressFromBytes } from '../../src/internal/bech32'
import { routeData } from '../../src/simulator/routeData'
import type { Subscription } from '../../src/simulator/Subscription'
import { SubscriptionSet } from '../../src/simulator/SubscriptionSet'
import { resolveTopic } from '../../src/simulator/resolveTopic'

const alice = addressFromBytes('tbnb', Array.from({ length: 20 }, () => 1))
const bob = addressFromBytes('tbnb', Array.from({ length: 20 }, () => 2))
const market = (topic: string, key: string): Subscription => ({ topic, kind: 'market', key })
const user = (topic: string, key: string): Subscription => ({ topic, kind: 'user', key })

describe('SubscriptionSet', () => {
  it('appends keys to a topic and ignores duplicates', () => {
    const set = new SubscriptionSet()
    set.add([market('trades', 'A_B')])
    set.add([market('trades', 'C_D'), market('trades', 'A_B')])
    expect(set.list()).toEqual(['trades:A_B', 'trades:C_D'])
  })

  it('removes keys, and the topic with its last key or when no keys are given', () => {
    const set = new SubscriptionSet()
    set.add([market('trades', 'A_B'), market('trades', 'C_D'), market('ticker', 'A_B')])
    set.remove('trades', ['A_B'])
    expect(set.list()).toEqual(['trades:C_D', 'ticker:A_B'])
    set.remove('trades', ['C_D'])
    set.remove('ticker')
    expect(set.isEmpty).toBe(true)
  })

  it('keeps one address: a user topic for a new address drops the old address', () => {
    const set = new SubscriptionSet()
    set.add([user('orders', alice), user('accounts', alice), market('trades', 'A_B')])
    expect(set.address).toBe(alice)
    set.add([user('transfers', bob)])
    expect(set.address).toBe(bob)
    expect(set.list()).toEqual(['trades:A_B', `transfers:${bob}`])
    set.remove('transfers')
    expect(set.address).toBeUndefined()
  })
})

describe('routeData', () => {
  const trades = resolveTopic('trades')!
  const set = new SubscriptionSet()
  set.add([market('trades', 'A_B'), market('ticker', 'A_B')])

  it('cuts an array down to the subscribed symbols, matching them without regard to case', () => {
    const data = [{ s: 'a_b', t: '1' }, { s: 'C_D', t: '2' }, { s: 'A_B', t: '3' }]
    expect(routeData(set, trades, data)).toEqual([data[0], data[2]])
    expect(routeData(set, trades, [{ s: 'C_D' }])).toBeUndefined()
  })

  it('routes an object by s, symbol or k.s, and sends what names no symbol to every subscriber', () => {
    const ticker = resolveTopic('ticker')!
    expect(routeData(set, ticker, { s: 'A_B' })).toEqual({ s: 'A_B' })
    expect(routeData(set, ticker, { symbol: 'C_D' })).toBeUndefined()
    expect(routeData(set, ticker, { k: { s: 'A_B' } })).toEqual({ k: { s: 'A_B' } })
    expect(routeData(set, ticker, { odd: true })).toEqual({ odd: true })
  })

  it('sends nothing for a topic the connection does not follow', () => {
    expect(routeData(set, resolveTopic('marketDiff')!, { s: 'A_B' })).toBeUndefined()
  })
})
