import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { of } from 'rxjs'
import { gunzipSync, gzipSync } from 'node:zlib'
import { parseTardisTime, readTardisLine } from '../../src/cli/import/tardisLine'
import { parseTape } from '../../src/simulator/tape/parseTape'
import { importTardis, NDJSON_GZ, SLICES } from './tardisFixture'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dex-import-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** The slice files of the fixture, in time order. */
const sliceFiles = (): string[] => {
  const minutes = join(SLICES, '2021/03/01/00')
  return readdirSync(minutes)
    .sort()
    .map((f) => join(minutes, f))
}
/** Every line of the fixture's slices, in order, as text. */
const sliceLines = (): string[] =>
  sliceFiles().flatMap((f) => gunzipSync(readFileSync(f)).toString('utf8').split('\n').slice(0, -1))

const write = (name: string, text: string | Buffer): string => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}
const tapeText = (name = 'out.tape'): string => readFileSync(join(dir, name), 'utf8')
/** Nothing but the inputs is left in the folder: no tape, no partial file. */
const nothingWritten = (...inputs: string[]): void => {
  expect(readdirSync(dir).sort()).toEqual(inputs.sort())
}

const TRADE = (id: string): string =>
  `{"stream":"trades","data":[{"e":"trade","E":7549438,"s":"BNB_BTCB-1DE","t":"${id}","p":"3333.00000000","q":"0.02611100",` +
  `"b":"B-11","a":"A-12","T":1554964166437515341,"sa":"tbnb1a","ba":"tbnb1b","tt":2}]}`

