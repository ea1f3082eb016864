import { DexSimulator, type ClientMessage, type DexSimulatorOptions } from '../../src/simulator'

/** Polls `cond` until it holds; fails with `what` so a hang reads as the missing fact, not a timeout. */
export async function waitUntil(cond: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

/** A simulator without a market (tests publish by hand) and a log of every client message. */
export interface SimHarness {
  sim: DexSimulator
  /** Every parsed client message, oldest first. */
  seen: { connectionId: number; json: any }[]
  /** Messages whose method is `method` (e.g. 'subscribe'). */
  sent(method: string): any[]
  stop(): Promise<void>
}

export async function startSim(options: DexSimulatorOptions = {}): Promise<SimHarness> {
  const sim = await DexSimulator.start({ market: false, ...options })
  const seen: SimHarness['seen'] = []
  const sub = sim.messages$.subscribe((m: ClientMessage) => seen.push({ connectionId: m.connectionId, json: m.json }))
  return {
    sim,
    seen,
    sent: (method) => seen.filter((m) => m.json?.method === method).map((m) => m.json),
    stop: async () => {
      sub.unsubscribe()
      await sim.stop()
    },
  }
}
