import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { gunzipSync } from 'node:zlib'
import { parseTape } from '../../src/simulator/tape/parseTape'

// examples/backtest as its users run it (`node backtest.mjs`, the built package by name), its table checked
// against figures computed here straight from the tape's frames: VWAP per minute of recorded time, and the
// imbalance of a plain reference book (snapshots replace it, diffs set levels) as each minute ends.

const DIR = join(__dirname, '..', '..', 'examples', 'backtest')
const TAPE = join(DIR, '2021-03-01.tape.gz')
const SYMBOL = 'BNB_BTCB-1DE'
const run = async (...args: string[]): Promise<string> =>
  (await promisify(execFile)(process.execPath, [join(DIR, 'backtest.mjs'), ...args])).stdout

/** The rows the table must show, from the tape alone. */
function expectedRows(): string[][] {
  const tape = parseTape(gunzipSync(readFileSync(TAPE)).toString('utf8'))
  const start = Date.parse(tape.header.start)
  const last = tape.entries[tape.entries.length - 1].at
  const windows = Math.floor(last / 60_000) + 1
  const bids = new Map<string, string>()
  const asks = new Map<string, string>()
  let inSync = false
  const rows: string[][] = []
  let i = 0
  for (let w = 0; w < windows; w++) {
    const end = Math.min((w + 1) * 60_000, last)
    let trades = 0
    let volume = 0
    let quote = 0
    for (; i < tape.entries.length && (tape.entries[i].at < (w + 1) * 60_000); i++) {
      const entry = tape.entries[i]
      if (!('frame' in entry)) {
        inSync = false
        continue
      }
      const { stream, data } = JSON.parse(entry.frame.replace(/"T":(\d+)/g, '"T":"$1"'))
      if (stream === 'trades') {
        for (const t of data) {
          trades++
          volume += Number(t.q)
          quote += Number(t.p) * Number(t.q)
        }
      } else if (stream === 'depthSnapshot') {
        bids.clear()
        asks.clear()
        for (const [p, q] of data.bids) bids.set(p, q)
        for (const [p, q] of data.asks) asks.set(p, q)
        inSync = true
      } else if (stream === 'marketDiff') {
        for (const [side, levels] of [[bids, data.b], [asks, data.a]] as const) {
          for (const [p, q] of levels) Number(q) === 0 ? side.delete(p) : side.set(p, q)
        }
      }
    }
    const top = (side: Map<string, string>, sign: number) =>
      [...side.entries()]
        .sort((a, b) => sign * (Number(a[0]) - Number(b[0])))
        .slice(0, 10)
        .reduce((sum, [, q]) => sum + Number(q), 0)
    const [b, a] = [top(bids, -1), top(asks, 1)]
    const imbalance = inSync ? (b - a) / (b + a) : undefined
    const signal = imbalance === undefined ? '-' : imbalance > 0.2 ? 'buy' : imbalance < -0.2 ? 'sell' : 'hold'
    rows.push([
      new Date(start + end).toISOString().slice(11, 23),
      String(trades),
      volume.toFixed(8),
      volume > 0 ? (quote / volume).toFixed(8) : '-',
      imbalance === undefined ? '-' : imbalance.toFixed(4),
      signal,
    ])
  }
  return rows
}

describe('examples/backtest', () => {
  it('prints per-minute VWAP and book imbalance of the committed tape, the same on every run', async () => {
    const output = await run()
    const lines = output.trimEnd().split('\n')
    expect(lines[0]).toBe(`${SYMBOL} from 2021-03-01.tape.gz, 5 windows of one minute of recorded time`)
    expect(lines[1].split(/\s{2,}/)).toEqual(['window end (UTC)', 'trades', 'volume', 'VWAP', 'imbalance(10)', 'signal'])
    const rows = lines.slice(2).map((line) => line.trim().split(/\s+/))
    const expected = expectedRows()
    expect(rows).toEqual(expected)
    // Not a flat table: the market trades every minute and the signal moves.
    expect(new Set(rows.map((r) => r[3])).size).toBe(rows.length)
    expect(new Set(rows.map((r) => r[5])).size).toBeGreaterThan(1)
    expect(await run()).toBe(output)
  })
})