describe('import tardis: reading', () => {
  it('keeps every frame exactly, at its recorded time, and the disconnect, from a folder of slices', async () => {
    const out = join(dir, 'out.tape')
    const { code, stderr } = await importTardis([SLICES], out)
    expect(code).toBe(0)
    const lines = sliceLines()
    const frames = lines.filter((l) => l !== '')
    expect(stderr).toBe(
      `imported ${frames.length} frames and 1 disconnect from 6 files (${stderr.match(/\(([\d.]+) MB\)/)![1]} MB)` +
        ` in ${stderr.match(/in ([\d.]+) s/)![1]} s to ${out}\n`,
    )
    const text = tapeText()
    const tape = parseTape(text)
    const firstTime = frames[0].slice(0, 28)
    expect(tape.header).toEqual({
      tape: 1,
      start: `${firstTime.slice(0, 23)}Z`,
      url: 'tardis:binance-dex',
      streams: expect.arrayContaining(['BNB_BTCB-1DE@trades', 'BNB_USDT.B-B7C@marketDiff', '100K-9BC_BNB@ticker']),
      source: 'tardis',
      exchange: 'binance-dex',
    })
    expect(tape.header.streams).toHaveLength(9)
    // Line for line: a frame's exact text at its time (ms since the start, 4 decimals), or the disconnect.
    const start = Date.parse(tape.header.start)
    const expected = lines.map((line) => {
      if (line === '') return { disconnect: true }
      const time = parseTardisTime(line.slice(0, 28))!
      return { at: Number(((time.ms - start) * 10_000 + time.tenThousandths) / 10_000), frame: line.slice(29) }
    })
    const got = tape.entries.map((e) => ('frame' in e ? { at: e.at, frame: e.frame } : { disconnect: true }))
    // A disconnect takes the time of the frame before it.
    const disconnectAt = expected.findIndex((e) => 'disconnect' in e)
    expect(got).toEqual(expected)
    expect(tape.entries[disconnectAt]).toEqual({ at: tape.entries[disconnectAt - 1].at, conn: 'market', disconnect: true })
    // The 19-digit times of the real captured frames survive as written.
    expect(text).toContain('\\"T\\":1554964166437515341')
    expect(text.split('\n').slice(1, 3).map((l) => JSON.parse(l).at)).toEqual([expected[0].at, expected[1].at])
    expect(String(expected[0].at)).toMatch(/^\d+\.\d{1,4}$/)
  })

  it('writes the same tape from tardis-machine NDJSON, gzipped or plain, and from the slices in any order', async () => {
    await importTardis([SLICES], join(dir, 'slices.tape'))
    await importTardis([NDJSON_GZ], join(dir, 'ndjson-gz.tape'))
    const plain = write('replay.ndjson', gunzipSync(readFileSync(NDJSON_GZ)))
    await importTardis([plain], join(dir, 'ndjson.tape'))
    // Slices named one by one, shuffled, some also plain: merged by time all the same.
    const files = sliceFiles()
    const plainSlice = write('03.json', gunzipSync(readFileSync(files[3])))
    await importTardis([files[5], plainSlice, files[0], files[4], files[2], files[1]], join(dir, 'shuffled.tape'))
    const reference = tapeText('slices.tape')
    for (const name of ['ndjson-gz.tape', 'ndjson.tape', 'shuffled.tape']) expect(tapeText(name)).toBe(reference)
  })

  it('merges files whose times overlap line by line, in time order', async () => {
    const a = write('a.json', `2021-03-01T00:00:01.0000000Z ${TRADE('1')}\n2021-03-01T00:00:03.0000000Z ${TRADE('3')}\n`)
    const b = write('b.json', `2021-03-01T00:00:02.0000000Z ${TRADE('2')}\n2021-03-01T00:00:04.5000000Z ${TRADE('4')}\n`)
    expect((await importTardis([b, a], join(dir, 'out.tape'))).code).toBe(0)
    const entries = parseTape(tapeText()).entries as readonly { at: number; frame: string }[]
    expect(entries.map((e) => [e.at, JSON.parse(e.frame.replace(/"T":\d+/, '"T":0')).data[0].t])).toEqual([
      [0, '1'],
      [1000, '2'],
      [2000, '3'],
      [3500, '4'],
    ])
  })

  it('keeps one disconnect for several in a row and none before the first frame', async () => {
    const text = `\n2021-03-01T00:00:01.0000000Z ${TRADE('1')}\n\n\n2021-03-01T00:00:02.0000000Z ${TRADE('2')}\n\n`
    expect((await importTardis([write('a.json', text)], join(dir, 'out.tape'))).code).toBe(0)
    expect(parseTape(tapeText()).entries.map((e) => ('frame' in e ? e.at : 'drop'))).toEqual([0, 'drop', 1000, 'drop'])
  })

  it('reads times with fewer fractional digits, and CRLF line ends', () => {
    expect(parseTardisTime('2020-07-22T00:09:16.836773Z')).toEqual({ ms: Date.parse('2020-07-22T00:09:16.836Z'), tenThousandths: 7730 })
    expect(parseTardisTime('2020-07-22T00:09:16Z')).toEqual({ ms: Date.parse('2020-07-22T00:09:16Z'), tenThousandths: 0 })
    for (const bad of ['2020-07-22 00:09:16Z', '2020-07-22T00:09:16.1234567', 'yesterday', '']) {
      expect(parseTardisTime(bad)).toBeUndefined()
    }
    expect(readTardisLine(`{"localTimestamp":"2021-03-01T00:00:01.0000000Z","message":${TRADE('1')}}`, 'ndjson')).toMatchObject({
      kind: 'frame',
      frame: TRADE('1'),
      symbols: ['BNB_BTCB-1DE'],
    })
  })
})

