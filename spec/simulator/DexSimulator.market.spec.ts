import { DexInputError } from '../../src/errors'
import { DexSimulator, SimulatedMarket } from '../../src/simulator'
import { TRANSPORTS, useSim } from './transports'

describe.each(TRANSPORTS)('$name with its simulated market', (transport) => {
  const use = useSim(transport)

  it('publishes blocks and per-second frames to subscribers until stopped', async () => {
    const sim = await use.start({ market: { seed: 1, blockIntervalMs: 50 } })
    expect(sim.market).toBeInstanceOf(SimulatedMarket)
    const symbol = sim.market!.symbols[0]
    const client = await transport.connect(sim, `${sim.url}stream?streams=$all@blockheight/${symbol}@ticker`)
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
    const sim = await use.start({ market: false })
    expect(sim.market).toBeUndefined()
  })
})

it('DexSimulator rejects bad market options when constructed', () => {
  expect(() => new DexSimulator({ market: { traders: 1 } })).toThrow(DexInputError)
})
