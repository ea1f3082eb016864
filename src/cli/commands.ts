// The commands the command line can ask for, as data: parsing produces them, the runners consume them.
import type { StreamTopic, TopicSettings } from './streamTopics'

/** @internal The subcommands. */
export type CommandName = 'stream' | 'simulate' | 'record' | 'import' | 'demo'

/** @internal The default seed of `simulate` and `demo`: the same market every run. */
export const DEFAULT_SEED = 42
/** @internal The default port of `simulate`, the one the docs use. */
export const DEFAULT_PORT = 8090
/** @internal Connection attempts that may fail in a row before the CLI gives up with exit code 1. */
export const DEFAULT_MAX_ATTEMPTS = 3
/** @internal Seconds `stream` waits for a symbol's first event before warning that it may not be listed. */
export const DEFAULT_WARN_AFTER_S = 10
/** @internal The default `--warm-up` of `simulate`, in minutes: a chart opened at once has candles. */
export const DEFAULT_WARM_UP_MINUTES = 30

/** @internal Where to connect: a network or an explicit API base. */
export interface Endpoint {
  readonly network: 'mainnet' | 'testnet'
  readonly url?: string
}

/** @internal `binance-dex-rx stream`. */
export interface StreamCommand {
  readonly kind: 'stream'
  readonly topic: StreamTopic
  /** The symbol or address; `''` for topics without one. */
  readonly key: string
  readonly settings: TopicSettings
  readonly endpoint: Endpoint
  /** Exit after this many events; unbounded when absent. */
  readonly count?: number
  /** Failed connection attempts in a row before giving up; `Infinity` with `--forever`. */
  readonly maxAttempts: number
  /** Print connection progress on stderr (no `--quiet`). */
  readonly progress: boolean
  /** `--verbose`: the socket's log on stderr, raw frames included. */
  readonly verbose: boolean
  /** Warn when a symbol's topic sent nothing this long after connecting; 0 never warns. */
  readonly warnAfterMs: number
  /** Read the events from this tape instead of a server. */
  readonly tape?: TapeCommand
}

/** @internal `binance-dex-rx stream --tape`. */
export interface TapeCommand {
  /** The tape file. */
  readonly file: string
  readonly speed: number | 'max'
}

/** @internal `binance-dex-rx simulate`. */
export interface SimulateCommand {
  readonly kind: 'simulate'
  readonly port: number
  readonly host: string
  readonly seed: number
  readonly symbols?: string[]
  readonly blockIntervalMs?: number
  /** Minutes of market history to simulate before listening. */
  readonly warmUpMinutes: number
  /** Serve this tape instead of a simulated market. */
  readonly replay?: ReplayCommand
  readonly json: boolean
}

/** @internal `binance-dex-rx simulate --replay`. */
export interface ReplayCommand {
  /** The tape file. */
  readonly file: string
  readonly speed: number
  readonly loop: boolean
}

/** @internal `binance-dex-rx record`. */
export interface RecordCommand {
  readonly kind: 'record'
  /** The API base to record from. */
  readonly url: string
  /** The tape file to write. */
  readonly out: string
  /** Stop after this many seconds; until Ctrl-C when absent. */
  readonly durationS?: number
  /** Stream names in the URL path form. */
  readonly streams: readonly string[]
}

/** @internal `binance-dex-rx import tardis`. */
export interface ImportCommand {
  readonly kind: 'import'
  /** Files and folders of tardis.dev data. */
  readonly paths: readonly string[]
  /** The tape file to write. */
  readonly out: string
}

/** @internal `binance-dex-rx demo`. */
export interface DemoCommand {
  readonly kind: 'demo'
  readonly seed: number
  readonly symbol?: string
  /** Watch this server; an embedded simulator when absent. */
  readonly endpoint?: Endpoint
  /** Print this many plain frames and exit. */
  readonly frames?: number
}

/** @internal What the command line asks for. */
export type CliCommand =
  | { readonly kind: 'help'; readonly command?: CommandName }
  | { readonly kind: 'version' }
  | StreamCommand
  | SimulateCommand
  | RecordCommand
  | ImportCommand
  | DemoCommand
