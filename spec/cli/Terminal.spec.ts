import { EventEmitter } from 'node:events'
import { FakeOutput } from './fakeTty'
import { TERMINAL } from '../../src/cli/demo/ansi'
import { restoreTerminals, splitKeys, Terminal } from '../../src/cli/demo/Terminal'

class FakeInput extends EventEmitter {
  isTTY = true
  raw: boolean[] = []
  flowing = false
  setRawMode(raw: boolean): void {
    this.raw.push(raw)
  }
  setEncoding(): void {}
  resume(): void {
    this.flowing = true
  }
  pause(): void {
    this.flowing = false
  }
}

describe('Terminal', () => {
  let output: FakeOutput
  let input: FakeInput
  let terminal: Terminal

  beforeEach(() => {
    output = new FakeOutput(20, 3)
    input = new FakeInput()
    terminal = new Terminal(output, input)
  })

  afterEach(() => terminal.restore())

  it('enters the alternate screen in raw mode and restores everything once', () => {
    terminal.start()
    expect(output.written).toContain(TERMINAL.enterAltScreen + TERMINAL.hideCursor)
    expect(input.raw).toEqual([true])
    expect(input.flowing).toBe(true)
    expect(process.listeners('exit')).toContain((terminal as any).restoreOnExit)
    output.written = ''
    terminal.restore()
    terminal.restore()
    expect(output.written).toBe(TERMINAL.resetStyle + TERMINAL.showCursor + TERMINAL.leaveAltScreen)
    expect(input.raw).toEqual([true, false])
    expect(input.flowing).toBe(false)
    expect(process.listeners('exit')).not.toContain((terminal as any).restoreOnExit)
  })

  it('draws only the lines that changed, and everything after a resize', () => {
    terminal.start()
    terminal.draw(['a', 'b', 'c', 'beyond the last row'])
    expect(output.written).toContain(TERMINAL.clearScreen)
    expect(output.written).not.toContain('beyond')
    output.written = ''
    terminal.draw(['a', 'B', 'c'])
    const { beginSync, moveTo, clearLine, endSync } = TERMINAL
    expect(output.written).toBe(beginSync + moveTo(2) + clearLine + 'B' + endSync)
    const resized: unknown[] = []
    const sub = terminal.resize$.subscribe((r) => resized.push(r))
    output.rows = 4
    output.emit('resize')
    sub.unsubscribe()
    expect(resized).toHaveLength(1)
    expect(terminal.size).toEqual({ columns: 20, rows: 4 })
    output.written = ''
    terminal.draw(['a', 'B', 'c'])
    expect(output.written).toContain(TERMINAL.clearScreen + TERMINAL.moveTo(1) + TERMINAL.clearLine + 'a')
    expect(output.written).toContain(TERMINAL.moveTo(4) + TERMINAL.clearLine + TERMINAL.endSync)
  })

  it('is restored by restoreTerminals, as the crash handler does', () => {
    terminal.start()
    restoreTerminals()
    expect(output.written.endsWith(TERMINAL.leaveAltScreen)).toBe(true)
    expect(input.raw).toEqual([true, false])
  })

  it('does not draw before start or after restore', () => {
    terminal.draw(['x'])
    terminal.start()
    terminal.restore()
    output.written = ''
    terminal.draw(['x'])
    expect(output.written).toBe('')
  })

  it('reads keys, escape sequences whole', () => {
    const keys: string[] = []
    const sub = terminal.keys$.subscribe((k) => keys.push(k))
    input.emit('data', 'sq\x1b[Z\t\x03')
    sub.unsubscribe()
    input.emit('data', 'x')
    expect(keys).toEqual(['s', 'q', '\x1b[Z', '\t', '\x03'])
    expect(input.listenerCount('data')).toBe(0)
  })

  it('splitKeys keeps astral characters and arrow keys in one piece', () => {
    expect(splitKeys('a😀\x1b[Cb\x1b[1;5D')).toEqual(['a', '😀', '\x1b[C', 'b', '\x1b[1;5D'])
  })
})
