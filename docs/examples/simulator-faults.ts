import { filter, firstValueFrom } from 'rxjs'
import { DexSocket } from '../../src'
import { DexSimulator } from '../../src/simulator'

/** An app that must survive a dropped connection and a garbled frame. */
export async function main(): Promise<{ heights: number[]; errors: string[] }> {
  const sim = await DexSimulator.start({ market: false })
  const dex = new DexSocket({ url: sim.url, reconnect: { initialDelayMs: 10, maxDelayMs: 100 } })
  const subscribes = sim.messages$.pipe(filter((m) => m.text.includes('"subscribe"')))
  const heights: number[] = []
  const errors: string[] = []
  dex.errors$.subscribe((e) => errors.push(e.name))
  try {
    const heights$ = dex.blockHeight()
    let subscribed = firstValueFrom(subscribes)
    heights$.subscribe((h) => heights.push(h))
    await subscribed
    let next = firstValueFrom(heights$)
    sim.publish('blockheight', { h: 1 })
    await next

    subscribed = firstValueFrom(subscribes)
    sim.dropConnections({ abrupt: true }) // the TCP connection dies: the client sees code 1006…
    await subscribed // …reconnects after a backoff and subscribes again
    next = firstValueFrom(heights$)
    sim.sendRaw('{"stream":"blockheight","data":{"h":"two"}}') // undecodable: reported, the stream goes on
    sim.publish('blockheight', { h: 2 })
    await next
    return { heights, errors } // { heights: [1, 2], errors: ['DexConnectionError', 'DexDecodeError'] }
  } finally {
    dex.close()
    await sim.stop()
  }
}
