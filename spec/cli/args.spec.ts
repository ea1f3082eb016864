import { parseCli } from '../../src/cli/args'
import { DEFAULT_PORT, DEFAULT_SEED, type CliCommand } from '../../src/cli/commands'
import { UsageError } from '../../src/cli/UsageError'

const parse = (line: string): CliCommand => parseCli(line.split(' ').filter(Boolean))

/** The UsageError a command line throws (fails the test when it does not throw one). */
function usageError(line: string): UsageError {
  try {
    parse(line)
  } catch (error) {
    if (error instanceof UsageError) return error
    throw error
  }
  throw new Error(`expected "${line}" to be rejected`)
}

describe('parseCli', () => {
  describe('stream', () => {
    it('reads a symbol topic with the mainnet default', () => {
      const c = parse('stream trades BNB_BTCB-1DE')
      expect(c).toMatchObject({ kind: 'stream', key: 'BNB_BTCB-1DE', endpoint: { network: 'mainnet' } })
      expect(c.kind === 'stream' && c.topic.name).toBe('trades')
      expect(c.kind === 'stream' && c.count).toBeUndefined()
    })

    it('reads --url, --testnet, --count and --one-off', () => {
      expect(parse('stream blockheight --url ws://127.0.0.1:9/api/ --count 3')).toMatchObject({
        key: '',
        endpoint: { network: 'mainnet', url: 'ws://127.0.0.1:9/api/' },
        count: 3,
      })
      expect(parse('stream allTickers --testnet --one-off')).toMatchObject({
        endpoint: { network: 'testnet' },
        count: 1,
      })
    })

    it('matches topics without regard to case and takes kline_<interval>', () => {
      const c = parse('stream BLOCKHEIGHT')
      expect(c.kind === 'stream' && c.topic.name).toBe('blockheight')
      const k = parse('stream kline_1M BNB_BTCB-1DE')
      expect(k.kind === 'stream' && [k.topic.name, k.settings.interval]).toEqual(['kline', '1M'])
      const k2 = parse('stream klines BNB_BTCB-1DE --interval 15m')
      expect(k2.kind === 'stream' && k2.settings.interval).toBe('15m')
    })

    it('reads --levels for marketDepth, 20 by default', () => {
      const d = parse('stream marketDepth X_Y --levels 500')
      expect(d.kind === 'stream' && d.settings.levels).toBe(500)
      const d20 = parse('stream marketDepth X_Y')
      expect(d20.kind === 'stream' && d20.settings.levels).toBe(20)
    })

    it.each([
      ['stream', 'missing topic'],
      ['stream nope', 'unknown topic "nope"'],
      ['stream trades', 'trades needs a symbol'],
      ['stream orders', 'orders needs an address'],
      ['stream blockheight extra', 'unexpected argument "extra"'],
      ['stream trades A_B extra', 'unexpected argument "extra"'],
      ['stream kline A_B', 'kline needs --interval'],
      ['stream kline A_B --interval 2m', 'invalid --interval "2m"'],
      ['stream trades A_B --interval 1m', '--interval is for kline only'],
      ['stream trades A_B --levels 100', '--levels is for marketDepth only'],
      ['stream marketDepth A_B --levels 50', 'invalid --levels "50"'],
      ['stream trades A_B --count 0', 'invalid --count "0"'],
      ['stream trades A_B --count x', 'invalid --count "x"'],
      ['stream trades A_B --count 2 --one-off', 'use --one-off or --count, not both'],
      ['stream trades A_B --url ws://h/ --testnet', 'use --url or --testnet, not both'],
      ['stream trades A_B --url http://h/', 'invalid --url "http://h/"'],
      ['stream trades A_B --bogus', 'unknown option --bogus'],
      ['stream trades A_B -x', 'unknown option -x'],
      ['stream trades A_B --count', '--count needs a value'],
      ['stream trades A_B --count --one-off', '--count needs a value'],
      ['stream trades A_B --count -1', 'invalid --count "-1": expected a whole number from 1 to 1000000000'],
      ['stream trades A_B --count=-1', 'invalid --count "-1": expected a whole number from 1 to 1000000000'],
      ['stream trades A_B --quiet=yes', '--quiet takes no value'],
      ['stream trades A_B --one-off=1', '--one-off takes no value'],
      ['stream trades A_B --max-attempts -2', 'invalid --max-attempts "-2": expected a whole number from 0 to 1000000000'],
      ['stream trades A_B --max-attempts 2 --forever', 'use --forever or --max-attempts, not both'],
      ['stream trades A_B --warn-after x', 'invalid --warn-after "x": expected a whole number from 0 to 86400'],
    ])('rejects "%s": %s', (line, message) => {
      const error = usageError(line)
      expect(error.message).toContain(message)
      expect(error.message).not.toContain('\n')
      expect(error.command).toBe('stream')
    })

    it.each([
      ['simulate --port -1', 'invalid --port "-1": expected a whole number from 0 to 65535', 'simulate'],
      ['demo --frames -3', 'invalid --frames "-3": expected a whole number from 1 to 1000000000', 'demo'],
      ['demo --seed -3', undefined, 'demo'],
    ])('reads a negative value as the value of its option: "%s"', (line, message, command) => {
      if (message === undefined) return void expect(parse(line)).toMatchObject({ kind: command, seed: -3 })
      expect(usageError(line)).toMatchObject({ message, command })
    })

    it('reads --max-attempts, --forever, --warn-after and --quiet', () => {
      expect(parse('stream trades A_B')).toMatchObject({ maxAttempts: 3, progress: true, warnAfterMs: 10_000 })
      expect(parse('stream trades A_B --max-attempts 0 -q')).toMatchObject({ maxAttempts: 0, progress: false })
      expect(parse('stream trades A_B --forever --quiet')).toMatchObject({ maxAttempts: Infinity, progress: false })
      expect(parse('stream trades A_B --warn-after 0')).toMatchObject({ warnAfterMs: 0 })
      expect(parse('stream trades A_B --warn-after 30')).toMatchObject({ warnAfterMs: 30_000 })
    })
  })

  describe('simulate', () => {
    it('has defaults', () => {
      expect(parse('simulate')).toEqual({
        kind: 'simulate',
        port: DEFAULT_PORT,
        host: '127.0.0.1',
        seed: DEFAULT_SEED,
        symbols: undefined,
        blockIntervalMs: undefined,
        warmUpMinutes: 30,
        replay: undefined,
        json: false,
      })
    })

    it('reads every option; --symbols takes commas and repeats', () => {
      const line = 'simulate --port 0 --seed=-7 --symbols a_b,C_D --symbols e_f --block-interval 100 --json'
      expect(parse(line)).toMatchObject({
        port: 0,
        seed: -7,
        symbols: ['A_B', 'C_D', 'E_F'],
        blockIntervalMs: 100,
        json: true,
      })
    })

    it.each([
      ['simulate --port 70000', 'invalid --port "70000"'],
      ['simulate --seed 1.5', 'invalid --seed "1.5"'],
      ['simulate --symbols BNB', 'invalid --symbols: Invalid symbol "BNB"'],
      ['simulate --symbols A_B,,C_D', 'invalid --symbols "A_B,,C_D"'],
      ['simulate --block-interval 0', 'invalid --block-interval "0"'],
      ['simulate now', 'unexpected argument "now"'],
    ])('rejects "%s"', (line, message) => {
      const error = usageError(line)
      expect(error.message).toContain(message)
      expect(error.command).toBe('simulate')
    })
  })

  describe('simulate --replay and record', () => {
    it('reads --replay, --speed and --loop, and --warm-up for a market', () => {
      expect(parse('simulate --replay t.tape --speed 2.5 --loop')).toMatchObject({
        replay: { file: 't.tape', speed: 2.5, loop: true },
      })
      expect(parse('simulate --replay t.tape')).toMatchObject({
        replay: { file: 't.tape', speed: 1, loop: false },
      })
      expect(parse('simulate --warm-up 0')).toMatchObject({ warmUpMinutes: 0, replay: undefined })
    })

    it('reads record', () => {
      expect(
        parse('record --url ws://h:1/api/ --out a.tape --duration 5 A_B@trades $all@blockheight'),
      ).toEqual({
        kind: 'record',
        url: 'ws://h:1/api/',
        out: 'a.tape',
        durationS: 5,
        streams: ['A_B@trades', '$all@blockheight'],
      })
      expect(parse('record -h')).toEqual({ kind: 'help', command: 'record' })
    })

    it.each([
      ['simulate --replay t.tape --seed 3', '--seed is for the simulated market, not a --replay'],
      ['simulate --replay t.tape --warm-up 3', '--warm-up is for the simulated market'],
      ['simulate --speed 2', '--speed needs --replay'],
      ['simulate --loop', '--loop needs --replay'],
      ['simulate --replay t.tape --speed 0', 'invalid --speed "0"'],
      ['simulate --replay t.tape --speed fast', 'invalid --speed "fast"'],
      ['record --out a.tape A_B@trades', 'missing --url'],
      ['record --url ws://h/ A_B@trades', 'missing --out'],
      ['record --url ws://h/ --out a.tape', 'missing stream'],
      ['record --url http://h/ --out a.tape A_B@trades', 'invalid --url "http://h/"'],
      ['record --url ws://h/ --out a.tape --duration 0 A_B@trades', 'invalid --duration "0"'],
    ])('rejects "%s": %s', (line, message) => {
      expect(usageError(line).message).toContain(message)
    })
  })

  describe('import', () => {
    it('reads import tardis with its paths and --out', () => {
      expect(parse('import tardis a.json.gz cache/feeds --out day.tape')).toEqual({
        kind: 'import',
        paths: ['a.json.gz', 'cache/feeds'],
        out: 'day.tape',
      })
      expect(parse('import --help')).toEqual({ kind: 'help', command: 'import' })
      expect(parse('help import')).toEqual({ kind: 'help', command: 'import' })
    })

    it.each([
      ['import', 'missing source: import tardis <path>... --out <tape>'],
      ['import kaiko a.csv --out t.tape', 'unknown source "kaiko": expected tardis'],
      ['import tardis --out t.tape', 'missing path'],
      ['import tardis a.json', 'missing --out'],
      ['import tardis a.json --out', '--out needs a value'],
      ['import tardis a.json --out t.tape --speed 2', 'unknown option --speed'],
    ])('rejects "%s": %s', (line, message) => {
      const error = usageError(line)
      expect(error.message).toContain(message)
      expect(error.command).toBe('import')
    })
  })

  describe('demo', () => {
    it('defaults to the embedded simulator', () => {
      expect(parse('demo')).toEqual({
        kind: 'demo',
        seed: DEFAULT_SEED,
        symbol: undefined,
        endpoint: undefined,
        frames: undefined,
      })
    })

    it('reads --seed, --symbol and --frames, or a remote endpoint', () => {
      const local = parse('demo --seed 3 --symbol bnb_btcb-1de --frames 2')
      expect(local).toMatchObject({ seed: 3, symbol: 'BNB_BTCB-1DE', frames: 2 })
      expect(parse('demo --testnet')).toMatchObject({ endpoint: { network: 'testnet' } })
      const remote = parse('demo --url ws://127.0.0.1:1/api/')
      expect(remote).toMatchObject({ endpoint: { url: 'ws://127.0.0.1:1/api/' } })
    })

    it.each([
      ['demo --url ws://h/ --seed 1', '--seed is for the embedded simulator only'],
      ['demo --frames 0', 'invalid --frames "0"'],
      ['demo --symbol nope', 'invalid --symbol'],
      ['demo extra', 'unexpected argument "extra"'],
    ])('rejects "%s"', (line, message) => {
      expect(usageError(line).message).toContain(message)
    })
  })

  it('reads help and version', () => {
    expect(parse('--help')).toEqual({ kind: 'help' })
    expect(parse('-h')).toEqual({ kind: 'help' })
    expect(parse('help demo')).toEqual({ kind: 'help', command: 'demo' })
    expect(parse('stream -h')).toEqual({ kind: 'help', command: 'stream' })
    expect(parse('simulate --help')).toEqual({ kind: 'help', command: 'simulate' })
    expect(parse('--version')).toEqual({ kind: 'version' })
  })

  it('rejects a missing or unknown command', () => {
    expect(usageError('').message).toBe('missing command')
    expect(usageError('serve').message).toBe('unknown command "serve"')
    expect(usageError('--port').message).toBe('unknown option --port')
    expect(usageError('help me').message).toBe('unknown command "me"')
  })
})
