import { DexInputError } from '../../../src/errors'
import { replayFrame, type ReplayFrame } from '../../../src/simulator/tape/replayFrames'
import { runReplay } from '../../../src/simulator/tape/runReplay'
import { parseTape } from '../../../src/simulator/tape/parseTape'
import { tapeEntryLine, tapeHeaderLine } from '../../../src/simulator/tape/tape'
import { TapeReplay } from '../../../src/simulator/tape/TapeReplay'

const header = tapeHeaderLine({
  start: '2019-04-10T10:00:00.000Z',
  url: 'wss://testnet-dex.binance.org/api/',
  streams: ['x'],
})
const order =
  '{"stream":"orders","data":[{"e":"executionReport","E":7366949,"s":"100K-9BC_BNB","T":1554890366040313451}]}'
const height = (h: number) => `{"stream":"blockheight","data":{"h":${h}}}`

describe('tape format', () => {
  it('keeps a frame byte for byte, 19-digit integers and spacing included', () => {
    const odd = '{ "stream" : "blockheight", "data": {"h": 1.50e3} }'
    const text =
      header +
      tapeEntryLine({ at: 5, conn: 'tbnb1abc', frame: order }) +
      tapeEntryLine({ at: 9, conn: 'market', frame: odd })
    const tape = parseTape(text)
    expect(tape.header).toMatchObject({ tape: 1, url: 'wss://testnet-dex.binance.org/api/', streams: ['x'] })
    expect(tape.entries).toEqual([
      { at: 5, conn: 'tbnb1abc', frame: order },
      { at: 9, conn: 'market', frame: odd },
    ])
  })

  it('refuses a text without a version 1 header, or with a bad line, naming the line', () => {
    expect(() => parseTape('')).toThrow(DexInputError)
    expect(() => parseTape('{"tape":2}\n')).toThrow(/line 1/)
    expect(() => parseTape(`${header}{"at":"soon","conn":"market","frame":"{}"}\n`)).toThrow(/line 2/)
    expect(() =>
      parseTape(`${header}not json\n${tapeEntryLine({ at: 1, conn: 'market', frame: '{}' })}`),
    ).toThrow(/line 2/)
  })

  it('leaves out a last line cut off mid-write, and keeps times from stepping back', () => {
    const text =
      header +
      tapeEntryLine({ at: 10, conn: 'market', frame: height(1) }) +
      tapeEntryLine({ at: 4, conn: 'market', frame: height(2) }) +
      '{"at":12,"conn":"mar'
    expect(parseTape(text).entries.map((e) => e.at)).toEqual([10, 10])
  })

  it('routes frames by their stream and skips what no subscriber could get', () => {
    const routed = [
      { at: 0, conn: 'TBNB1ABC', frame: order },
      { at: 1, conn: 'market', frame: '{"error":{"error":"Invalid topic"}}' },
      { at: 2, conn: 'market', frame: 'not json' },
      { at: 3, conn: 'market', frame: '{"stream":"nope","data":{}}' },
      { at: 4, conn: 'market', frame: height(7) },
    ].map(replayFrame)
    const frames = routed.filter((f): f is ReplayFrame => f !== undefined)
    const skipped = routed.length - frames.length
    expect(skipped).toBe(3)
    expect(frames.map((f) => [f.topic.topic, f.address, f.text])).toEqual([
      ['orders', 'tbnb1abc', order],
      ['blockheight', undefined, height(7)],
    ])
    expect((frames[0].data as any)[0].T).toBe(1554890366040313451n)
  })

  it('checks the replay options', () => {
    expect(() => new TapeReplay({ tape: header, speed: 0 })).toThrow(/speed/)
    expect(() => new TapeReplay({ tape: header, speed: Infinity })).toThrow(/speed/)
    expect(() => new TapeReplay({ tape: 'x' })).toThrow(DexInputError)
    expect(new TapeReplay({ tape: header }).status).toBe('waiting')
  })
})

