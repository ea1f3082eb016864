import { EventEmitter } from 'node:events'
import { FakeOutput } from './fakeTty'
import { Subject } from 'rxjs'
import { plainPaint } from '../../src/cli/demo/ansi'
import { initialDemoState, type DemoState } from '../../src/cli/demo/DemoState'
import { runFrames } from '../../src/cli/demo/runFrames'
import { runInteractive } from '../../src/cli/demo/runInteractive'
import { Terminal } from '../../src/cli/demo/Terminal'
import { FULL_STATE } from './demoFixture'

class FakeInput extends EventEmitter {
  setEncoding(): void {}
  resume(): void {}
  pause(): void {}
}

describe('runFrames', () => {
  it('prints a marked frame per new book once every panel has data, and completes after count', () => {
    const states = new Subject<DemoState>()
    const written: string[] = []
    let completed = false
    const options = { columns: 80, rows: 24, paint: plainPaint, timeZone: 'utc', count: 2 } as const
    const frames$ = runFrames(states, { ...options, write: (t) => written.push(t) })
    frames$.subscribe({ complete: () => (completed = true) })
    states.next(initialDemoState('x', ['BNB_BTCB-1DE']))
    states.next({ ...FULL_STATE, ticker: undefined })
    expect(written).toEqual([])
    states.next(FULL_STATE)
    states.next({ ...FULL_STATE, height: 100_000_011 }) // the same book: no new frame
    expect(written).toHaveLength(1)
    states.next({ ...FULL_STATE, book: { ...FULL_STATE.book!, updateId: 100_000_011 } })
    expect(completed).toBe(true)
    expect(written).toHaveLength(2)
    const [first, second] = written.map((frame) => frame.split('\n'))
    expect(first[0]).toBe('--- frame 1 ---')
    expect(second[0]).toBe('--- frame 2 ---')
    expect(first).toHaveLength(1 + 24 + 1)
    expect(first[1]).toMatch(/^ binance-dex-rx BNB_BTCB-1DE 1\/3 +block 100000010  ● live $/)
    expect(first[24]).toMatch(/^ +simulator \(seed 42\) $/)
  })
})

describe('runInteractive', () => {
  it('draws the state, asks for the next and previous symbol, and completes on q', () => {
    const output = new FakeOutput(80, 24)
    const input = new FakeInput()
    const terminal = new Terminal(output, input)
    const states = new Subject<DemoState>()
    const chosen: string[] = []
    let completed = false
    terminal.start()
    try {
      const sub = runInteractive(states, terminal, plainPaint, (s) => chosen.push(s)).subscribe({
        complete: () => (completed = true),
      })
      states.next(FULL_STATE)
      expect(output.written).toContain(' binance-dex-rx BNB_BTCB-1DE 1/3')
      expect(output.written).toContain(' q quit  s/tab next symbol')
      input.emit('data', '\t')
      input.emit('data', '\x1b[Z')
      expect(chosen).toEqual(['100K-9BC_BNB', 'BNB_USDT.B-B7C'])
      input.emit('data', 'x')
      expect(completed).toBe(false)
      input.emit('data', 'q')
      expect(completed).toBe(true)
      expect(sub.closed).toBe(true)
      expect(input.listenerCount('data')).toBe(0)
      expect(output.listenerCount('resize')).toBe(0)
    } finally {
      terminal.restore()
    }
  })
})
