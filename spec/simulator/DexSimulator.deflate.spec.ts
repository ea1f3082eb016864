import { firstValueFrom } from 'rxjs'
import WebSocket from 'ws'
import { DexSocket } from '../../src/DexSocket'
import { stringifyFrame } from '../../src/internal/parseFrame'
import { DexSimulator } from '../../src/simulator'
import { firstMatch } from './testClient'

const sockets: WebSocket[] = []
let sim: DexSimulator | undefined
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate()
  await sim?.stop()
  sim = undefined
})

/** A marketDepth1000-sized frame: the one the real servers would only send compressed. */
function bigDepth(levels: number) {
  const level = (i: number): [string, string] => [
    `0.${String(100000000 - i).padStart(8, '0')}`,
    '12.34500000',
  ]
  return {
    lastUpdateId: 7551469,
    symbol: 'BNB_BTCB-1DE',
    bids: Array.from({ length: levels }, (_, i) => level(i)),
    asks: Array.from({ length: levels }, (_, i) => level(levels + i)),
  }
}

async function rawClient(
  url: string,
  perMessageDeflate: boolean,
): Promise<{ ws: WebSocket; next: () => Promise<string> }> {
  const ws = new WebSocket(url, { perMessageDeflate })
  sockets.push(ws)
  const queue: string[] = []
  let wake: (() => void) | undefined
  ws.on('message', (data) => {
    queue.push(data.toString())
    wake?.()
  })
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))
  const next = async (): Promise<string> => {
    while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve))
    return queue.shift()!
  }
  return { ws, next }
}

describe('permessage-deflate', () => {
  it('is negotiated with a client that offers it, and frames arrive intact', async () => {
    sim = await DexSimulator.start({ market: false })
    const offering = await rawClient(`${sim.url}ws/BNB_BTCB-1DE@marketDepth1000`, true)
    const plain = await rawClient(`${sim.url}ws/BNB_BTCB-1DE@marketDepth1000`, false)
    expect(offering.ws.extensions).toContain('permessage-deflate')
    expect(plain.ws.extensions).toBe('')
    expect(sim.connections().map((c) => c.deflate)).toEqual([true, false])

    const data = bigDepth(1000)
    expect(sim.publish('marketDepth1000', data)).toBe(2)
    const expected = stringifyFrame({ stream: 'marketDepth1000', data })
    expect(await offering.next()).toBe(expected)
    expect(await plain.next()).toBe(expected)
  })

  it('is offered by DexSocket in Node, which decodes the compressed frames', async () => {
    sim = await DexSimulator.start({ market: false })
    const dex = new DexSocket({ url: sim.url })
    try {
      const depth = firstValueFrom(dex.marketDepth('BNB_BTCB-1DE', 1000))
      await firstMatch(sim.messages$, (m) => m.text.includes('marketDepth1000'))
      expect(sim.connections()[0].deflate).toBe(true)
      const data = bigDepth(1000)
      sim.publish('marketDepth1000', data)
      const book = await depth
      expect(book).toMatchObject({ lastUpdateId: data.lastUpdateId, symbol: data.symbol })
      expect(book.bids).toEqual(data.bids)
      expect(book.asks).toEqual(data.asks)
    } finally {
      dex.close()
    }
  })

  it('can be turned off: a client that offers it then gets plain frames', async () => {
    sim = await DexSimulator.start({ market: false, deflate: false })
    const offering = await rawClient(`${sim.url}ws/$all@blockheight`, true)
    expect(offering.ws.extensions).toBe('')
    expect(sim.connections()[0].deflate).toBe(false)
    sim.publish('blockheight', { h: 1 })
    expect(await offering.next()).toBe('{"stream":"blockheight","data":{"h":1}}')
  })
})
