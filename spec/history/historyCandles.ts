import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { main as candles } from '../../docs/examples/history-candles'
import { parseTape } from '../../src/simulator/tape/parseTape'

// docs/history.md's example over the committed tardis tape of examples/backtest, against the tape's own
// trade frames bucketed by recorded minute.

const TAPE = join(__dirname, '../../examples/backtest/2021-03-01.tape.gz')

/** Runs the example over the tape and checks every candle against the tape's trade frames. */
export async function checkHistoryCandles(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dex-history-doc-'))
  try {
    const text = gunzipSync(readFileSync(TAPE)).toString('utf8')
    const file = join(dir, 'day.tape')
    writeFileSync(file, text)
    const tape = parseTape(text)
    const start = Date.parse(tape.header.start)
    const byMinute = new Map<number, { price: string; quantity: string }[]>()
    for (const entry of tape.entries) {
      if (!('frame' in entry) || !entry.frame.startsWith('{"stream":"trades"')) continue
      const minute = Math.floor(entry.at / 60_000)
      const trades = JSON.parse(entry.frame.replace(/"T":(\d+)/g, '"T":"$1"')).data as { p: string; q: string }[]
      byMinute.set(minute, [...(byMinute.get(minute) ?? []), ...trades.map((t) => ({ price: t.p, quantity: t.q }))])
    }
    const last = tape.entries[tape.entries.length - 1].at
    const got = await candles(file, 'BNB_BTCB-1DE')
    expect(got.map((c) => [c.end, c.trades, c.open, c.close, c.volume])).toEqual(
      [...byMinute.entries()].map(([minute, trades]) => [
        new Date(start + Math.min((minute + 1) * 60_000, last)).toISOString(),
        trades.length,
        trades[0].price,
        trades[trades.length - 1].price,
        trades.reduce((sum, t) => sum + Number(t.quantity), 0).toFixed(8),
      ]),
    )
    expect(got).toHaveLength(5)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
