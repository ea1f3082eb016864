import { resolve } from 'node:path'
import { parseCli } from '../../src/cli/args'
import { DIST, requireBuilt, runNode } from '../package/nodeChild'

// A tape whose next frame is due further ahead than Node's timers reach (2^31 - 1 ms, about 24.8 days):
// a huge `at`, or a tiny speed. Node fires such a timer after 1 ms with a TimeoutOverflowWarning, so a
// replay that re-arms it on every wake-up prints thousands of warnings a second, for ever. Run in a plain
// Node process: Node's warnings do not reach a jest test's `process`.

describe('a replay whose next frame is beyond the reach of timers', () => {
  it('serves the first frame, waits quietly for the next (no TimeoutOverflowWarning), and exits once stopped', async () => {
    requireBuilt('simulator.cjs', 'simulator-in-process.cjs')
    const result = await runNode(resolve(__dirname, 'scripts/replayTimers.cjs'), [DIST])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual({
      served: ['{"stream":"blockheight","data":{"h":1}}'],
      replayed: [1],
      warnings: 0,
    })
  })

  it('simulate --speed accepts a tiny speed, since any delay is waited out', () => {
    expect(parseCli(['simulate', '--replay', 'x.tape', '--speed', '0.000001'])).toMatchObject({
      replay: { speed: 0.000001 },
    })
  })
})
