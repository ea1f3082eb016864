import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { firstValueFrom, take, toArray } from 'rxjs'
import WebSocket from 'ws'
import { DexSocket } from '../../../src/DexSocket'
import { DexSimulator } from '../../../src/simulator'
import { replayFrame } from '../../../src/simulator/tape/replayFrames'
import { parseTape } from '../../../src/simulator/tape/parseTape'
import { framesOf } from './framesOf'

// examples/tapes/testnet-2019.tape: real testnet frames from 2019, the only real market data there is.
const text = readFileSync(resolve(__dirname, '../../../examples/tapes/testnet-2019.tape'), 'utf8')
const tape = parseTape(text)
const address = 'tbnb1r4gc5ftrkr9ez2khph4h5xxd0mf0hd75jf06gw'

let sim: DexSimulator | undefined
let ws: WebSocket | undefined
afterEach(async () => {
  ws?.terminate()
  await sim?.stop()
})

describe('the example tape', () => {
  it('is a valid tape whose every frame a subscriber of its streams can get', () => {
    expect(tape.header.streams).toContain(address)
    const frames = framesOf(tape).map(replayFrame)
    expect(frames.filter((f) => f === undefined)).toHaveLength(0)
    expect(frames).toHaveLength(12)
    expect(framesOf(tape).filter((e) => e.conn === address).map((e) => JSON.parse(e.frame).stream)).toEqual([
      'accounts',
      'transfers',
      'orders',
    ])
  })

  it('replays byte for byte to a path URL naming its streams', async () => {
    sim = await DexSimulator.start({ replay: { tape: text, speed: 50 } })
    const path = tape.header.streams.map(encodeURIComponent).join('/')
    ws = new WebSocket(`${sim.url}stream?streams=${path}`)
    const received: string[] = []
    await new Promise<void>((done) =>
      ws!.on('message', (data) => received.push(data.toString()) === framesOf(tape).length && done()),
    )
    expect(received).toEqual(framesOf(tape).map((e) => e.frame))
  })

  it('replays through DexSocket with the 19-digit order times exact', async () => {
    sim = await DexSimulator.start({ replay: { tape: text, speed: 50 } })
    const dex = new DexSocket({ url: sim.url })
    try {
      const orders = await firstValueFrom(dex.orders(address).pipe(take(2), toArray()))
      expect(orders.map((o) => [o.symbol, o.price, o.transactionTime])).toEqual([
        ['100K-9BC_BNB', '66666.00000000', 1554890366040313451n],
        ['100K-9BC_BNB', '66666.00000000', expect.any(BigInt)],
      ])
    } finally {
      dex.close()
    }
  })
})
