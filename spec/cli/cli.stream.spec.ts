import { filter, firstValueFrom } from 'rxjs'
import { DexSimulator, type ClientMessage } from '../../src/simulator'
import { CliProcess, closedPort, killAll, linesOf, runCli } from './cliProcess'

const SYMBOL = 'BNB_BTCB-1DE'
const DECIMAL = /^\d+\.\d{8}$/
const NANOS = /^\d{19}$/

let sim: DexSimulator
let url: string
let address: string

beforeAll(async () => {
  sim = await DexSimulator.start({ market: { seed: 7, blockIntervalMs: 100 } })
  url = sim.url
  address = sim.market!.addresses[0]
})
afterEach(killAll)
afterAll(() => sim.stop())

/** Runs `stream …` against the simulator; expects exit 0 and no stderr; returns the NDJSON lines parsed. */
async function stream(...args: string[]): Promise<any[]> {
  const result = await runCli(['stream', ...args, '--url', url])
  expect(result).toMatchObject({ code: 0, stderr: '' })
  return linesOf(result.stdout).map((line) => JSON.parse(line))
}

describe('binance-dex-rx stream', () => {
  it('prints --count trades as NDJSON, with bigint times as strings', async () => {
    const trades = await stream('trades', SYMBOL, '--count', '3')
    expect(trades).toHaveLength(3)
    for (const t of trades) {
      expect(t).toMatchObject({ eventType: 'trade', symbol: SYMBOL, price: expect.stringMatching(DECIMAL) })
      expect(t.tradeTime).toMatch(NANOS)
    }
  })

  it('takes one block height with --one-off', async () => {
    const [height, ...rest] = await stream('blockheight', '--one-off')
    expect(rest).toEqual([])
    expect(Number.isInteger(height) && height >= 100_000_000).toBe(true)
  })

  it('prints marketDepth with --levels, kline_<interval>, ticker and allMiniTickers', async () => {
    const [[depth], [kline], [ticker], [minis]] = await Promise.all([
      stream('marketDepth', SYMBOL, '--levels', '100', '--one-off'),
      stream('kline_5m', SYMBOL, '--one-off'),
      stream('ticker', SYMBOL.toLowerCase(), '--one-off'),
      stream('allMiniTickers', '--one-off'),
    ])
    expect(depth).toMatchObject({ symbol: SYMBOL, lastUpdateId: expect.any(Number) })
    expect(depth.bids.length).toBeGreaterThan(20)
    expect(depth.bids.length).toBeLessThanOrEqual(100)
    expect(Number(depth.asks[0][0])).toBeGreaterThan(Number(depth.bids[0][0]))
    expect(kline).toMatchObject({ eventType: 'kline', symbol: SYMBOL, interval: '5m' })
    expect(ticker).toMatchObject({
      eventType: '24hrTicker',
      symbol: SYMBOL,
      lastPrice: expect.stringMatching(DECIMAL),
    })
    expect(minis.map((m: { symbol: string }) => m.symbol).sort()).toEqual([...sim.market!.symbols].sort())
  })

  it('prints an address’s orders and userEvents', async () => {
    const [orders, events] = await Promise.all([
      stream('orders', address, '--count', '2'),
      stream('userEvents', address, '--count', '4'),
    ])
    for (const o of orders) {
      expect(o).toMatchObject({ eventType: 'executionReport', side: expect.stringMatching(/^(buy|sell)$/) })
      expect(o.transactionTime).toMatch(NANOS)
    }
    expect(events).toHaveLength(4)
    const types = ['executionReport', 'outboundAccountInfo', 'outboundTransferInfo']
    for (const e of events) expect(types).toContain(e.eventType)
  })

  it('prints each decode error as one stderr line and goes on', async () => {
    const quiet = await DexSimulator.start({ market: false })
    try {
      const cli = new CliProcess(['stream', 'trades', SYMBOL, '--url', quiet.url, '--count', '1'])
      const isSubscribe = (m: ClientMessage): boolean =>
        (m.json as { method?: string } | undefined)?.method === 'subscribe'
      await firstValueFrom(quiet.messages$.pipe(filter(isSubscribe)))
      quiet.publish('trades', [{ e: 'trade', s: SYMBOL, p: 12 }])
      quiet.publish('trades', [
        { e: 'trade', E: 5, s: SYMBOL, t: '5-0', p: '0.1', q: '2', b: 'B', a: 'S', T: 1, sa: 'x', ba: 'y' },
      ])
      const result = await cli.exited
      expect(result.code).toBe(0)
      const printed = linesOf(result.stdout).map((l) => JSON.parse(l))
      expect(printed).toEqual([expect.objectContaining({ tradeId: '5-0' })])
      const errors = linesOf(result.stderr)
      expect(errors).toHaveLength(1)
      expect(errors[0]).toMatch(/^binance-dex-rx: DexDecodeError: /)
    } finally {
      await quiet.stop()
    }
  })

  it('exits 0 without a word on SIGINT and SIGTERM', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const cli = new CliProcess(['stream', 'blockheight', '--url', url])
      await cli.waitForStdout((out) => out.includes('\n'))
      cli.child.kill(signal)
      expect(await cli.exited).toMatchObject({ code: 0, signal: null, stderr: '' })
    }
  })

  it('exits 0 quietly when its reader goes away (EPIPE)', async () => {
    const cli = new CliProcess(['stream', 'blockheight', '--url', url])
    await cli.waitForStdout((out) => out.includes('\n'))
    cli.child.stdout.destroy()
    expect(await cli.exited).toMatchObject({ code: 0, signal: null, stderr: '' })
  })
})

