import { parseArgs } from 'node:util'
import type { DepthLevels } from '../DexSocket'
import { DexInputError } from '../errors'
import { depthSpec } from '../internal/topicTable'
import { checkSymbol } from '../internal/validate'
import { KLINE_INTERVALS, type KlineInterval } from '../KlineInterval'
import {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_PORT,
  DEFAULT_SEED,
  DEFAULT_WARM_UP_MINUTES,
  DEFAULT_WARN_AFTER_S,
  type CliCommand,
  type CommandName,
  type Endpoint,
} from './commands'
import { findTopic } from './streamTopics'
import { UsageError } from './UsageError'

const COMMANDS: readonly CommandName[] = ['stream', 'simulate', 'record', 'import', 'demo']
const HELP = { help: { type: 'boolean', short: 'h' } } as const
const ENDPOINT = { url: { type: 'string' }, testnet: { type: 'boolean' } } as const

/**
 * @internal
 * Reads `argv` (without node and the script). Throws {@link UsageError} for anything it cannot accept,
 * naming the offending argument; symbols and addresses are checked later, by the DexSocket methods.
 */
export function parseCli(argv: readonly string[]): CliCommand {
  const [first, ...rest] = argv
  if (first === undefined) throw new UsageError('missing command')
  if (first === '-h' || first === '--help') return { kind: 'help' }
  if (first === '--version') return { kind: 'version' }
  if (first === 'help') {
    const command = rest[0] as CommandName | undefined
    if (command !== undefined && !COMMANDS.includes(command)) {
      throw new UsageError(`unknown command "${command}"`)
    }
    return { kind: 'help', command }
  }
  if (first === 'stream') return parseStream(rest)
  if (first === 'simulate') return parseSimulate(rest)
  if (first === 'record') return parseRecord(rest)
  if (first === 'import') return parseImport(rest)
  if (first === 'demo') return parseDemo(rest)
  throw new UsageError(first.startsWith('-') ? `unknown option ${first}` : `unknown command "${first}"`)
}

