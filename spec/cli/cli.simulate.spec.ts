import { firstValueFrom } from 'rxjs'
import { DexSocket } from '../../src/DexSocket'
import { DexSimulator, SimulatedMarket } from '../../src/simulator'
import { CliProcess, killAll, linesOf, runCli } from './cliProcess'

afterEach(killAll)

describe('binance-dex-rx simulate', () => {
  it('prints its URL, symbols and addresses as JSON, serves them, and stops on SIGINT', async () => {
    const options = ['--seed', '7', '--symbols', 'BNB_BTCB-1DE,foo-123_bnb', '--block-interval', '100']
    const cli = new CliProcess(['simulate', '--port', '0', '--json', ...options])
    const [line] = linesOf(await cli.waitForStdout((out) => out.includes('\n')))
    const info = JSON.parse(line)
    expect(info).toMatchObject({
      url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/api\/$/),
      seed: 7,
      symbols: ['BNB_BTCB-1DE', 'FOO-123_BNB'],
    })
    // The same seed gives the same market, so the same addresses.
    expect(info.addresses).toEqual(new SimulatedMarket({ seed: 7, symbols: info.symbols }).addresses)
    expect(info.addresses.every((a: string) => a.startsWith('tbnb1'))).toBe(true)

    const dex = new DexSocket({ url: info.url })
    try {
      const [height, trade] = await Promise.all([
        firstValueFrom(dex.blockHeight()),
        firstValueFrom(dex.trades('FOO-123_BNB')),
      ])
      expect(height).toBeGreaterThanOrEqual(100_000_000)
      expect(trade.symbol).toBe('FOO-123_BNB')
    } finally {
      dex.close()
    }
    cli.child.kill('SIGINT')
    expect(await cli.exited).toMatchObject({ code: 0, signal: null, stderr: '' })
    expect(linesOf(cli.stdout)).toHaveLength(1)
  })

  it('prints a readable banner by default and stops on SIGTERM', async () => {
    const cli = new CliProcess(['simulate', '--port', '0'])
    const out = await cli.waitForStdout((text) => text.includes('Press Ctrl-C to stop.'))
    expect(out).toMatch(/^DexSimulator listening on ws:\/\/127\.0\.0\.1:\d+\/api\/\n/)
    expect(out).toContain('seed:      42')
    expect(out).toContain('symbols:   BNB_BTCB-1DE 100K-9BC_BNB BNB_USDT.B-B7C')
    expect(out.match(/tbnb1[02-9ac-hj-np-z]{38}/g)).toHaveLength(6)
    cli.child.kill('SIGTERM')
    const result = await cli.exited
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(result.stdout).toMatch(/DexSimulator stopped\n$/)
  })

  it('exits 1 when the port is taken and 2 on bad options', async () => {
    const taken = await DexSimulator.start({ market: false })
    try {
      const [inUse, duplicate, badPort] = await Promise.all([
        runCli(['simulate', '--port', String(taken.port)]),
        runCli(['simulate', '--port', '0', '--symbols', 'A_B,a_b']),
        runCli(['simulate', '--port', 'http']),
      ])
      expect(inUse.code).toBe(1)
      const message = `binance-dex-rx: cannot listen on 127.0.0.1:${taken.port}: the address is already in use (EADDRINUSE)`
      expect(linesOf(inUse.stderr)).toEqual([message])
      expect(duplicate.code).toBe(2)
      expect(duplicate.stderr).toMatch(/^binance-dex-rx: market option symbols must be distinct/)
      expect(linesOf(duplicate.stderr)[1]).toMatch(/^Usage: binance-dex-rx simulate/)
      expect(badPort.code).toBe(2)
      expect(badPort.stderr).toMatch(/^binance-dex-rx: invalid --port "http"/)
    } finally {
      await taken.stop()
    }
  })
})
