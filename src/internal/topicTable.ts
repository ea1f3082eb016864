// ---------------------------------------------------------------------------
// Everything the library knows about a topic, in one table: the client's streams, its router, its
// connection, the order book, the command line and the simulator all read it. Adding a topic is one entry
// here plus its decoder in src/codecs.
// ---------------------------------------------------------------------------

import {
  accountsDecoder,
  allMiniTickersDecoder,
  allTickersDecoder,
  blockHeightDecoder,
  depthSnapshotDecoder,
  klineDecoder,
  marketDepthDecoder,
  marketDiffDecoder,
  miniTickerDecoder,
  ordersDecoder,
  tickerDecoder,
  tradesDecoder,
  transfersDecoder,
  type AccountUpdate,
  type DepthSnapshot,
  type DepthUpdate,
  type DexEvent,
  type Kline,
  type MiniTicker,
  type OrderUpdate,
  type Ticker,
  type TopicDecoder,
  type Trade,
  type TransferUpdate,
} from '../codecs'
import { DexInputError } from '../errors'
import { KLINE_INTERVALS, type KlineInterval } from '../KlineInterval'

/**
 * @internal
 * How a topic is keyed: by symbol (`market`), by the single key `$all` for the whole market (`all`), or by
 * the connection's address (`user`; the server keeps one address per connection).
 */
export type TopicKind = 'market' | 'all' | 'user'

/** Levels of a `marketDepth` stream: 20 (the default), 100, 500 or 1000. @since 0.1.0 */
export type DepthLevels = 20 | 100 | 500 | 1000

/** @internal What each topic's stream emits: `stream<K>()` is typed from this map. */
export interface TopicEvents {
  accounts: AccountUpdate
  orders: OrderUpdate
  transfers: TransferUpdate
  trades: Trade
  marketDiff: DepthUpdate
  marketDepth: DepthSnapshot
  marketDepth100: DepthSnapshot
  marketDepth500: DepthSnapshot
  marketDepth1000: DepthSnapshot
  ticker: Ticker
  allTickers: readonly Ticker[]
  miniTicker: MiniTicker
  allMiniTickers: readonly MiniTicker[]
  blockheight: number
}

/** @internal Every wire topic, klines included. */
export type TopicName = keyof TopicEvents | `kline_${KlineInterval}`

/** @internal What a topic's stream emits. */
export type EventOf<K extends TopicName> = K extends keyof TopicEvents ? TopicEvents[K] : Kline

/** @internal One row of the table. */
export interface TopicSpec {
  /** The wire name, as sent in `topic` and received in a frame's `stream`. */
  readonly name: TopicName
  readonly kind: TopicKind
  /** true when a frame's data is an array of events (flattened, or delivered whole for `all` topics). */
  readonly array: boolean
  /** Pushed on a schedule, so silence means a dead connection (for `staleAfterMs`); user topics are not. */
  readonly periodic: boolean
  readonly decoder: TopicDecoder<DexEvent>
  /** For the depth topics: levels per side of each snapshot. */
  readonly depthLevels?: DepthLevels
  /**
   * Other stream labels that also carry this topic's frames: real servers' label for the deeper depth
   * frames is undocumented, so `marketDepth100/500/1000` also accept frames labelled `marketDepth`; and
   * every depth topic takes the `depthSnapshot` frames of tardis.dev's recordings (see `LABEL_DECODERS`).
   */
  readonly alsoLabelled?: readonly string[]
}

type Row = Omit<TopicSpec, 'name' | 'array' | 'periodic'>

const row = (name: TopicName, r: Row): TopicSpec => ({
  name,
  array: r.decoder.array,
  periodic: r.kind !== 'user',
  ...r,
})

/** tardis.dev's label for the REST snapshot its recorder stores after subscribing to a symbol's depth. */
const DEPTH_SNAPSHOT = 'depthSnapshot'

/**
 * The labels that are no topic of their own and carry a topic's events in a shape of their own, with the
 * decoder of that shape; their frames go to the topics that list the label in `alsoLabelled`.
 */
const LABEL_DECODERS = new Map<string, TopicDecoder<DexEvent>>([[DEPTH_SNAPSHOT, depthSnapshotDecoder]])

const depth = (name: TopicName, depthLevels: DepthLevels): TopicSpec =>
  row(name, {
    kind: 'market',
    decoder: marketDepthDecoder,
    depthLevels,
    alsoLabelled: depthLevels === 20 ? [DEPTH_SNAPSHOT] : ['marketDepth', DEPTH_SNAPSHOT],
  })

