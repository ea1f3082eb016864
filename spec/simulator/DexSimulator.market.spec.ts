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
    expect([sim.symbols, sim.addresses]).toEqual([[], []])
  })

  // Issue 20: both simulators name their market's pairs and traders as `sim.symbols` and `sim.addresses`.
  it('names the market\'s symbols and addresses on the simulator itself', async () => {
    const sim = await use.start({ market: { seed: 1, symbols: ['BNB_BTCB-1DE', 'XRP-BF2_BNB'], traders: 3 } })
    expect(sim.symbols).toEqual(['BNB_BTCB-1DE', 'XRP-BF2_BNB'])
    expect(sim.addresses).toHaveLength(3)
    expect(sim.addresses).toEqual(sim.market!.addresses)
    expect(sim.addresses.every((a) => a.startsWith('tbnb1'))).toBe(true)
  })
})

it('DexSimulator rejects bad market options when constructed', () => {
  expect(() => new DexSimulator({ market: { traders: 1 } })).toThrow(DexInputError)
})
