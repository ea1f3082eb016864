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
  const result = await runCli(['stream', ...args, '--url', url, '--quiet'])
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

  it('logs the connection and every frame on stderr with --verbose, events alone on stdout', async () => {
    const result = await runCli(['stream', 'trades', SYMBOL, '--url', url, '--count', '2', '--verbose'])
    expect(result.code).toBe(0)
    expect(linesOf(result.stdout).map((line) => JSON.parse(line).eventType)).toEqual(['trade', 'trade'])
    const log = result.stderr.split('\n')
    const wsUrl = `${url.replace(/\/$/, '')}/ws`
    expect(log).toContain(`binance-dex-rx [info] connection "market" connecting to ${wsUrl}`)
    expect(log).toContain('binance-dex-rx [info] connection "market" open')
    expect(log).toContain(
      `binance-dex-rx [debug] connection "market" sent a frame: {"method":"subscribe","topic":"trades","symbols":["${SYMBOL}"]}`,
    )
    expect(log.some((l) => l.startsWith('binance-dex-rx [debug] connection "market" received a frame: {"stream":"trades"'))).toBe(true)
    expect(log).toContain(
      `binance-dex-rx [debug] connection "market" sent a frame: {"method":"unsubscribe","topic":"trades","symbols":["${SYMBOL}"]}`,
    )
    expect(log).toContain('binance-dex-rx [info] connection "market" closed: no subscriptions left')
  })

  it('refuses --verbose with --quiet', async () => {
    const result = await runCli(['stream', 'trades', SYMBOL, '--url', url, '--verbose', '--quiet'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/use --verbose or --quiet, not both/)
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
      const cli = new CliProcess(['stream', 'trades', SYMBOL, '--url', quiet.url, '--count', '1', '-q'])
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
      const cli = new CliProcess(['stream', 'blockheight', '--url', url, '--quiet'])
      await cli.waitForStdout((out) => out.includes('\n'))
      cli.child.kill(signal)
      expect(await cli.exited).toMatchObject({ code: 0, signal: null, stderr: '' })
    }
  })

  it('exits 0 quietly when its reader goes away (EPIPE)', async () => {
    const cli = new CliProcess(['stream', 'blockheight', '--url', url, '--quiet'])
    await cli.waitForStdout((out) => out.includes('\n'))
    cli.child.stdout.destroy()
    expect(await cli.exited).toMatchObject({ code: 0, signal: null, stderr: '' })
  })
})

describe('binance-dex-rx stream: progress and patience', () => {
  it('reports connecting and connected on stderr, and only events on stdout', async () => {
    const result = await runCli(['stream', 'blockheight', '--url', url, '--count', '2'])
    expect(result.code).toBe(0)
    expect(linesOf(result.stderr)).toEqual([
      `binance-dex-rx: connecting to ${url} …`,
      `binance-dex-rx: connected to ${url}`,
    ])
    expect(linesOf(result.stdout).map(Number).every((h) => h >= 100_000_000)).toBe(true)
  })

  it('reports each failed attempt with its delay, and gives up after --max-attempts', async () => {
    const dead = `ws://127.0.0.1:${await closedPort()}/api/`
    const [none, two] = await Promise.all([
      runCli(['stream', 'blockheight', '--url', dead, '--max-attempts', '0']),
      runCli(['stream', 'blockheight', '--url', dead, '--max-attempts', '2']),
    ])
    expect(none.code).toBe(1)
    expect(linesOf(none.stderr)).toEqual([
      `binance-dex-rx: connecting to ${dead} …`,
      expect.stringMatching(/^binance-dex-rx: cannot connect: .*ECONNREFUSED.*; gave up after 0 reconnection attempts$/),
    ])
    expect(two.code).toBe(1)
    expect(linesOf(two.stderr)).toEqual([
      `binance-dex-rx: connecting to ${dead} …`,
      expect.stringMatching(/^binance-dex-rx: connection failed or lost; reconnecting in \d+ ms \(attempt 1 of 2\)$/),
      expect.stringMatching(/^binance-dex-rx: connection failed or lost; reconnecting in \d+ ms \(attempt 2 of 2\)$/),
      expect.stringMatching(/^binance-dex-rx: cannot connect: .*; gave up after 2 reconnection attempts$/),
    ])
  })

  it('with --forever, outlives a server restart that takes longer than the default attempts', async () => {
    const first = await DexSimulator.start({ market: { seed: 3, blockIntervalMs: 100 } })
    const port = Number(new URL(first.url).port)
    let second: DexSimulator | undefined
    const cli = new CliProcess(['stream', 'blockheight', '--url', first.url, '--forever'])
    try {
      await cli.waitForStdout((out) => linesOf(out).length >= 2)
      await first.stop()
      // More failed attempts than the default allows: without --forever the command would have given up.
      await cli.waitForStderr((err) => /attempt 5\)/.test(err))
      expect(cli.child.exitCode).toBeNull()
      const before = linesOf(cli.stdout).length
      second = await DexSimulator.start({ port, market: { seed: 3, blockIntervalMs: 100 } })
      await cli.waitForStdout((out) => linesOf(out).length >= before + 2)
      await cli.waitForStderr((err) => /reconnected after \d+ ms without data/.test(err))
      expect(cli.stderr).not.toMatch(/ of \d+\)/) // no limit to announce
      cli.child.kill('SIGINT')
      expect(await cli.exited).toMatchObject({ code: 0 })
    } finally {
      await second?.stop()
    }
  })

  it('warns when a symbol sends nothing after connecting, and goes on', async () => {
    const cli = new CliProcess(['stream', 'trades', 'FOO-123_BNB', '--url', url, '--warn-after', '1', '-q'])
    const stderr = await cli.waitForStderr((err) => err.includes('\n'))
    expect(linesOf(stderr)).toEqual([
      `binance-dex-rx: warning: no trades event for FOO-123_BNB in the 1 s since connecting; the symbol may not be listed on ${url} (a simulator prints its symbols when it starts)`,
    ])
    expect(cli.child.exitCode).toBeNull()
    cli.child.kill('SIGTERM')
    expect(await cli.exited).toMatchObject({ code: 0, stdout: '' })
  })

  it('does not warn about a symbol that trades', async () => {
    const cli = new CliProcess(['stream', 'trades', SYMBOL, '--url', url, '--warn-after', '1', '-q'])
    // Trades spanning twice the warning's delay in market time (blocks come in real time).
    const span = (out: string): bigint => {
      const times = linesOf(out).map((line) => BigInt(JSON.parse(line).tradeTime))
      return times.length < 2 ? 0n : times[times.length - 1] - times[0]
    }
    await cli.waitForStdout((out) => span(out) > 2_000_000_000n)
    cli.child.kill('SIGTERM')
    expect(await cli.exited).toMatchObject({ code: 0, stderr: '' })
  })
})

describe('binance-dex-rx stream: failures', () => {
  it('exits 1 with one clear line when the server cannot be reached', async () => {
    const dead = `ws://127.0.0.1:${await closedPort()}/api/`
    const result = await runCli(['stream', 'blockheight', '--url', dead, '--quiet'])
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
      const result = await runCli(['stream', 'trades', SYMBOL, '--url', refusing.url, '-q'])
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
      [['stream', 'trades', SYMBOL, '--count', '-1'], 'invalid --count "-1": expected a whole number from 1'],
      [['stream', 'trades', SYMBOL, '--count'], '--count needs a value'],
      [['stream', 'trades', SYMBOL, '--max-attempts', '-1'], 'invalid --max-attempts "-1"'],
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
