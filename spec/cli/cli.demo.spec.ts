import { execFileSync } from 'node:child_process'
import { DexSimulator, SimulatedMarket } from '../../src/simulator'
import { CLI, closedPort, killAll, linesOf, runCli } from './cliProcess'

afterEach(killAll)

const HEADER = /^ binance-dex-rx (\S+) (\d)\/3 +block (\d+)  ● live ?$/
const BOOK_ROW = /^ +([\d.]+) +([\d.]+) [█▏▎▍▌▋▊▉]* *│/
const TRADE_ROW = /│ (\d\d:\d\d:\d\d) ([▲▼·]) +([\d.]+) +([\d.]+) *$/
/** A summary line: its label, then `name value` items two spaces apart, each value captured. */
const summary = (label: string, items: [name: string, value: string][]): RegExp =>
  new RegExp(`^ ${label}${items.map(([name, value]) => `  ${name}${name && ' '}(${value})`).join('')} *$`)
const NUMBER = String.raw`[\d.]+`
const AMOUNT = String.raw`[\d.]+[kMB]?`
const KLINE = summary(String.raw`1m \d\d:\d\d`, [
  ['O', NUMBER],
  ['H', NUMBER],
  ['L', NUMBER],
  ['C', NUMBER],
  ['V', AMOUNT],
  ['n', String.raw`\d+`],
])
const TICKER = summary(String.raw`24h last (${NUMBER})`, [
  ['', String.raw`[+-]?\d+\.\d\d%`],
  ['high', NUMBER],
  ['low', NUMBER],
  ['vol', AMOUNT],
  ['trades', String.raw`\d+`],
])

/** The frames of `demo --frames`, each as its lines. */
function framesOf(stdout: string): string[][] {
  const parts = stdout.split(/^--- frame \d+ ---\n/m)
  expect(parts[0]).toBe('')
  return parts.slice(1).map((frame) => frame.replace(/\n$/, '').split('\n'))
}

/** The book's levels on screen: asks best first, then bids best first, as [price, quantity] numbers. */
function bookOf(frame: string[]): { asks: number[][]; bids: number[][] } {
  const levels = (rows: string[]) =>
    rows.map((row) => {
      const match = BOOK_ROW.exec(row)
      if (!match) throw new Error(`not a book row: "${row}"`)
      return [Number(match[1]), Number(match[2])]
    })
  expect(frame[11]).toMatch(/^ spread \d/)
  return { asks: levels(frame.slice(3, 11)).reverse(), bids: levels(frame.slice(12, 20)) }
}

