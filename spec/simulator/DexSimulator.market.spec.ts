import { DexInputError } from '../../src/errors'
import { DexSimulator, SimulatedMarket } from '../../src/simulator'
import { TestClient, terminateClients } from './testClient'

let sim: DexSimulator | undefined
afterEach(async () => {
  terminateClients()
  await sim?.stop()
  sim = undefined
})

describe('DexSimulator with its simulated market', () => {
  it('publishes blocks and per-second frames to subscribers until stopped', async () => {
    sim = await DexSimulator.start({ market: { seed: 1, blockIntervalMs: 50 } })
    expect(sim.market).toBeInstanceOf(SimulatedMarket)
    const symbol = sim.market!.symbols[0]
    const client = await TestClient.connect(`${sim.url}stream?streams=$all@blockheight/${symbol}@ticker`)
    const heights: number[] = []
    let ticker: any
    while (heights.length < 2 || ticker === undefined) {
      const frame = await client.nextFrame()
      if (frame.stream === 'blockheight') heights.push(frame.data.h)
      else ticker = frame
    }
    expect(heights[1]).toBe(heights[0] + 1)
    const data = expect.objectContaining({ e: '24hrTicker', s: symbol })
    expect(ticker).toEqual({ stream: 'ticker', data })
  })

  it('has no market with market: false', async () => {
    sim = new DexSimulator({ market: false })
    expect(sim.market).toBeUndefined()
  })

  it('rejects bad market options when constructed', () => {
    expect(() => new DexSimulator({ market: { traders: 1 } })).toThrow(DexInputError)
  })
})
