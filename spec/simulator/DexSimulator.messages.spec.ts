import { firstValueFrom, take, toArray } from 'rxjs'
import { addressFromBytes } from '../../src/internal/bech32'
import { sendAndWait, type TestClient } from './testClient'
import { TRANSPORTS, useSim } from './transports'

const alice = addressFromBytes('tbnb', Array.from({ length: 20 }, () => 11))
const bob = addressFromBytes('bnb', Array.from({ length: 20 }, () => 22))
describe.each(TRANSPORTS)('$name: control messages', (transport) => {
  const use = useSim(transport, { market: false })
  let client: TestClient

  beforeEach(async () => {
    client = await transport.connect(use.sim, `${use.sim.url}ws`)
  })

  const subscriptions = (): readonly string[] => use.sim.connections()[0].subscriptions

  it('subscribes, appends symbols with a second subscribe, unsubscribes symbols then topics', async () => {
    await sendAndWait(use.sim, client, { method: 'subscribe', topic: 'trades', symbols: ['A_B'] })
    await sendAndWait(use.sim, client, { method: 'subscribe', topic: 'trades', symbols: ['C_D'] })
    await sendAndWait(use.sim, client, { method: 'subscribe', topic: 'blockheight', symbols: ['$all'] })
    expect(subscriptions()).toEqual(['trades:A_B', 'trades:C_D', 'blockheight:$all'])
    await sendAndWait(use.sim, client, { method: 'unsubscribe', topic: 'trades', symbols: ['A_B'] })
    expect(subscriptions()).toEqual(['trades:C_D', 'blockheight:$all'])
    await sendAndWait(use.sim, client, { method: 'unsubscribe', topic: 'trades' })
    expect(subscriptions()).toEqual(['blockheight:$all'])
  })

  it('matches keys, method, topic and symbols in any case, and stores symbols upper-case', async () => {
    await sendAndWait(use.sim, client, { Method: 'Subscribe', Topic: 'MARKETDIFF', Symbols: ['bnb_btcb-1de'] })
    expect(subscriptions()).toEqual(['marketDiff:BNB_BTCB-1DE'])
    await sendAndWait(use.sim, client, { METHOD: 'unsubscribe', topic: 'marketDiff', symbols: ['Bnb_Btcb-1de'] })
    expect(subscriptions()).toEqual([])
  })

  it('accepts the legacy userAddress key, and address wins when both are sent', async () => {
    await sendAndWait(use.sim, client, { method: 'subscribe', topic: 'orders', userAddress: alice })
    expect(use.sim.connections()[0]).toMatchObject({ address: alice, subscriptions: [`orders:${alice}`] })
    const both = { method: 'subscribe', topic: 'accounts', userAddress: alice, address: bob }
    await sendAndWait(use.sim, client, both)
    expect(use.sim.connections()[0]).toMatchObject({ address: bob, subscriptions: [`accounts:${bob}`] })
  })

  it('keeps one address per connection: a new address drops the old one, market topics stay', async () => {
    await sendAndWait(use.sim, client, { method: 'subscribe', topic: 'trades', symbols: ['A_B'] })
    await sendAndWait(use.sim, client, { method: 'subscribe', topic: 'orders', address: alice })
    await sendAndWait(use.sim, client, { method: 'subscribe', topic: 'transfers', address: alice })
    await sendAndWait(use.sim, client, { method: 'subscribe', topic: 'accounts', address: bob })
    expect(subscriptions()).toEqual(['trades:A_B', `accounts:${bob}`])
    expect(use.sim.publishToAddress(alice, 'orders', [{ s: 'A_B' }])).toBe(0)
    expect(use.sim.publishToAddress(bob, 'accounts', { E: 1 })).toBe(1)
    expect(await client.nextFrame()).toEqual({ stream: 'accounts', data: { E: 1 } })
  })

  it('accepts JSON in binary frames', async () => {
    const text = JSON.stringify({ method: 'subscribe', topic: 'ticker', symbols: ['A_B'] })
    const handled = firstValueFrom(use.sim.messages$)
    client.send(text, { binary: true })
    expect(await handled).toEqual({
      connectionId: 1,
      text,
      json: { method: 'subscribe', topic: 'ticker', symbols: ['A_B'] },
    })
    expect(subscriptions()).toEqual(['ticker:A_B'])
  })

  it.each([
    ['{not json', 'Invalid JSON'],
    [{ method: 'getSubscriptions' }, 'Unknown method "getSubscriptions"'],
    [{ method: 'subscribe', symbols: ['A_B'] }, 'Missing topic'],
    [{ method: 'subscribe', topic: 'candles', symbols: ['A_B'] }, 'Unknown topic "candles"'],
    [{ method: 'subscribe', topic: 'trades', symbols: ['AB'] }, 'Invalid symbol "AB"'],
    [{ method: 'subscribe', topic: 'orders', address: 'tbnb1abc' }, 'Invalid address "tbnb1abc"'],
  ])('answers %j with an error frame and stays open', async (message, text) => {
    await sendAndWait(use.sim, client, message)
    expect(await client.nextFrame()).toEqual({ error: { error: expect.stringContaining(text) } })
    // Still open and still listening.
    await sendAndWait(use.sim, client, { method: 'subscribe', topic: 'trades', symbols: ['A_B'] })
    expect(subscriptions()).toEqual(['trades:A_B'])
    expect(client.isOpen).toBe(true)
  })

  it('reports raw text without json when a message is not JSON', async () => {
    const handled = firstValueFrom(use.sim.messages$)
    client.send('hello')
    expect(await handled).toEqual({ connectionId: 1, text: 'hello' })
  })

  it('closes the connection on {"method":"close"} and reports both events', async () => {
    const events = firstValueFrom(use.sim.connections$.pipe(take(2), toArray()))
    const second = await transport.connect(use.sim, `${use.sim.url}ws`)
    second.send({ method: 'close' })
    expect(await second.closed).toEqual({ code: 1000, reason: 'close requested' })
    expect(await events).toEqual([
      { type: 'open', connectionId: 2, path: '/api/ws' },
      { type: 'close', connectionId: 2, code: 1000, reason: 'close requested' },
    ])
    expect(use.sim.connections().map((c) => c.id)).toEqual([1])
  })
})
