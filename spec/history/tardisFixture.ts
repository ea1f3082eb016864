import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { NEVER, type Observable } from 'rxjs'
import type { CliIo } from '../../src/cli/io'
import { runImport } from '../../src/cli/import/importCommand'

// The tardis.dev-format fixtures written by scripts/tardis-fixture.mjs: six one-minute cache slices of a
// simulated market in tardis-dev's cache layout, and the same data as tardis-machine NDJSON.

export const FIXTURE = join(__dirname, '../fixtures/tardis')
/** What the generator wrote: the range, the symbols and the cache folder's hash of the filters. */
export const FIXTURE_INFO = JSON.parse(readFileSync(join(FIXTURE, 'fixture.json'), 'utf8')) as {
  from: string
  to: string
  symbols: string[]
  simulated: string[]
  hash: string
  lines: number
  disconnects: number
}
/** tardis-dev's cacheDir. */
export const CACHE_DIR = join(FIXTURE, 'cache')
/** The folder of the slices: `<cacheDir>/feeds/binance-dex/<sha256 of the filters>`. */
export const SLICES = join(CACHE_DIR, 'feeds/binance-dex', FIXTURE_INFO.hash)
export const NDJSON_GZ = join(FIXTURE, 'replay.ndjson.gz')

/** A CLI io that keeps what is written, with `stop$` as given. */
export function captureIo(stop$: Observable<string> = NEVER): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stop$,
    stdout: { write: (t: string) => ((io.out += t), true), on: () => io.stdout, off: () => io.stdout },
    stderr: { write: (t: string) => ((io.err += t), true), on: () => io.stderr, off: () => io.stderr },
  }
  return io
}

/** Runs `import tardis <paths> --out <out>` in this process: the exit code and stderr. */
export async function importTardis(paths: string[], out: string, stop$?: Observable<string>): Promise<{ code: number; stderr: string }> {
  const io = captureIo(stop$)
  const code = await runImport({ kind: 'import', paths, out }, io)
  return { code, stderr: io.err }
}
