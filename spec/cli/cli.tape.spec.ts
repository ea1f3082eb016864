import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CliProcess, killAll, linesOf, runCli } from './cliProcess'

const TAPE = 'examples/tapes/testnet-2019.tape'
const SYMBOL = '100K-9BC_BNB'
const ADDRESS = 'tbnb1r4gc5ftrkr9ez2khph4h5xxd0mf0hd75jf06gw'

/** How many frames of the example tape have this label and mention this key. */
const taped = (label: string, key: string): number =>
  readFileSync(TAPE, 'utf8')
    .split('\n')
    .filter((line) => line.includes(`{\\"stream\\":\\"${label}\\"`) && line.includes(key)).length

let dir: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cli-tape-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))
afterEach(killAll)

describe('binance-dex-rx stream --tape', () => {
  it('prints the typed events of a tape with no server, and exits 0 at its end', async () => {
    const [tickers, orders] = await Promise.all([
      runCli(['stream', 'ticker', SYMBOL, '--tape', TAPE]),
      runCli(['stream', 'orders', ADDRESS, '--tape', TAPE, '--speed', '50']),
    ])
    expect(tickers).toMatchObject({ code: 0, stderr: '' })
    const events = linesOf(tickers.stdout).map((line) => JSON.parse(line))
    expect(events).toHaveLength(taped('ticker', SYMBOL))
    expect(events.every((e) => e.eventType === '24hrTicker' && e.symbol === SYMBOL)).toBe(true)
    expect(orders).toMatchObject({ code: 0, stderr: '' })
    // Bigints print as strings, exact.
    expect(linesOf(orders.stdout).map((line) => JSON.parse(line).transactionTime)).toContain('1554890366040313451')
  })

  it('names the file and the line of a tape it cannot read, and refuses server options', async () => {
    const bad = join(dir, 'bad.tape')
    writeFileSync(bad, readFileSync(TAPE, 'utf8').split('\n').slice(0, 5).join('\n') + '\n{"at":1\n{"at":2}\n')
    const [broken, missing, mixed, speed] = await Promise.all([
      runCli(['stream', 'ticker', SYMBOL, '--tape', bad]),
      runCli(['stream', 'ticker', SYMBOL, '--tape', join(dir, 'none.tape')]),
      runCli(['stream', 'ticker', SYMBOL, '--tape', TAPE, '--testnet']),
      runCli(['stream', 'ticker', SYMBOL, '--tape', TAPE, '--speed', 'fast']),
    ])
    expect(broken.code).toBe(1)
    expect(linesOf(broken.stderr)).toEqual([
      `binance-dex-rx: cannot replay ${bad}: not a tape: line 6 is not a frame {"at":<ms>,"conn":"...","frame":"..."} or a disconnect {"at":<ms>,"conn":"...","disconnect":true}`,
    ])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toBe(`binance-dex-rx: cannot replay ${join(dir, 'none.tape')}: ENOENT\n`)
    expect(mixed.code).toBe(2)
    expect(mixed.stderr).toMatch(/^binance-dex-rx: --testnet is for a server, not a --tape/)
    expect(speed.code).toBe(2)
    expect(speed.stderr).toMatch(/^binance-dex-rx: invalid --speed "fast": expected max or a positive number/)
  })
})

describe('a replaying server whose tape ends', () => {
  it('says so, closes its clients with the reason, and tells a later client at once', async () => {
    const sim = new CliProcess(['simulate', '--port', '0', '--replay', TAPE, '--speed', '20'])
    const banner = await sim.waitForStdout((out) => out.includes('Press Ctrl-C'))
    const url = /on (ws:\S+)/.exec(banner)![1]

    const watcher = await runCli(['stream', 'ticker', SYMBOL, '--url', url])
    const ended = `binance-dex-rx: the server's tape has ended (${url} closed with 4000: "the tape has ended: nothing more will be sent")`
    expect(watcher.code).toBe(0)
    expect(linesOf(watcher.stdout)).toHaveLength(taped('ticker', SYMBOL))
    expect(linesOf(watcher.stderr)).toContain(ended)
    await sim.waitForStdout((out) => out.includes('The tape has ended'))

    const late = await runCli(['stream', 'trades', SYMBOL, '--url', url])
    expect(late.code).toBe(0)
    expect(late.stdout).toBe('')
    expect(linesOf(late.stderr)).toContain(ended)
    // The hint that blames the symbol is not given: the client was told why nothing comes.
    expect(late.stderr).not.toMatch(/may not be listed/)
    sim.child.kill('SIGINT')
    expect(await sim.exited).toMatchObject({ code: 0, stderr: '' })
  })
})
