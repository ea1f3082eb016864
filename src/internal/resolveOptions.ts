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

/** @internal The documented defaults of the options, one place. */
export const DEFAULTS = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  maxAttempts: Infinity,
  keepAliveIntervalMs: 20 * 60_000,
  staleAfterMs: 90_000,
  connectTimeoutMs: 10_000,
  /** Real servers ping every 30 s; two missed pings mean the peer is gone. */
  pingTimeoutMs: 60_000,
  maxMessageBytes: MAX_MESSAGE_BYTES,
} as const

/**
 * @internal
 * Test seams, not part of the public options: a test passes them under this key in the options object,
 * which no published type mentions.
 */
export const TEST_SEAMS = Symbol('binance-dex-rx test seams')

/** @internal */
export interface TestSeams {
  scheduler?: SchedulerLike
  random?: () => number
  pingTimeoutMs?: number
}

/** @internal Options after validation and defaults. */
export interface ResolvedOptions {
  readonly wsUrl: string
  readonly prefixes: AddressPrefixes
  readonly WebSocketCtor: WebSocketConstructor
  readonly reconnect: BackoffConfig | false
  readonly keepAliveIntervalMs: number
  readonly staleAfterMs: number
  readonly connectTimeoutMs: number
  readonly pingTimeoutMs: number
  readonly maxMessageBytes: number
  readonly log: Log
  readonly scheduler: SchedulerLike
  readonly random: () => number
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
  return {
    wsUrl: base.replace(/\/+$/, '') + '/ws',
    prefixes,
    WebSocketCtor,
    reconnect: resolveReconnect(options.reconnect),
    keepAliveIntervalMs: checkNumber('keepAliveIntervalMs', options.keepAliveIntervalMs ?? DEFAULTS.keepAliveIntervalMs, 1),
    staleAfterMs: checkNumber('staleAfterMs', options.staleAfterMs ?? DEFAULTS.staleAfterMs, 1),
    connectTimeoutMs: checkNumber('connectTimeoutMs', options.connectTimeoutMs ?? DEFAULTS.connectTimeoutMs, 1),
    pingTimeoutMs: internals.pingTimeoutMs ?? DEFAULTS.pingTimeoutMs,
    maxMessageBytes: checkNumber('maxMessageBytes', options.maxMessageBytes ?? DEFAULTS.maxMessageBytes, 1),
    scheduler: internals.scheduler ?? asyncScheduler,
    random: internals.random ?? Math.random,
    log: toLog(checkLogger(options.logger)),
  }
}

function resolveReconnect(reconnect: DexSocketOptions['reconnect']): BackoffConfig | false {
  if (reconnect === false) return false
  if (reconnect === undefined || reconnect === true) {
    return { initialDelayMs: DEFAULTS.initialDelayMs, maxDelayMs: DEFAULTS.maxDelayMs, maxAttempts: DEFAULTS.maxAttempts }
  }
  if (typeof reconnect !== 'object' || reconnect === null) {
    throw new DexInputError(`Invalid reconnect ${String(reconnect)}: expected a boolean or an options object`, reconnect)
  }
  const initialDelayMs = checkNumber('reconnect.initialDelayMs', reconnect.initialDelayMs ?? DEFAULTS.initialDelayMs, 0)
  const maxDelayMs = checkNumber('reconnect.maxDelayMs', reconnect.maxDelayMs ?? Math.max(DEFAULTS.maxDelayMs, initialDelayMs), initialDelayMs)
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
