import fc from 'fast-check'
import { ansiPaint, plainPaint, stripAnsi, visibleWidth } from '../../src/cli/demo/ansi'
import { initialDemoState, type DemoState } from '../../src/cli/demo/DemoState'
import { renderDemo, type RenderOptions } from '../../src/cli/demo/renderDemo'
import { FULL_STATE } from './demoFixture'

const VIEW: RenderOptions = { columns: 80, rows: 24, paint: plainPaint, timeZone: 'utc', interactive: true }

describe('renderDemo', () => {
  it('draws the full view in exactly 80x24', () => {
    expect(renderDemo(FULL_STATE, VIEW)).toEqual([
    ' binance-dex-rx BNB_BTCB-1DE 1/3                        block 100000010  ● live ',
    '─ Order book ───────────────────────────────┬─ Trades ──────────────────────────',
    '        price       quantity depth          │ time             price    quantity',
    '     0.002460            4.5 ██████████████ │ 12:34:56 ▲    0.002453         0.5',
    '     0.002459            4.0 ███████████▏   │ 12:34:55 ▼    0.002452         1.5',
    '     0.002458            3.5 ████████▋      │ 12:34:54 ▲    0.002451         2.5',
    '     0.002457            3.0 ██████▍        │ 12:34:53 ▼    0.002453         3.5',
    '     0.002456            2.5 ████▌          │ 12:34:52 ▲    0.002452         4.5',
    '     0.002455            2.0 ██▉            │ 12:34:51 ▼    0.002451         5.5',
    '     0.002454            1.5 █▋             │ 12:34:50 ▲    0.002453         6.5',
    '     0.002453            1.0 ▋              │ 12:34:49 ▼    0.002452         7.5',
    ' spread 0.000001 (0.041%)                   │ 12:34:48 ▲    0.002451         8.5',
    '     0.002452            1.0 ▋              │ 12:34:47 ▼    0.002453         9.5',
    '     0.002451            1.5 █▋             │ 12:34:46 ▲    0.002452        10.5',
    '     0.002450            2.0 ██▉            │ 12:34:45 ▼    0.002451        11.5',
    '     0.002449            2.5 ████▌          │ 12:34:44 ▲    0.002453        12.5',
    '     0.002448            3.0 ██████▍        │ 12:34:43 ▼    0.002452        13.5',
    '     0.002447            3.5 ████████▋      │ 12:34:42 ▲    0.002451        14.5',
    '     0.002446            4.0 ███████████▏   │ 12:34:41 ▼    0.002453        15.5',
    '     0.002445            4.5 ██████████████ │ 12:34:40 ▲    0.002452        16.5',
    '────────────────────────────────────────────┴───────────────────────────────────',
    ' 1m 12:34  O 0.00245  H 0.002455  L 0.002448  C 0.002453  V 123.45  n 37        ',
    ' 24h last 0.002453  +0.12%  high 0.00246  low 0.00244  vol 45678.9  trades 1234 ',
    ' q quit  s/tab next symbol                                  simulator (seed 42) ',
    ])
  })

  it('shows waiting notices before data, and the source instead of key hints when not interactive', () => {
    const lines = renderDemo(initialDemoState('ws://example/api/'), { ...VIEW, interactive: false })
    expect(lines).toHaveLength(24)
    expect(lines[0]).toMatch(/^ binance-dex-rx choosing a symbol… +block —  ○ connecting $/)
    expect(lines[3]).toContain('│ no trades yet')
    expect(lines[11]).toMatch(/^ waiting for the order book… +│ +$/)
    expect(lines[21].trim()).toBe('1m  waiting for the kline…')
    expect(lines[22].trim()).toBe('24h waiting for the ticker…')
    expect(lines[23]).toMatch(/^ +ws:\/\/example\/api\/ $/)
  })

  it('shows the connection state and the last error', () => {
    const state: DemoState = {
      ...FULL_STATE,
      connection: { state: 'reconnecting', attempt: 2 },
      lastError: 'DexDecodeError: bad frame',
    }
    const lines = renderDemo(state, VIEW)
    expect(lines[0]).toMatch(/block 100000010  ◌ reconnecting #2 $/)
    expect(lines[23]).toMatch(/^ q quit  s\/tab next symbol +DexDecodeError: bad frame $/)
    const long = renderDemo({ ...state, lastError: 'x'.repeat(200) }, VIEW)[23]
    expect(long).toHaveLength(80)
    expect(long).toMatch(/^ q quit  s\/tab next symbol x+…$/)
  })

  it('grows the book to 20 levels a side on tall terminals and drops the trades panel on narrow ones', () => {
    const tall = renderDemo(FULL_STATE, { ...VIEW, rows: 60 })
    // 12 levels in the fixture's book, on 20 rows a side: the asks are bottom-aligned against the spread.
    expect(tall).toHaveLength(2 * 20 + 8)
    expect(tall.findIndex((l) => l.startsWith(' spread'))).toBe(3 + 20)
    const narrow = renderDemo(FULL_STATE, { ...VIEW, columns: 50 })
    expect(narrow.every((l) => !l.includes('│'))).toBe(true)
    expect(narrow[1]).toMatch(/^─ Order book ─+$/)
  })

  it('says so when the terminal is too small', () => {
    const notice = 'terminal too small (39x24): need 40x10 '
    expect(renderDemo(FULL_STATE, { ...VIEW, columns: 39 })).toEqual([notice])
    expect(renderDemo(FULL_STATE, { ...VIEW, columns: 0, rows: 0 })).toEqual([])
  })

  it('paints the same text with colors: prices of asks red, bids green, buys green and sells red', () => {
    const colored = renderDemo(FULL_STATE, { ...VIEW, paint: ansiPaint })
    expect(colored.map(stripAnsi)).toEqual(renderDemo(FULL_STATE, VIEW))
    expect(colored[3]).toContain('\x1b[31m     0.002460\x1b[0m')
    expect(colored[12]).toContain('\x1b[32m     0.002452\x1b[0m')
    expect(colored[3]).toContain('\x1b[32m▲    0.002453\x1b[0m')
    expect(colored[4]).toContain('\x1b[31m▼    0.002452\x1b[0m')
  })

  it('never draws outside the terminal, whatever its size and state', () => {
    const long = { ...FULL_STATE, lastError: 'e'.repeat(300), symbol: 'LONG-SYMBOL.B-123_ANOTHER-LONG.B-456' }
    const states = [FULL_STATE, initialDemoState('x'), long]
    const sizes = [fc.integer({ min: 1, max: 240 }), fc.integer({ min: 1, max: 80 })] as const
    fc.assert(
      fc.property(...sizes, fc.constantFrom(...states), (columns, rows, state) => {
        const lines = renderDemo(state, { ...VIEW, columns, rows, paint: ansiPaint })
        expect(lines.length).toBeLessThanOrEqual(rows)
        for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(columns)
      }),
    )
  })
})
