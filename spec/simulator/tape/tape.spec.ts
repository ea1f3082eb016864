import { DexInputError } from '../../../src/errors'
import { replayFrames } from '../../../src/simulator/tape/replayFrames'
import { runReplay } from '../../../src/simulator/tape/runReplay'
import { parseTape, tapeEntryLine, tapeHeaderLine } from '../../../src/simulator/tape/tape'
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
    const { frames, skipped } = replayFrames([
      { at: 0, conn: 'TBNB1ABC', frame: order },
      { at: 1, conn: 'market', frame: '{"error":{"error":"Invalid topic"}}' },
      { at: 2, conn: 'market', frame: 'not json' },
      { at: 3, conn: 'market', frame: '{"stream":"nope","data":{}}' },
      { at: 4, conn: 'market', frame: height(7) },
    ])
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

  const tapeAt = (...times: number[]) =>
    replayFrames(times.map((at, i) => ({ at, conn: 'market', frame: height(i) }))).frames

  it('plays taped time divided by speed, frames due together in one turn, and ends once', () => {
    const sent: string[] = []
    const onEnd = jest.fn()
    const stop = runReplay(
      tapeAt(100, 1000, 1000, 2000),
      { deliverFrame: (f) => sent.push(f.text).valueOf() },
      { speed: 2, loop: false },
      onEnd,
      () => Date.now(),
    )
    expect(sent).toHaveLength(0)
    jest.advanceTimersByTime(49)
    expect(sent).toHaveLength(0)
    jest.advanceTimersByTime(1)
    expect(sent).toEqual([height(0)])
    jest.advanceTimersByTime(450)
    expect(sent).toEqual([height(0), height(1), height(2)])
    jest.advanceTimersByTime(499)
    expect(sent).toHaveLength(3)
    jest.advanceTimersByTime(1)
    expect(sent).toHaveLength(4)
    expect(onEnd).toHaveBeenCalledTimes(1)
    expect(jest.getTimerCount()).toBe(0)
    stop()
  })

  it('loops with the lead-in as the gap between passes, and stop clears its timer', () => {
    const sent: string[] = []
    const stop = runReplay(
      tapeAt(100, 1000),
      { deliverFrame: (f) => sent.push(f.text) },
      { speed: 1, loop: true },
      undefined,
      () => Date.now(),
    )
    jest.advanceTimersByTime(1000)
    expect(sent).toEqual([height(0), height(1)])
    jest.advanceTimersByTime(99)
    expect(sent).toHaveLength(2)
    jest.advanceTimersByTime(1)
    expect(sent).toEqual([height(0), height(1), height(0)])
    jest.advanceTimersByTime(900)
    expect(sent).toHaveLength(4)
    stop()
    expect(jest.getTimerCount()).toBe(0)
  })

  it('a looped tape whose frames are all at 0 still yields between passes', () => {
    const sent: string[] = []
    const stop = runReplay(
      tapeAt(0, 0),
      { deliverFrame: (f) => sent.push(f.text) },
      { speed: 1, loop: true },
      undefined,
      () => Date.now(),
    )
    expect(sent).toHaveLength(2)
    jest.advanceTimersByTime(3)
    expect(sent).toHaveLength(8)
    stop()
  })

  it('a sink that throws stops the replay instead of throwing from a timer', () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const stop = runReplay(
      tapeAt(0, 10),
      {
        deliverFrame: () => {
          throw new Error('boom')
        },
      },
      { speed: 1, loop: true },
      undefined,
      () => Date.now(),
    )
    expect(error).toHaveBeenCalledTimes(1)
    expect(jest.getTimerCount()).toBe(0)
    stop()
    error.mockRestore()
  })
})
