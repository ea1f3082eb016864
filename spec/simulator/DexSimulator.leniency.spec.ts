import { parseClientMessage } from '../../src/simulator/parseClientMessage'
import { sendAndWait, type TestClient } from './testClient'
import { TRANSPORTS, useSim } from './transports'

// Where the real server (a Go service) was lenient, the simulator is too: encoding/json decodes a null or
// missing `symbols` into an empty list, which meant the whole topic. Both simulators share the parser.
describe.each(TRANSPORTS)('$name: lenient unsubscribe', (transport) => {
  const use = useSim(transport, { market: false })
  let client: TestClient

  beforeEach(async () => {
    client = await transport.connect(use.sim, `${use.sim.url}ws`)
    await sendAndWait(use.sim, client, { method: 'subscribe', topic: 'ticker', symbols: ['A_B', 'C_D'] })
    await sendAndWait(use.sim, client, { method: 'subscribe', topic: 'trades', symbols: ['A_B', 'C_D'] })
    await sendAndWait(use.sim, client, { method: 'subscribe', topic: 'allTickers', symbols: ['$all'] })
  })

  const subscriptions = (): readonly string[] => use.sim.connections()[0].subscriptions

  /** The next frame the client gets is the one published now: no error frame came before it. */
  async function expectNoErrorFrame(): Promise<void> {
    use.sim.publish('allTickers', [{ s: 'A_B' }])
    expect(await client.nextFrame()).toEqual({ stream: 'allTickers', data: [{ s: 'A_B' }] })
  }

  it.each([
    ['"symbols": null (python-binance-chain unsubscribe_ticker(None))', { symbols: null }],
    ['no symbols', {}],
    ['an empty symbols list', { symbols: [] }],
  ])('%s unsubscribes the whole topic without an error frame', async (_name, extra) => {
    await sendAndWait(use.sim, client, { method: 'unsubscribe', topic: 'ticker', ...extra })
    expect(subscriptions()).toEqual(['trades:A_B', 'trades:C_D', 'allTickers:$all'])
    await expectNoErrorFrame()
  })

  it('an unsubscribe with symbols but no topic removes those symbols from every topic', async () => {
    await sendAndWait(use.sim, client, { method: 'unsubscribe', symbols: ['a_b'] })
    expect(subscriptions()).toEqual(['ticker:C_D', 'trades:C_D', 'allTickers:$all'])
    await expectNoErrorFrame()
    await sendAndWait(use.sim, client, { method: 'unsubscribe', symbols: ['$all'] })
    expect(subscriptions()).toEqual(['ticker:C_D', 'trades:C_D'])
  })

  it('answers an unsubscribe with neither topic nor symbols with an error frame', async () => {
    await sendAndWait(use.sim, client, { method: 'unsubscribe', symbols: null })
    expect(await client.nextFrame()).toEqual({ error: { error: 'Missing topic' } })
    expect(subscriptions()).toEqual([
      'ticker:A_B',
      'ticker:C_D',
      'trades:A_B',
      'trades:C_D',
      'allTickers:$all',
    ])
  })

  it('leaves user topics alone when unsubscribing symbols without a topic', async () => {
    const address = 'tbnb1r4gc5ftrkr9ez2khph4h5xxd0mf0hd75jf06gw'
    await sendAndWait(use.sim, client, { method: 'subscribe', topic: 'orders', address })
    await sendAndWait(use.sim, client, { method: 'unsubscribe', symbols: ['A_B', 'C_D'] })
    expect(subscriptions()).toEqual(['allTickers:$all', `orders:${address}`])
  })
})

it('still answers an unsubscribe with neither topic nor symbols, or with bad symbols, with an error', () => {
  expect(parseClientMessage({ method: 'unsubscribe' })).toEqual({ error: 'Missing topic' })
  expect(parseClientMessage({ method: 'unsubscribe', symbols: null })).toEqual({ error: 'Missing topic' })
  expect(parseClientMessage({ method: 'unsubscribe', symbols: [7] })).toHaveProperty('error')
  expect(parseClientMessage({ method: 'unsubscribe', symbols: 'A_B' })).toHaveProperty('error')
  expect(parseClientMessage({ method: 'unsubscribe', symbols: ['a_b'] })).toEqual({
    command: { method: 'unsubscribe', keys: ['A_B'] },
  })
})