function parseStream(args: readonly string[]): CliCommand {
  const options = {
    ...HELP,
    ...ENDPOINT,
    interval: { type: 'string' },
    levels: { type: 'string' },
    'one-off': { type: 'boolean' },
    count: { type: 'string' },
    'max-attempts': { type: 'string' },
    forever: { type: 'boolean' },
    'warn-after': { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    verbose: { type: 'boolean', short: 'v' },
    tape: { type: 'string' },
    speed: { type: 'string' },
  } as const
  const { values, positionals } = parse('stream', args, options)
  if (values.help) return { kind: 'help', command: 'stream' }
  const bad = (message: string): never => {
    throw new UsageError(message, 'stream')
  }
  const [name, key, extra] = positionals
  if (name === undefined) bad('missing topic')
  const found = findTopic(name) ?? bad(`unknown topic "${name}"`)
  const { topic } = found
  const article = topic.key === 'address' ? 'an' : 'a'
  if (topic.key !== 'none' && key === undefined) bad(`${topic.name} needs ${article} ${topic.key}`)
  const unexpected = topic.key === 'none' ? key : extra
  if (unexpected !== undefined) bad(`unexpected argument "${unexpected}"`)
  const interval = values.interval ?? found.interval
  if (topic.name === 'kline' && interval === undefined) bad('kline needs --interval')
  if (topic.name !== 'kline' && interval !== undefined) bad('--interval is for kline only')
  if (interval !== undefined && !(KLINE_INTERVALS as readonly string[]).includes(interval)) {
    bad(`invalid --interval "${interval}": expected one of ${KLINE_INTERVALS.join(' ')}`)
  }
  if (values.levels !== undefined && topic.name !== 'marketDepth') bad('--levels is for marketDepth only')
  const levels = parseLevels(values.levels)
  if (values['one-off'] && values.count !== undefined) bad('use --one-off or --count, not both')
  const count = values['one-off'] ? 1 : optionalInteger('stream', '--count', values.count, 1)
  const settings = { interval: interval as KlineInterval | undefined, levels }
  if (values.forever && values['max-attempts'] !== undefined) bad('use --forever or --max-attempts, not both')
  if (values.verbose && values.quiet) bad('use --verbose or --quiet, not both')
  const maxAttempts = values.forever
    ? Infinity
    : (optionalInteger('stream', '--max-attempts', values['max-attempts'], 0) ?? DEFAULT_MAX_ATTEMPTS)
  const warnAfterS = optionalInteger('stream', '--warn-after', values['warn-after'], 0, 86_400) ?? DEFAULT_WARN_AFTER_S
  if (values.tape === undefined && values.speed !== undefined) bad('--speed needs --tape')
  if (values.tape !== undefined) {
    const serverOnly = (['url', 'testnet', 'max-attempts', 'forever', 'warn-after'] as const).find(
      (o) => values[o] !== undefined,
    )
    if (serverOnly !== undefined) bad(`--${serverOnly} is for a server, not a --tape`)
    if (values.tape === '') bad('--tape needs a file')
  }
  return {
    kind: 'stream',
    topic,
    key: key ?? '',
    settings,
    endpoint: endpoint('stream', values),
    count,
    maxAttempts,
    progress: !values.quiet,
    verbose: values.verbose === true,
    warnAfterMs: warnAfterS * 1000,
    ...(values.tape !== undefined && {
      tape: { file: values.tape, speed: values.speed === 'max' || values.speed === undefined ? 'max' : speedOf('stream', values.speed) },
    }),
  }
}

function parseSimulate(args: readonly string[]): CliCommand {
  const options = {
    ...HELP,
    port: { type: 'string' },
    host: { type: 'string' },
    seed: { type: 'string' },
    symbols: { type: 'string', multiple: true },
    'block-interval': { type: 'string' },
    'warm-up': { type: 'string' },
    replay: { type: 'string' },
    speed: { type: 'string' },
    loop: { type: 'boolean' },
    json: { type: 'boolean' },
  } as const
  const { values, positionals } = parse('simulate', args, options)
  if (values.help) return { kind: 'help', command: 'simulate' }
  noPositionals('simulate', positionals)
  const symbols = values.symbols && symbolList(values.symbols)
  const marketOnly = (['seed', 'symbols', 'block-interval', 'warm-up'] as const).find(
    (o) => values[o] !== undefined,
  )
  if (values.replay !== undefined && marketOnly !== undefined) {
    throw new UsageError(`--${marketOnly} is for the simulated market, not a --replay`, 'simulate')
  }
  const replayOnly = (['speed', 'loop'] as const).find((o) => values[o] !== undefined)
  if (values.replay === undefined && replayOnly !== undefined) {
    throw new UsageError(`--${replayOnly} needs --replay`, 'simulate')
  }
  if (values.replay === '') throw new UsageError('--replay needs a file', 'simulate')
  return {
    kind: 'simulate',
    port: optionalInteger('simulate', '--port', values.port, 0, 65_535) ?? DEFAULT_PORT,
    host: values.host ?? '127.0.0.1',
    seed: seedOf('simulate', values.seed),
    symbols,
    blockIntervalMs: optionalInteger('simulate', '--block-interval', values['block-interval'], 1, 3_600_000),
    warmUpMinutes:
      optionalInteger('simulate', '--warm-up', values['warm-up'], 0, 24 * 60) ?? DEFAULT_WARM_UP_MINUTES,
    replay: values.replay === undefined ? undefined : replayOf(values.replay, values.speed, values.loop),
    json: values.json ?? false,
  }
}

function replayOf(file: string, speedText: string | undefined, loop: boolean | undefined) {
  const speed = speedText === undefined ? 1 : speedOf('simulate', speedText)
  return { file, speed, loop: loop ?? false }
}

/** A replay speed: any positive number up to a million (a replay waits out any delay it makes). */
function speedOf(command: CommandName, text: string): number {
  const speed = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN
  if (!(speed > 0 && speed <= 1_000_000)) {
    const max = command === 'stream' ? 'max or ' : ''
    throw new UsageError(`invalid --speed "${text}": expected ${max}a positive number such as 2 or 0.5`, command)
  }
  return speed
}

function parseRecord(args: readonly string[]): CliCommand {
  const options = {
    ...HELP,
    url: { type: 'string' },
    out: { type: 'string' },
    duration: { type: 'string' },
  } as const
  const { values, positionals } = parse('record', args, options)
  if (values.help) return { kind: 'help', command: 'record' }
  if (values.url === undefined) throw new UsageError('missing --url', 'record')
  if (!/^wss?:\/\/[^/\s]+/i.test(values.url)) {
    throw new UsageError(`invalid --url "${values.url}": expected ws:// or wss:// and a host`, 'record')
  }
  if (values.out === undefined || values.out === '') throw new UsageError('missing --out', 'record')
  if (positionals.length === 0)
    throw new UsageError('missing stream: name at least one, e.g. BNB_BTCB-1DE@trades', 'record')
  return {
    kind: 'record',
    url: values.url,
    out: values.out,
    durationS: optionalInteger('record', '--duration', values.duration, 1),
    streams: positionals,
  }
}

function parseImport(args: readonly string[]): CliCommand {
  const options = { ...HELP, out: { type: 'string' } } as const
  const { values, positionals } = parse('import', args, options)
  if (values.help) return { kind: 'help', command: 'import' }
  const [source, ...paths] = positionals
  if (source === undefined) throw new UsageError('missing source: import tardis <path>... --out <tape>', 'import')
  if (source !== 'tardis') throw new UsageError(`unknown source "${source}": expected tardis`, 'import')
  if (paths.length === 0) throw new UsageError('missing path: name the tardis.dev files or folders to import', 'import')
  if (values.out === undefined || values.out === '') throw new UsageError('missing --out', 'import')
  return { kind: 'import', paths, out: values.out }
}

function parseDemo(args: readonly string[]): CliCommand {
  const options = {
    ...HELP,
    ...ENDPOINT,
    seed: { type: 'string' },
    symbol: { type: 'string' },
    frames: { type: 'string' },
  } as const
  const { values, positionals } = parse('demo', args, options)
  if (values.help) return { kind: 'help', command: 'demo' }
  noPositionals('demo', positionals)
  const remote = values.url !== undefined || values.testnet === true
  if (remote && values.seed !== undefined) {
    throw new UsageError('--seed is for the embedded simulator only', 'demo')
  }
  return {
    kind: 'demo',
    seed: seedOf('demo', values.seed),
    symbol: values.symbol === undefined ? undefined : symbolList([values.symbol], '--symbol')[0],
    endpoint: remote ? endpoint('demo', values) : undefined,
    frames: optionalInteger('demo', '--frames', values.frames, 1),
  }
}

// -------------------------------------------------------------------------------------------------
// helpers
// -------------------------------------------------------------------------------------------------

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options']

function parse<O extends Options>(command: CommandName, args: readonly string[], options: O) {
  try {
    return parseArgs({ args: joinNegativeValues(args, options), options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError(parseArgsMessage(error), command)
  }
}

/**
 * `--count -1` as `--count=-1`: node's parser takes a value starting with a dash for a forgotten value, and
 * then the check of the value itself (with the CLI's own message) never runs.
 */
function joinNegativeValues(args: readonly string[], options: Options): string[] {
  const joined: string[] = []
  for (let i = 0; i < args.length; i++) {
    const name = /^--([^=]+)$/.exec(args[i])?.[1]
    const next = args[i + 1]
    if (name !== undefined && options?.[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      joined.push(`${args[i]}=${next}`)
      i++
    } else {
      joined.push(args[i])
    }
  }
  return joined
}

/** The CLI's own words for node's parser errors, which name the option and then give node's advice. */
function parseArgsMessage(error: unknown): string {
  // Duck-typed: under a test runner the error may come from another realm.
  const text = String((error as { message?: unknown } | undefined)?.message ?? error)
  // Node quotes the option as it was typed ('--bogus') or as declared ('-q, --quiet', '--count <value>').
  const quoted = /'([^']+)'/.exec(text)?.[1] ?? ''
  const option = /--[\w-]+/.exec(quoted)?.[0] ?? /-[\w-]+/.exec(quoted)?.[0] ?? 'an option'
  if (/unknown option/i.test(text)) return `unknown option ${option}`
  if (/does not take an argument/i.test(text)) return `${option} takes no value`
  if (/argument (missing|is ambiguous)/i.test(text)) return `${option} needs a value`
  const first = text.split(/\.\s/)[0]
  return first.charAt(0).toLowerCase() + first.slice(1)
}

function endpoint(command: CommandName, values: { url?: string; testnet?: boolean }): Endpoint {
  if (values.url !== undefined && values.testnet) {
    throw new UsageError('use --url or --testnet, not both', command)
  }
  if (values.url !== undefined && !/^wss?:\/\/[^/\s]+/i.test(values.url)) {
    throw new UsageError(`invalid --url "${values.url}": expected ws:// or wss:// and a host`, command)
  }
  return { network: values.testnet ? 'testnet' : 'mainnet', url: values.url }
}

function noPositionals(command: CommandName, positionals: readonly string[]): void {
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, command)
}

function optionalInteger(
  command: CommandName,
  name: string,
  text: string | undefined,
  min: number,
  max = 1e9,
): number | undefined {
  if (text === undefined) return undefined
  const value = /^\d+$/.test(text) ? Number(text) : NaN
  if (!(value >= min && value <= max)) {
    throw new UsageError(`invalid ${name} "${text}": expected a whole number from ${min} to ${max}`, command)
  }
  return value
}

function seedOf(command: CommandName, text: string | undefined): number {
  if (text === undefined) return DEFAULT_SEED
  const value = /^-?\d+$/.test(text) ? Number(text) : NaN
  if (!Number.isSafeInteger(value)) {
    throw new UsageError(`invalid --seed "${text}": expected a whole number`, command)
  }
  return value
}

function parseLevels(text: string | undefined): DepthLevels {
  if (text === undefined) return 20
  try {
    return depthSpec(/^\d+$/.test(text) ? Number(text) : text).depthLevels as DepthLevels
  } catch (error) {
    if (error instanceof DexInputError) throw new UsageError(`invalid --levels "${text}": ${error.message}`, 'stream')
    throw error
  }
}

/** `--symbols A,B --symbols C` -> `['A', 'B', 'C']`, upper-cased and checked. */
function symbolList(texts: readonly string[], name = '--symbols'): string[] {
  const symbols = texts.flatMap((text) => text.split(',')).map((s) => s.trim())
  const command: CommandName = name === '--symbol' ? 'demo' : 'simulate'
  if (symbols.some((s) => s === '')) throw new UsageError(`invalid ${name} "${texts.join(',')}"`, command)
  try {
    return symbols.map(checkSymbol)
  } catch (error) {
    if (error instanceof DexInputError) throw new UsageError(`invalid ${name}: ${error.message}`, command)
    throw error
  }
}