describe('binance-dex-rx stream: failures', () => {
  it('exits 1 with one clear line when the server cannot be reached', async () => {
    const dead = `ws://127.0.0.1:${await closedPort()}/api/`
    const result = await runCli(['stream', 'blockheight', '--url', dead])
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    const lines = linesOf(result.stderr)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^binance-dex-rx: cannot connect: .*ws:\/\/127\.0\.0\.1:\d+\/api\/ws/)
    expect(lines[0]).toContain('ECONNREFUSED')
  })

  it('exits 1 when the server refuses the upgrade', async () => {
    const refusing = await DexSimulator.start({ market: false })
    refusing.refuseConnections(true)
    try {
      const result = await runCli(['stream', 'trades', SYMBOL, '--url', refusing.url])
      expect(result.code).toBe(1)
      const refused = expect.stringMatching(/^binance-dex-rx: cannot connect: .*503/)
      expect(linesOf(result.stderr)).toEqual([refused])
    } finally {
      await refusing.stop()
    }
  })

  it('exits 2 on bad arguments, with one error line and the usage', async () => {
    const cases: [string[], string][] = [
      [['stream', 'trades'], 'trades needs a symbol'],
      [['stream', 'trades', 'BNB', '--url', 'ws://127.0.0.1:1/api/'], 'Invalid symbol "BNB"'],
      [['stream', 'accounts', 'bnb1notanaddress'], 'Invalid address "bnb1notanaddress"'],
      [['stream', 'kline', SYMBOL, '--interval', '7m'], 'invalid --interval "7m"'],
      [['stream', 'trades', SYMBOL, '--count', '-1'], "option '--count' argument is ambiguous"],
      [['bogus'], 'unknown command "bogus"'],
    ]
    const results = await Promise.all(cases.map(([args]) => runCli(args)))
    results.forEach((result, i) => {
      expect(result.code).toBe(2)
      expect(result.stdout).toBe('')
      const [error, usage, hint, ...rest] = linesOf(result.stderr)
      expect(error).toMatch(/^binance-dex-rx: /)
      expect(error).toContain(cases[i][1])
      expect(usage).toMatch(/^Usage: binance-dex-rx /)
      expect(hint).toMatch(/^Run 'binance-dex-rx (stream )?--help' for more\.$/)
      expect(rest).toEqual([])
    })
  })

  it('prints help and version with exit 0', async () => {
    const [help, streamHelp, version] = await Promise.all([
      runCli(['--help']),
      runCli(['stream', '-h']),
      runCli(['--version']),
    ])
    expect(help).toMatchObject({ code: 0, stderr: '' })
    expect(help.stdout).toMatch(/^Usage: binance-dex-rx <command>/)
    expect(streamHelp.stdout).toContain('userEvents')
    expect(version.stdout).toBe(`${require('../../package.json').version}\n`)
  })
})
