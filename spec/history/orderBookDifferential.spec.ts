import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Subscription } from 'rxjs'
import {
  init,
  normalizeBookChanges,
  normalizeBookTickers,
  normalizeTrades,
  OrderBook,
  replayNormalized,
  type BookChange,
  type BookTicker,
  type Trade,
} from 'tardis-dev'
import type { OrderBook as DexOrderBook } from '../../src'
import { replayTape } from '../../src/simulator/inProcess'
import { CACHE_DIR, FIXTURE_INFO, importTardis, SLICES } from './tardisFixture'

// The order book that `dex.orderBook(symbol)` (default options) keeps over an imported tardis.dev tape,
// against the one tardis-dev itself rebuilds from the very same cache slices (replayNormalized +
// normalizeBookChanges + its OrderBook): the best 20 levels per side at every minute boundary, equal.

/** Best levels per side compared. */
const DEPTH = 20
type Side = [price: number, amount: number][]
interface Sample {
  readonly bids: Side
  readonly asks: Side
}
type Samples = Record<string, Sample[]>

const from = Date.parse(FIXTURE_INFO.from)
const to = Date.parse(FIXTURE_INFO.to)
/** The minute boundaries inside the recording (the last is its end, after its last frame). */
const BOUNDARIES = Array.from({ length: (to - from) / 60_000 - 1 }, (_, i) => from + (i + 1) * 60_000)
const SYMBOLS = FIXTURE_INFO.simulated

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dex-tardis-book-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Ours: the imported tape replayed at 'max', each book sampled by a timer on the tape's clock. */
async function ours(tape: string): Promise<{ samples: Samples; inSync: boolean[] }> {
  const start = Date.parse(JSON.parse(readFileSync(tape, 'utf8').split('\n', 1)[0]).start)
  const { dex, clock, done } = replayTape(createReadStream(tape))
  const latest = new Map<string, DexOrderBook>()
  const samples: Samples = Object.fromEntries(SYMBOLS.map((s) => [s, []]))
  const inSync: boolean[] = []
  const subs = new Subscription()
  for (const symbol of SYMBOLS) subs.add(dex.orderBook(symbol).subscribe((book) => latest.set(symbol, book)))
  // Scheduled before the tape starts, so relative to its start: due at the boundary in recorded time.
  for (const boundary of BOUNDARIES) {
    clock.schedule(() => {
      for (const symbol of SYMBOLS) {
        const book = latest.get(symbol)
        inSync.push(book?.inSync === true)
        const side = (levels: readonly (readonly [string, string])[] = []): Side =>
          levels.slice(0, DEPTH).map(([p, q]) => [Number(p), Number(q)])
        samples[symbol].push({ bids: side(book?.bids), asks: side(book?.asks) })
      }
    }, boundary - start)
  }
  await done
  subs.unsubscribe()
  dex.close()
  return { samples, inSync }
}

/** tardis-dev's: its own replay of the cached slices, never the network. */
async function theirs(): Promise<Samples> {
  // A slice missing from the cache would be fetched: from a port nothing listens on, so it fails at once.
  init({ cacheDir: CACHE_DIR, endpoint: 'http://127.0.0.1:9/v1', datasetsEndpoint: 'http://127.0.0.1:9/v1' })
  const books = new Map(SYMBOLS.map((s) => [s, new OrderBook()]))
  const samples: Samples = Object.fromEntries(SYMBOLS.map((s) => [s, []]))
  let next = 0
  const sampleUpTo = (time: number): void => {
    for (; next < BOUNDARIES.length && BOUNDARIES[next] <= time; next++) {
      for (const symbol of SYMBOLS) {
        const book = books.get(symbol) as OrderBook
        const side = (levels: Iterable<{ price: number; amount: number }>): Side => {
          const out: Side = []
          for (const { price, amount } of levels) {
            if (out.length === DEPTH) break
            out.push([price, amount])
          }
          return out
        }
        samples[symbol].push({ bids: side(book.bids()), asks: side(book.asks()) })
      }
    }
  }
  const messages = replayNormalized(
    { exchange: 'binance-dex', symbols: FIXTURE_INFO.symbols, from: FIXTURE_INFO.from, to: FIXTURE_INFO.to },
    normalizeTrades,
    normalizeBookChanges,
    normalizeBookTickers,
  )
  for await (const message of messages as AsyncIterableIterator<Trade | BookChange | BookTicker>) {
    sampleUpTo(message.localTimestamp.getTime())
    if (message.type === 'book_change') books.get(message.symbol)?.update(message)
  }
  sampleUpTo(Infinity)
  return samples
}

describe('an imported tardis.dev tape', () => {
  it("keeps dex.orderBook equal to tardis-dev's own book, best 20 levels per side, at every minute boundary", async () => {
    const tape = join(dir, 'fixture.tape')
    expect(await importTardis([SLICES], tape)).toMatchObject({ code: 0 })
    const [mine, reference] = [await ours(tape), await theirs()]
    expect(BOUNDARIES).toHaveLength(5)
    // In sync at every boundary: seeded by the first depthSnapshot, resynced by the one after the drop.
    expect(mine.inSync).toEqual(BOUNDARIES.flatMap(() => SYMBOLS.map(() => true)))
    for (const symbol of SYMBOLS) {
      // Never vacuous: both books are deep at every boundary, and they move between boundaries.
      for (const sample of reference[symbol]) {
        expect(sample.bids).toHaveLength(DEPTH)
        expect(sample.asks).toHaveLength(DEPTH)
      }
      expect(new Set(reference[symbol].map((s) => JSON.stringify(s))).size).toBe(BOUNDARIES.length)
      expect(mine.samples[symbol]).toEqual(reference[symbol])
    }
  })
})
