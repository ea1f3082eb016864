import { TapeRecorder } from '../../../src/cli/TapeRecorder'
import { DexSimulator } from '../../../src/simulator'
import { parseTape } from '../../../src/simulator/tape/parseTape'
import type { Tape } from '../../../src/simulator/tape/tape'
import { framesOf } from './framesOf'

/** A tape sink in memory that can be waited on. */
export class MemoryTape {
  text = ''
  private wake: (() => void) | undefined

  write(line: string): void {
    this.text += line
    this.wake?.()
  }

  /** Resolves once `done(tape)` holds. Waits without timers of its own: jest's timeout bounds it. */
  async until(done: (tape: Tape) => boolean): Promise<Tape> {
    for (;;) {
      const tape = parseTape(this.text)
      if (done(tape)) return tape
      await new Promise<void>((resolve) => (this.wake = resolve))
    }
  }
}

/** The market streams a recording test follows, in the URL path form. */
export const MARKET_STREAMS = [
  'BNB_BTCB-1DE@trades',
  'BNB_BTCB-1DE@marketDiff',
  'BNB_BTCB-1DE@marketDepth',
  '100K-9BC_BNB@trades',
  '$all@blockheight',
] as const

/**
 * Records `blocks` blockheight frames' worth of a seeded simulator's market and one address's user
 * topics, through the CLI's recorder, and returns the tape's text.
 */
export async function recordSession(blocks: number): Promise<{ text: string; tape: Tape; address: string }> {
  const sim = await DexSimulator.start({ market: { seed: 7, blockIntervalMs: 50 } })
  const address = sim.market!.addresses[0]
  const sink = new MemoryTape()
  const recorder = new TapeRecorder(sink, sim.url, [...MARKET_STREAMS, address])
  try {
    await recorder.start()
    const heights = (tape: Tape) => framesOf(tape).filter((e) => e.frame.includes('"blockheight"')).length
    await sink.until((tape) => heights(tape) >= blocks)
  } finally {
    recorder.stop()
    await sim.stop()
  }
  return { text: sink.text, tape: parseTape(sink.text), address }
}
