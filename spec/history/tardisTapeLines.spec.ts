import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DexInputError } from '../../src/errors'
import { tardisTapeLines } from '../../src/simulator/inProcess'
import { CliProcess, killAll } from '../cli/cliProcess'

// tardisTapeLines is `import tardis` for a page: files as the browser gives them (File objects, read with web
// streams and DecompressionStream). It must make the very tape the command line makes from the same files.

const FIXTURE = join(__dirname, '..', 'fixtures', 'tardis')
const SLICES = join(FIXTURE, 'cache', 'feeds', 'binance-dex')

function sliceFiles(): string[] {
  const found: string[] = []
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) walk(path)
      else found.push(path)
    }
  }
  walk(SLICES)
  return found.sort()
}

const asFile = (path: string, bytes: Uint8Array = readFileSync(path)): File => new File([new Uint8Array(bytes)], path.split('/').slice(-2).join('/'))

/** The tape the generator makes: its header (the return value) first. */
async function tapeOf(files: File[], skipped: string[] = []): Promise<string> {
  const lines = tardisTapeLines(files, { onSkipped: (reason) => skipped.push(reason) })
  const body: string[] = []
  let next = await lines.next()
  for (; !next.done; next = await lines.next()) body.push(next.value)
  return [next.value, ...body].join('')
}

let cliTape: string
let folder: string

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'tardis-lines-'))
  const out = join(folder, 'day.tape')
  const result = await new CliProcess(['import', 'tardis', SLICES, '--out', out]).exited
  expect(result.stderr).toMatch(/^imported \d+ frames/)
  cliTape = readFileSync(out, 'utf8')
}, 60_000)

afterAll(() => {
  killAll()
  rmSync(folder, { recursive: true, force: true })
})

it('makes the tape `import tardis` makes, from cache slices given in any order', async () => {
  const files = sliceFiles().map((path) => asFile(path))
  expect(files.length).toBeGreaterThan(1)
  const shuffled = [files[3], files[0], ...files.slice(4), files[2], files[1]]
  expect(await tapeOf(shuffled)).toBe(cliTape)
})

it('makes the same tape from tardis-machine NDJSON, gzipped or not', async () => {
  const gz = readFileSync(join(FIXTURE, 'replay.ndjson.gz'))
  const fromNdjson = await tapeOf([asFile('replay.ndjson.gz', gz)])
  // The two layouts carry the same frames at the same times.
  expect(fromNdjson.split('\n').slice(1)).toEqual(cliTape.split('\n').slice(1))
  const plain = new Uint8Array(await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer())
  expect(await tapeOf([asFile('replay.ndjson', plain)])).toBe(fromNdjson)
})

it('refuses a file that is not tardis.dev data, naming it and the line', async () => {
  const notTardis = new File(['{"tape":1,"start":"2019-04-10T00:00:00.000Z"}\n'], 'mine.tape')
  await expect(tapeOf([notTardis])).rejects.toThrow(DexInputError)
  await expect(tapeOf([notTardis])).rejects.toThrow(/^mine\.tape line 1: not tardis\.dev data/)
})

it('keeps what came before a cut in a gzip file, and tells what was skipped', async () => {
  const [path] = sliceFiles()
  const whole = readFileSync(path)
  const cut = whole.subarray(0, Math.floor(whole.length * 0.6))
  const skipped: string[] = []
  const tape = await tapeOf([asFile(path, cut)], skipped)
  expect(skipped).toHaveLength(1)
  expect(skipped[0]).toMatch(/line \d+: the gzip data is cut short or damaged/)
  const complete = await tapeOf([asFile(path, whole)])
  const lines = tape.split('\n').slice(1, -1)
  expect(lines.length).toBeGreaterThan(10)
  // Every frame before the cut is there, as the whole file has it.
  expect(complete.split('\n').slice(1)).toEqual(expect.arrayContaining(lines))
})