/**
 * A topic of one address's connection. Spelled out (not derived from `USER_TOPICS`) so that the published
 * declarations, which leave internals out, still say what it is.
 * @since 0.2.0
 */
export type UserTopic = 'accounts' | 'orders' | 'transfers'

/** @internal The per-address topics, in table order. */
export const USER_TOPICS = ['accounts', 'orders', 'transfers'] as const satisfies readonly UserTopic[]

// Fails to compile when UserTopic names a topic the list misses.
true satisfies Exclude<UserTopic, (typeof USER_TOPICS)[number]> extends never ? true : never

const USER_DECODERS: { readonly [K in UserTopic]: TopicDecoder<TopicEvents[K]> } = {
  accounts: accountsDecoder,
  orders: ordersDecoder,
  transfers: transfersDecoder,
}

/** @internal The table, in the order the docs list the topics. */
export const TOPICS: readonly TopicSpec[] = [
  ...USER_TOPICS.map((name) => row(name, { kind: 'user', decoder: USER_DECODERS[name] as TopicDecoder<DexEvent> })),
  row('trades', { kind: 'market', decoder: tradesDecoder }),
  row('marketDiff', { kind: 'market', decoder: marketDiffDecoder }),
  depth('marketDepth', 20),
  depth('marketDepth100', 100),
  depth('marketDepth500', 500),
  depth('marketDepth1000', 1000),
  ...KLINE_INTERVALS.map((interval) => row(`kline_${interval}`, { kind: 'market', decoder: klineDecoder })),
  row('ticker', { kind: 'market', decoder: tickerDecoder }),
  row('allTickers', { kind: 'all', decoder: allTickersDecoder }),
  row('miniTicker', { kind: 'market', decoder: miniTickerDecoder }),
  row('allMiniTickers', { kind: 'all', decoder: allMiniTickersDecoder }),
  row('blockheight', { kind: 'all', decoder: blockHeightDecoder }),
]

const BY_NAME = new Map<string, TopicSpec>(TOPICS.map((spec) => [spec.name, spec]))

/** @internal The row of a wire topic or frame label, or `undefined` for one this library does not know. */
export function topicSpec(name: string): TopicSpec | undefined {
  return BY_NAME.get(name)
}

/** @internal The key of every subscription to an `all` topic. */
export const ALL = '$all'

/** @internal The depth topics by levels per side. */
export const DEPTH_TOPICS: ReadonlyMap<DepthLevels, TopicSpec> = new Map(
  TOPICS.filter((s) => s.depthLevels !== undefined).map((s) => [s.depthLevels as DepthLevels, s]),
)

/** @internal The depth topic of `levels`; throws `DexInputError` for any other number of levels. */
export function depthSpec(levels: unknown): TopicSpec {
  const found = DEPTH_TOPICS.get(levels as DepthLevels)
  if (found === undefined) {
    const all = [...DEPTH_TOPICS.keys()]
    const choices = `${all.slice(0, -1).join(', ')} or ${all[all.length - 1]}`
    throw new DexInputError(`Invalid depth levels ${JSON.stringify(levels)}: expected ${choices}`, levels)
  }
  return found
}

/**
 * @internal What a frame label leads to: the topics whose frames may arrive under it (the topic itself
 * first), and the decoder of its frames' shape (`topicDecoder`), found together by one lookup per frame.
 */
export interface LabelRoute {
  readonly specs: readonly TopicSpec[]
  readonly decoder: TopicDecoder<DexEvent> | undefined
}

/** @internal The route of a frame label, or `undefined` for a stream this library does not know. */
export function labelRoute(label: string): LabelRoute | undefined {
  return LABELLED.get(label)
}

/** @internal The topics whose frames may arrive under `label` (the topic itself first). */
export function topicsLabelled(label: string): readonly TopicSpec[] {
  return LABELLED.get(label)?.specs ?? NONE
}

const NONE: readonly TopicSpec[] = []
const LABELLED = new Map<string, LabelRoute & { readonly specs: TopicSpec[] }>()
for (const spec of TOPICS) {
  for (const label of [spec.name, ...(spec.alsoLabelled ?? [])]) {
    const route = LABELLED.get(label)
    if (route) route.specs.push(spec)
    else LABELLED.set(label, { specs: [spec], decoder: topicDecoder(label) })
  }
}

/**
 * @internal The decoder for a frame label (a topic, or a label of `LABEL_DECODERS`), or `undefined` for a
 * stream this library does not know.
 */
export function topicDecoder(stream: string): TopicDecoder<DexEvent> | undefined {
  return BY_NAME.get(stream)?.decoder ?? LABEL_DECODERS.get(stream)
}