describe('binance-dex-rx demo --frames', () => {
  it('renders a fixed seed’s market: book, trades, kline, ticker and a rising block height', async () => {
    const result = await runCli(['demo', '--seed', '42', '--frames', '3'])
    expect(result).toMatchObject({ code: 0, stderr: '' })
    const frames = framesOf(result.stdout)
    expect(frames).toHaveLength(3)
    const market = new SimulatedMarket({ seed: 42 })
    const heights: number[] = []
    let trades = 0
    for (const frame of frames) {
      expect(frame).toHaveLength(24)
      for (const line of frame) expect([...line].length).toBeLessThanOrEqual(80)
      expect(frame.join('\n')).not.toContain('\x1b')
      const [, symbol, position, height] = HEADER.exec(frame[0]) ?? []
      expect([symbol, position]).toEqual(['BNB_BTCB-1DE', '1'])
      heights.push(Number(height))

      // Same seed, same market: the book on screen is the simulated book at that height.
      while (market.height < Number(height)) market.block(Date.now())
      const expected = market.depth(symbol, 8)
      const { asks, bids } = bookOf(frame)
      expect(asks).toEqual(expected.asks.map(([p, q]) => [Number(p), Number(q)]))
      expect(bids).toEqual(expected.bids.map(([p, q]) => [Number(p), Number(q)]))
      expect(asks[0][0]).toBeGreaterThan(bids[0][0])

      for (const row of frame.slice(3, 20)) {
        const match = TRADE_ROW.exec(row)
        if (!match) continue
        trades++
        expect(Number(match[3])).toBeGreaterThan(0)
        expect(Number(match[4])).toBeGreaterThan(0)
      }
      const [, open, high, low, close] = (KLINE.exec(frame[21]) ?? []).map(Number)
      expect(low).toBeLessThanOrEqual(Math.min(open, close))
      expect(high).toBeGreaterThanOrEqual(Math.max(open, close))
      const [, last, , tickerHigh, tickerLow] = (TICKER.exec(frame[22]) ?? []).map(Number)
      expect(last).toBeGreaterThanOrEqual(tickerLow)
      expect(last).toBeLessThanOrEqual(tickerHigh)
      expect(frame[23].trim()).toBe('simulator (seed 42)')
    }
    expect(heights[1]).toBeGreaterThan(heights[0])
    expect(heights[2]).toBeGreaterThan(heights[1])
    expect(trades).toBeGreaterThan(0)
  })

  it('shows the --symbol asked for, sized by COLUMNS and LINES', async () => {
    const size = { COLUMNS: '120', LINES: '30' }
    const result = await runCli(['demo', '--symbol', '100k-9bc_bnb', '--frames', '1'], size)
    expect(result).toMatchObject({ code: 0, stderr: '' })
    const [frame] = framesOf(result.stdout)
    expect(frame).toHaveLength(30)
    expect(frame.every((line) => [...line].length === 120)).toBe(true)
    expect(frame[0]).toMatch(/^ binance-dex-rx 100K-9BC_BNB 2\/3 /)
  })

  it('watches another server with --url, choosing its most traded symbol', async () => {
    const sim = await DexSimulator.start({ market: { seed: 3, blockIntervalMs: 100 } })
    try {
      const result = await runCli(['demo', '--url', sim.url, '--frames', '1'])
      expect(result).toMatchObject({ code: 0, stderr: '' })
      const [frame] = framesOf(result.stdout)
      expect(sim.market!.symbols).toContain(HEADER.exec(frame[0])?.[1])
      expect(frame[23].trim()).toBe(sim.url)
    } finally {
      await sim.stop()
    }
  })

  it('exits 1 when the server cannot be reached and 2 for a symbol it does not simulate', async () => {
    const dead = `ws://127.0.0.1:${await closedPort()}/api/`
    const [unreachable, unknown] = await Promise.all([
      runCli(['demo', '--url', dead, '--frames', '1']),
      runCli(['demo', '--symbol', 'NOPE_BNB']),
    ])
    expect(unreachable.code).toBe(1)
    const connectError = expect.stringMatching(/^binance-dex-rx: cannot connect: .*ECONNREFUSED/)
    expect(linesOf(unreachable.stderr)).toEqual([connectError])
    expect(unknown.code).toBe(2)
    const choices = 'BNB_BTCB-1DE, 100K-9BC_BNB, BNB_USDT.B-B7C'
    const message = `binance-dex-rx: --symbol NOPE_BNB is not simulated; choose one of ${choices}`
    expect(linesOf(unknown.stderr)[0]).toBe(message)
  })
})

describe('binance-dex-rx demo in a real terminal (tmux, 80x24)', () => {
  const socket = `binance-dex-rx-cli-${process.pid}`
  const tmux = (...args: string[]): string =>
    execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  const screen = (): string[] => tmux('capture-pane', '-p', '-t', 'demo').replace(/\n$/, '').split('\n')

  /** Polls the pane until `check` holds; a screen that never gets there fails on jest's timeout. */
  async function until(check: (lines: string[]) => boolean): Promise<string[]> {
    for (;;) {
      const lines = screen()
      if (check(lines)) return lines
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  afterAll(() => {
    try {
      tmux('kill-server')
    } catch {
      // Already gone.
    }
  })

  it('draws full-screen, switches symbol on Tab, quits on q and restores the screen', async () => {
    const shell = `TZ=UTC node ${CLI} demo; echo "exit code $?"; sleep 600`
    tmux('new-session', '-d', '-s', 'demo', '-x', '80', '-y', '24', shell)
    const live = await until((lines) => HEADER.test(lines[0] ?? '') && KLINE.test(lines[21] ?? ''))
    expect(live).toHaveLength(24)
    expect(HEADER.exec(live[0])?.[1]).toBe('BNB_BTCB-1DE')
    expect(live[23]).toMatch(/^ q quit  s\/tab next symbol +simulator \(seed 42\)$/)
    expect(tmux('display', '-p', '-t', 'demo', '#{alternate_on} #{cursor_flag}').trim()).toBe('1 0')

    tmux('send-keys', '-t', 'demo', 'Tab')
    await until((lines) => HEADER.exec(lines[0] ?? '')?.[1] === '100K-9BC_BNB' && KLINE.test(lines[21] ?? ''))

    tmux('send-keys', '-t', 'demo', 'q')
    const after = await until((lines) => lines.some((line) => line.startsWith('exit code')))
    expect(after.find((line) => line.startsWith('exit code'))).toBe('exit code 0')
    expect(after.join('\n')).not.toContain('Order book')
    expect(tmux('display', '-p', '-t', 'demo', '#{alternate_on} #{cursor_flag}').trim()).toBe('0 1')
  })
})
