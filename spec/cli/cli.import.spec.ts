import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseTape } from '../../src/simulator/tape/parseTape'
import { NDJSON_GZ, SLICES } from '../history/tardisFixture'
import { killAll, runCli } from './cliProcess'

// The built command, as a user runs it: exit codes and what stderr says (one line per problem, never a stack).

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dex-cli-import-'))
})
afterEach(async () => {
  await killAll()
  rmSync(dir, { recursive: true, force: true })
})

describe('binance-dex-rx import tardis', () => {
  it('imports a folder of slices and a tardis-machine file into a tape that replays', async () => {
    const out = join(dir, 'day.tape')
    const result = await runCli(['import', 'tardis', SLICES, '--out', out])
    expect(result).toMatchObject({ code: 0, stdout: '' })
    expect(result.stderr).toMatch(/^imported 1951 frames and 1 disconnect from 6 files \([\d.]+ MB\) in [\d.]+ s to .*day\.tape\n$/)
    const again = await runCli(['import', 'tardis', NDJSON_GZ, '--out', join(dir, 'again.tape')])
    expect(again.code).toBe(0)
    expect(readdirSync(dir).sort()).toEqual(['again.tape', 'day.tape'])
    expect(readFileSync(join(dir, 'again.tape'), 'utf8')).toBe(readFileSync(out, 'utf8'))
    expect(parseTape(readFileSync(out, 'utf8')).header.url).toBe('tardis:binance-dex')
  })

  it.each([
    ['not tardis data', 'notes.txt', 'hello\n', /notes\.txt line 1: not tardis\.dev data/],
    ['another exchange', 'b.json', '2021-03-01T00:00:00.0000000Z {"stream":"btcusdt@trade","data":{}}\n', /line 1: "btcusdt@trade" is not a Binance DEX stream/],
    ['a corrupt gzip file', 'c.json.gz', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5]), /c\.json\.gz: not valid gzip data/],
  ])('exits 1 for %s, one line naming the file, no stack trace', async (_, name, content, message) => {
    writeFileSync(join(dir, name), content)
    const result = await runCli(['import', 'tardis', join(dir, name), '--out', join(dir, 'out.tape')])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(message)
    expect(result.stderr.split('\n')).toHaveLength(2)
    expect(result.stderr).not.toMatch(/\n\s+at /)
    expect(readdirSync(dir)).toEqual([name])
  })

  it('exits 2 with the usage line for bad arguments', async () => {
    const result = await runCli(['import', 'tardis', '--out', join(dir, 'x.tape')])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      "binance-dex-rx: missing path: name the tardis.dev files or folders to import\n" +
        'Usage: binance-dex-rx import tardis <path>... --out <tape>\n' +
        "Run 'binance-dex-rx import --help' for more.\n",
    )
  })
})
