import { createServer } from 'node:net'
import { firstValueFrom } from 'rxjs'
import WebSocket from 'ws'
import { DexSocket } from '../../src/DexSocket'
import { DexConnectionError } from '../../src/errors'
import { retiredServiceHint } from '../../src/internal/retiredService'
import type { WebSocketConstructor } from '../../src/internal/types'

// A failed connection to a host of the public service (shut down in 2023) says so and what to do instead.

describe('retiredServiceHint', () => {
  it.each([
    'wss://dex.binance.org/api/ws',
    'wss://testnet-dex.binance.org/api/ws',
    'wss://dex-asiapacific.binance.org/api/ws',
    'wss://dex-european.binance.org/api/ws',
    'wss://DEX.Binance.org/api/ws',
  ])('explains %s', (url) => {
    const hint = retiredServiceHint(url)!
    expect(hint).toContain(`${new URL(url).hostname}: the public Binance DEX service was shut down in 2023`)
    expect(hint).toContain('npx binance-dex-rx simulate')
    expect(hint).toContain('`url` option')
    expect(hint).toContain('`--url`')
  })

  it.each([
    'ws://127.0.0.1:8090/api/ws',
    'wss://api.binance.com/ws',
    'wss://dex.binance.org.example.com/api/ws',
    'wss://mydex.example.org/api/ws',
    'not a url',
    '',
  ])('leaves %j alone', (url) => {
    expect(retiredServiceHint(url)).toBeUndefined()
  })
})

describe('DexSocket', () => {
  // The public host's name stays in the socket's URL; the injected WebSocket dials a local port that
  // refuses connections instead, so the test needs no network and is as quick as a refusal.
  let refusedPort: number

  beforeAll(async () => {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    refusedPort = (server.address() as { port: number }).port
    await new Promise((resolve) => server.close(resolve))
  })

  const refusedCtor = (): WebSocketConstructor =>
    class extends WebSocket {
      constructor(_url: string, protocols?: string | string[]) {
        super(`ws://127.0.0.1:${refusedPort}/api/ws`, protocols)
      }
    } as unknown as WebSocketConstructor

  async function failure(options: ConstructorParameters<typeof DexSocket>[0]): Promise<DexConnectionError> {
    const dex = new DexSocket({ ...options, reconnect: { initialDelayMs: 1, maxAttempts: 1 }, WebSocketCtor: refusedCtor() })
    try {
      return await firstValueFrom(dex.blockHeight()).then(
        () => Promise.reject(new Error('connected to a refused port')),
        (error: DexConnectionError) => error,
      )
    } finally {
      dex.close()
    }
  }

  it('says the default (mainnet) service was shut down, and how to run the simulator', async () => {
    const error = await failure({})
    expect(error).toBeInstanceOf(DexConnectionError)
    expect(error.message).toMatch(/^Connection "market" to wss:\/\/dex\.binance\.org\/api\/ws dropped: .*ECONNREFUSED/)
    expect(error.message).toContain('dex.binance.org: the public Binance DEX service was shut down in 2023')
    expect(error.message).toMatch(/; gave up after 1 reconnection attempt$/) // issue 20: one attempt, singular
  })

  it('says so for testnet too', async () => {
    const error = await failure({ network: 'testnet' })
    expect(error.message).toContain('testnet-dex.binance.org: the public Binance DEX service was shut down in 2023')
  })

  it('adds nothing for other servers', async () => {
    const error = await failure({ url: 'ws://127.0.0.1:8090/api/' })
    expect(error.message).toMatch(/ECONNREFUSED/)
    expect(error.message).not.toContain('2023')
  })
})