describe('import tardis: bad input', () => {
  it('refuses a file that is not tardis.dev data, naming file and line, and writes nothing', async () => {
    const tape = write('session.tape', '{"tape":1,"start":"2021-03-01T00:00:00.000Z","url":"x","streams":[]}\n')
    const { code, stderr } = await importTardis([tape], join(dir, 'out.tape'))
    expect(code).toBe(1)
    expect(stderr).toMatch(new RegExp(`^binance-dex-rx: ${tape} line 1: not tardis.dev data: expected .*; nothing was written\n$`))
    nothingWritten('session.tape')
  })

  it("refuses another exchange's data, naming its stream", async () => {
    const binance = `2021-03-01T00:00:00.1000000Z {"stream":"btcusdt@trade","data":{"e":"trade","s":"BTCUSDT"}}\n`
    const coinbase = `2021-03-01T00:00:00.1000000Z {"type":"match","product_id":"BTC-USD"}\n`
    for (const [name, text, why] of [
      ['binance.json', binance, '"btcusdt@trade" is not a Binance DEX stream'],
      ['coinbase.json', coinbase, 'the message is not a Binance DEX frame'],
    ]) {
      const { code, stderr } = await importTardis([write(name, text)], join(dir, 'out.tape'))
      expect(code).toBe(1)
      expect(stderr).toContain(`${join(dir, name)} line 1: ${why}`)
    }
    nothingWritten('binance.json', 'coinbase.json')
  })

  it('refuses a missing path, a corrupt gzip file, a folder without data files and a file without frames', async () => {
    const cases: [string[], RegExp][] = [
      [[join(dir, 'nope')], /cannot read .*nope: no such file or folder \(ENOENT\)/],
      [[write('bad.json.gz', Buffer.concat([gzipSync(TRADE('1')).subarray(0, 12), Buffer.from('not deflate data at all')]))], /bad\.json\.gz: not valid gzip data/],
      [[(mkdirSync(join(dir, 'empty')), join(dir, 'empty'))], /no data files in .*empty/],
      [[write('blank.json', '\n\n')], /no Binance DEX frames in .*blank\.json/],
    ]
    for (const [paths, message] of cases) {
      const { code, stderr } = await importTardis(paths, join(dir, 'out.tape'))
      expect([code, stderr]).toEqual([1, expect.stringMatching(message)])
      expect(stderr.split('\n')).toHaveLength(2)
    }
    expect(existsSync(join(dir, 'out.tape'))).toBe(false)
  })

  it('skips damaged lines after good ones, naming and counting them, and imports the rest', async () => {
    const text = [
      `2021-03-01T00:00:01.0000000Z ${TRADE('1')}`,
      `2021-03-01T00:00:02.0000000Z ${TRADE('2').slice(0, 40)}`,
      'garbage',
      `2021-03-01T00:00:03.0000000Z {"stream":"btcusdt@trade","data":{}}`,
      `2021-03-01T00:00:04.0000000Z ${TRADE('4')}`,
    ].join('\n')
    const path = write('damaged.json', `${text}\n`)
    const { code, stderr } = await importTardis([path], join(dir, 'out.tape'))
    expect(code).toBe(0)
    expect(stderr.split('\n').slice(0, 3)).toEqual([
      `binance-dex-rx: skipped ${path} line 2: the message is not JSON: ${TRADE('2').slice(0, 40)}`,
      `binance-dex-rx: skipped ${path} line 3: expected <time like 2019-06-01T00:03:03.1238784Z> <message>, got "garbage"`,
      `binance-dex-rx: skipped ${path} line 4: "btcusdt@trade" is not a Binance DEX stream (tardis.dev records trades, marketDiff, depthSnapshot and ticker)`,
    ])
    expect(stderr).toMatch(/imported 2 frames .*; skipped 3 damaged lines\n$/)
    expect(parseTape(tapeText()).entries.map((e) => e.at)).toEqual([0, 3000])
  })

  it('imports a gzip file cut short up to the cut, counting the lost line', async () => {
    const ordered = Array.from({ length: 3000 }, (_, i) => `2021-03-01T00:00:00.${String(i).padStart(7, '0')}Z ${TRADE(String(i))}`)
    const gz = gzipSync(`${ordered.join('\n')}\n`)
    const path = write('cut.json.gz', gz.subarray(0, Math.floor(gz.length / 2)))
    const { code, stderr } = await importTardis([path], join(dir, 'out.tape'))
    expect(code).toBe(0)
    const frames = parseTape(tapeText()).entries.length
    expect(frames).toBeGreaterThan(100)
    expect(frames).toBeLessThan(3000)
    expect(stderr).toContain(`skipped ${path} line ${frames + 1}: the gzip data ends early, in line ${frames + 1}: the file was cut short`)
    expect(stderr).toMatch(/; skipped 1 damaged line\n$/)
  })

  it('refuses a folder of slices with a slice of something else, and writes nothing', async () => {
    const slices = join(dir, 'cache/feeds/binance-dex/abc/2021/03/01/00')
    mkdirSync(slices, { recursive: true })
    writeFileSync(join(slices, '00.json.gz'), gzipSync(`2021-03-01T00:00:01.0000000Z ${TRADE('1')}\n`))
    writeFileSync(join(slices, '01.json.gz'), gzipSync('{"type":"match"}\n'))
    const { code, stderr } = await importTardis([join(dir, 'cache')], join(dir, 'out.tape'))
    expect([code, stderr]).toEqual([1, `binance-dex-rx: ${join(slices, '01.json.gz')} line 1: not tardis.dev data: expected ` +
      `<time like 2019-06-01T00:03:03.1238784Z> <message> (a cache slice or the HTTP API) or {"localTimestamp":"<time>","message":<message>} ` +
      `(tardis-machine), got "{\\"type\\":\\"match\\"}"; nothing was written\n`])
    nothingWritten('cache')
  })

  it('streams files too large to read at once, and imports a large gzip file cut short up to the cut', async () => {
    // Random hex does not compress: a few MB of it stay a few MB of gzip, beyond what is read in one go.
    const { randomBytes } = await import('node:crypto')
    const lines = Array.from({ length: 9000 }, (_, i) => {
      const id = `${i}-${randomBytes(400).toString('hex')}`
      const time = new Date(Date.UTC(2021, 2, 1) + i * 10).toISOString().replace('Z', '0000Z')
      return `{"localTimestamp":"${time}","message":${TRADE(id)}}`
    })
    const text = `${lines.join('\n')}\n`
    const plain = write('big.ndjson', text)
    expect(await importTardis([plain], join(dir, 'plain.tape'))).toEqual({ code: 0, stderr: expect.stringMatching(/^imported /) })
    expect(parseTape(tapeText('plain.tape')).entries).toHaveLength(9000)
    const gz = gzipSync(text)
    expect(gz.length - 1024 * 1024).toBeGreaterThan(2 * 1024 * 1024)
    const cut = write('big.ndjson.gz', gz.subarray(0, gz.length - 1024 * 1024))
    const { code, stderr } = await importTardis([cut], join(dir, 'cut.tape'))
    expect(code).toBe(0)
    const frames = parseTape(tapeText('cut.tape')).entries.length
    expect(frames).toBeGreaterThan(3000)
    expect(frames).toBeLessThan(9000)
    expect(stderr).toContain(`skipped ${cut} line ${frames + 1}: the gzip data ends early`)
  })

  it('names the first few skipped lines and counts them all', async () => {
    const lines = [`2021-03-01T00:00:01.0000000Z ${TRADE('1')}`, ...Array.from({ length: 25 }, () => 'x')]
    const { code, stderr } = await importTardis([write('a.json', `${lines.join('\n')}\n`)], join(dir, 'out.tape'))
    expect(code).toBe(0)
    expect(stderr.split('\n').filter((l) => l.includes('skipped ') && l.includes(' line '))).toHaveLength(10)
    expect(stderr).toMatch(/skipped 25 damaged lines\n$/)
  })

  it('stops on request without leaving a tape or a partial file', async () => {
    const { code, stderr } = await importTardis([SLICES], join(dir, 'out.tape'), of('SIGINT'))
    expect(code).toBe(1)
    expect(stderr).toBe(`binance-dex-rx: import stopped (SIGINT); ${join(dir, 'out.tape')} was not written\n`)
    nothingWritten()
  })

  it('says so when the tape cannot be written', async () => {
    const out = join(dir, 'no-such-folder', 'out.tape')
    const { code, stderr } = await importTardis([SLICES], out)
    expect([code, stderr]).toEqual([1, `binance-dex-rx: cannot write ${out}: no such file or folder (ENOENT)\n`])
  })
})