describe('replay pace', () => {
  beforeEach(() => jest.useFakeTimers())
  afterEach(() => jest.useRealTimers())

  const tapeAt = (...times: number[]) => () =>
    header + times.map((at, i) => tapeEntryLine({ at, conn: 'market', frame: height(i) })).join('')
  const into = (sent: string[]) => ({ deliverFrame: (f: ReplayFrame) => sent.push(f.text), disconnect: () => undefined })
  const advance = (ms: number) => jest.advanceTimersByTimeAsync(ms)

  it('plays taped time divided by speed, frames due together in one turn, and ends once', async () => {
    const sent: string[] = []
    const onEnd = jest.fn()
    const stop = runReplay(tapeAt(100, 1000, 1000, 2000), into(sent), { speed: 2, loop: false }, onEnd, () => Date.now())
    await advance(49)
    expect(sent).toHaveLength(0)
    await advance(1)
    expect(sent).toEqual([height(0)])
    await advance(450)
    expect(sent).toEqual([height(0), height(1), height(2)])
    await advance(499)
    expect(sent).toHaveLength(3)
    await advance(1)
    expect(sent).toHaveLength(4)
    expect(onEnd).toHaveBeenCalledTimes(1)
    expect(onEnd).toHaveBeenCalledWith()
    expect(jest.getTimerCount()).toBe(0)
    stop()
  })

  it('loops with the lead-in as the gap between passes, and stop clears its timer', async () => {
    const sent: string[] = []
    const stop = runReplay(tapeAt(100, 1000), into(sent), { speed: 1, loop: true }, undefined, () => Date.now())
    await advance(1000)
    expect(sent).toEqual([height(0), height(1)])
    await advance(99)
    expect(sent).toHaveLength(2)
    await advance(1)
    expect(sent).toEqual([height(0), height(1), height(0)])
    await advance(900)
    expect(sent).toHaveLength(4)
    stop()
    await advance(0)
    expect(jest.getTimerCount()).toBe(0)
  })

  it('a looped tape whose frames are all at 0 still waits between passes', async () => {
    const sent: string[] = []
    const stop = runReplay(tapeAt(0, 0), into(sent), { speed: 1, loop: true }, undefined, () => Date.now())
    await advance(0)
    expect(sent).toHaveLength(2)
    await advance(3)
    expect(sent).toHaveLength(8)
    stop()
  })

  it('a sink that throws stops the replay instead of throwing from a timer', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const sink = {
      deliverFrame: () => {
        throw new Error('boom')
      },
      disconnect: () => undefined,
    }
    const onEnd = jest.fn()
    const stop = runReplay(tapeAt(0, 10), sink, { speed: 1, loop: true }, onEnd, () => Date.now())
    await advance(20)
    expect(error).toHaveBeenCalledTimes(1)
    expect(onEnd).not.toHaveBeenCalled()
    expect(jest.getTimerCount()).toBe(0)
    stop()
    error.mockRestore()
  })

  it('a bad line ends the replay with an error naming it, after the frames before it', async () => {
    const sent: string[] = []
    const onEnd = jest.fn()
    const text = () => tapeAt(0, 5)() + 'not a frame\n' + tapeEntryLine({ at: 9, conn: 'market', frame: height(9) })
    runReplay(text, into(sent), { speed: 1, loop: false }, onEnd, () => Date.now())
    await advance(10)
    expect(sent).toEqual([height(0), height(1)])
    expect(onEnd).toHaveBeenCalledTimes(1)
    expect(onEnd.mock.calls[0][0]).toBeInstanceOf(DexInputError)
    expect(onEnd.mock.calls[0][0].message).toMatch(/line 4/)
    expect(jest.getTimerCount()).toBe(0)
  })

  it('takes a disconnect to the sink', async () => {
    const lost: string[] = []
    const text = () => header + tapeEntryLine({ at: 1, conn: 'tbnb1abc', disconnect: true })
    runReplay(text, { deliverFrame: () => 0, disconnect: (c) => lost.push(c) }, { speed: 1, loop: false }, undefined, () => Date.now())
    await advance(1)
    expect(lost).toEqual(['tbnb1abc'])
  })

  it('a loop needs a tape that can be read again', () => {
    function* once(): Generator<string> {
      yield header
    }
    expect(() => new TapeReplay({ tape: once(), loop: true })).toThrow(/loop needs a tape that can be read again/)
    expect(() => new TapeReplay({ tape: [header], loop: true })).not.toThrow()
  })
})
