import WebSocket from 'isomorphic-ws'
import { asyncScheduler, type SchedulerLike } from 'rxjs'
import { DexInputError } from '../errors'
import type { BackoffConfig } from './backoff'
import { isInProcessUrl } from './inProcessUrl'
import type { DexSocketOptions, WebSocketConstructor } from './types'
import { MAX_MESSAGE_BYTES } from './limits'
import { toLog, type DexLogger, type Log } from './logger'
import { checkNumber, type AddressPrefixes } from './validate'

const NETWORKS = {
  mainnet: { url: 'wss://dex.binance.org/api/', prefixes: ['bnb'] },
  testnet: { url: 'wss://testnet-dex.binance.org/api/', prefixes: ['tbnb'] },
} as const

/**
 * @internal
 * The numeric options of `DexSocketOptions`, one row each: its documented default and its least value. A
 * new numeric option is its field in `DexSocketOptions` plus a row here; `ResolvedOptions`, the connection's
 * config and the validation follow from the row.
 */
export const NUMERIC_OPTIONS = {
  keepAliveIntervalMs: { fallback: 20 * 60_000, min: 1 },
  staleAfterMs: { fallback: 90_000, min: 1 },
  connectTimeoutMs: { fallback: 10_000, min: 1 },
  maxMessageBytes: { fallback: MAX_MESSAGE_BYTES, min: 1 },
} as const satisfies { readonly [K in keyof DexSocketOptions]?: { readonly fallback: number; readonly min: number } }

/** @internal The defaults of `reconnect`. */
export const RECONNECT_DEFAULTS: BackoffConfig = { initialDelayMs: 500, maxDelayMs: 30_000, maxAttempts: Infinity }

/** Real servers ping every 30 s; two missed pings mean the peer is gone. */
const PING_TIMEOUT_MS = 60_000

/**
 * @internal
 * Test seams, not part of the public options: a test passes them under this key in the options object,
 * which no published type mentions.
 */
export const TEST_SEAMS = Symbol('binance-dex-rx test seams')

/** @internal */
export interface TestSeams {
  /** Runs every timer of the socket: backoff, connect timeout, keepAlive, liveness, the books' throttle. */
  scheduler?: SchedulerLike
  random?: () => number
  /** A Node socket that saw a server ping and then none for this long is dead. */
  pingTimeoutMs?: number
}

type NumericOption = keyof typeof NUMERIC_OPTIONS

/** @internal Options after validation and defaults: every numeric option, the seams, and what the rest resolve to. */
export type ResolvedOptions = { readonly [K in NumericOption]: number } & Readonly<Required<TestSeams>> & {
  /** The socket endpoint, `<base>/ws`. */
  readonly url: string
  readonly prefixes: AddressPrefixes
  readonly WebSocketCtor: WebSocketConstructor
  readonly reconnect: BackoffConfig | false
  readonly log: Log
}

/** @internal Validates user options (a bad one throws `DexInputError` naming it) and fills in defaults. */
export function resolveOptions(options: DexSocketOptions = {}): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new DexInputError(`Invalid options ${String(options)}: expected an object`, options)
  }
  const internals: TestSeams = (options as { [TEST_SEAMS]?: TestSeams })[TEST_SEAMS] ?? {}
  const network = options.network ?? 'mainnet'
  if (network !== 'mainnet' && network !== 'testnet') {
    throw new DexInputError(`Invalid network ${JSON.stringify(network)}: expected "mainnet" or "testnet"`, network)
  }
  let base: string = NETWORKS[network].url
  let prefixes: AddressPrefixes = NETWORKS[network].prefixes
  if (options.url !== undefined) {
    if (typeof options.url !== 'string' || !/^wss?:\/\/[^/]+/i.test(options.url)) {
      throw new DexInputError(`Invalid url ${JSON.stringify(options.url)}: expected ws:// or wss:// and a host`, options.url)
    }
    base = options.url
    // A custom server may be a mainnet or a testnet stand-in; its addresses tell.
    prefixes = ['bnb', 'tbnb']
  }
  if (options.WebSocketCtor === undefined && isInProcessUrl(base)) {
    throw new DexInputError(
      `The url ${base} is an in-process simulator's, which only its own WebSocket class reaches: ` +
        'pass it too, new DexSocket({ url: sim.url, WebSocketCtor: sim.WebSocket })',
      base,
    )
  }
  const WebSocketCtor = options.WebSocketCtor ?? (WebSocket as unknown as WebSocketConstructor)
  if (typeof WebSocketCtor !== 'function') {
    throw new DexInputError('Invalid WebSocketCtor: expected a WebSocket constructor', WebSocketCtor)
  }
  const resolved = {
    url: base.replace(/\/+$/, '') + '/ws',
    prefixes,
    WebSocketCtor,
    reconnect: resolveReconnect(options.reconnect),
  } as { -readonly [K in keyof ResolvedOptions]: ResolvedOptions[K] }
  for (const name of Object.keys(NUMERIC_OPTIONS) as NumericOption[]) {
    const { fallback, min } = NUMERIC_OPTIONS[name]
    resolved[name] = checkNumber(name, options[name] ?? fallback, min)
  }
  resolved.pingTimeoutMs = internals.pingTimeoutMs ?? PING_TIMEOUT_MS
  resolved.scheduler = internals.scheduler ?? asyncScheduler
  resolved.random = internals.random ?? Math.random
  resolved.log = toLog(checkLogger(options.logger))
  return resolved
}

function resolveReconnect(reconnect: DexSocketOptions['reconnect']): BackoffConfig | false {
  if (reconnect === false) return false
  if (reconnect === undefined || reconnect === true) return RECONNECT_DEFAULTS
  if (typeof reconnect !== 'object' || reconnect === null) {
    throw new DexInputError(`Invalid reconnect ${String(reconnect)}: expected a boolean or an options object`, reconnect)
  }
  const initialDelayMs = checkNumber('reconnect.initialDelayMs', reconnect.initialDelayMs ?? RECONNECT_DEFAULTS.initialDelayMs, 0)
  const maxDelayMs = checkNumber('reconnect.maxDelayMs', reconnect.maxDelayMs ?? Math.max(RECONNECT_DEFAULTS.maxDelayMs, initialDelayMs), initialDelayMs)
  const maxAttempts =
    reconnect.maxAttempts === undefined || reconnect.maxAttempts === Infinity
      ? Infinity
      : checkNumber('reconnect.maxAttempts', reconnect.maxAttempts, 0)
  return { initialDelayMs, maxDelayMs, maxAttempts }
}

function checkLogger(logger: unknown): DexLogger | undefined {
  if (logger === undefined) return undefined
  if (typeof logger !== 'object' || logger === null) {
    throw new DexInputError('Invalid logger: expected an object with debug, info, warn and error methods', logger)
  }
  return logger as DexLogger
}
