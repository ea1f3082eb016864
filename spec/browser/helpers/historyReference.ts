import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { lastValueFrom, toArray } from 'rxjs'
import { replayTape, tardisTapeLines } from '../../../src/simulator/inProcess'

/**
 * What the playground's history tests compare the page with, computed in Node: the files the page opens,
 * the tape they make, and `replayTape`'s book and last trade at a position.
 */

const ROOT = join(__dirname, '..', '..', '..')
export const EXAMPLE_TAPE = join(ROOT, 'examples', 'tapes', 'testnet-2019.tape')
export const TARDIS_SLICES = join(ROOT, 'spec', 'fixtures', 'tardis', 'cache', 'feeds', 'binance-dex')

/** The fixture's one-minute cache slices, latest first (the page must put them in time order itself). */
export function tardisSliceFiles(): string[] {
  const found: string[] = []
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(folder, entry.name))
      else found.push(join(folder, entry.name))
    }
  }
  walk(TARDIS_SLICES)
  return found.sort().reverse()
}

/** A file as the page receives it: name and bytes (base64, to cross into any engine as JSON). */
export interface PageFile {
  readonly name: string
  readonly base64: string
}

export const pageFile = (path: string): PageFile => ({ name: path.split('/').slice(-2).join('-'), base64: readFileSync(path).toString('base64') })

/** The tape the files make: a tape as it is, tardis.dev files converted as the page converts them. */
export async function tapeOf(paths: readonly string[]): Promise<{ header: string; lines: string[]; ats: number[] }> {
  let text: string
  if (paths.length === 1 && paths[0].endsWith('.tape')) {
    text = readFileSync(paths[0], 'utf8')
  } else {
    const lines = tardisTapeLines(paths.map((p) => new File([readFileSync(p)], p)))
    const body: string[] = []
    let next = await lines.next()
    for (; !next.done; next = await lines.next()) body.push(next.value)
    text = [next.value, ...body].join('')
  }
  const [header, ...rest] = text.split('\n')
  const lines = rest.filter((l) => l.trim() !== '')
  const ats: number[] = []
  for (const line of lines) ats.push(Math.max(ats.at(-1) ?? 0, (JSON.parse(line) as { at: number }).at))
  return { header, lines, ats }
}

export interface ReferenceState {
  /** The last trade of the symbol up to the position: id and price. */
  readonly lastTrade: { id: string; price: string } | undefined
  /** The book's best levels per side, as [price, quantity] texts, and whether it is in sync. */
  readonly bids: string[][]
  readonly asks: string[][]
  readonly inSync: boolean | undefined
}

/** `replayTape` over the tape's lines recorded at or before `position` (ms after its start): the state there. */
export async function referenceAt(tape: { header: string; lines: string[]; ats: number[] }, symbol: string, position: number, levels: number): Promise<ReferenceState> {
  const kept = tape.lines.filter((_, i) => tape.ats[i] <= position)
  const { dex, done } = replayTape(`${[tape.header, ...kept].join('\n')}\n`)
  const books = lastValueFrom(dex.orderBook(symbol).pipe(toArray()))
  const trades = lastValueFrom(dex.trades(symbol).pipe(toArray()))
  await done
  const book = (await books).at(-1)
  const trade = (await trades).at(-1)
  return {
    lastTrade: trade && { id: trade.tradeId, price: trade.price },
    bids: (book?.bids ?? []).slice(0, levels).map(([p, q]) => [p, q]),
    asks: (book?.asks ?? []).slice(0, levels).map(([p, q]) => [p, q]),
    inSync: book?.inSync,
  }
}
