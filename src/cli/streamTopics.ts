import type { Observable } from 'rxjs'
import type { DepthLevels, DexSocket } from '../DexSocket'
import type { KlineInterval } from '../KlineInterval'
import { topicSpec, type TopicKind, type TopicName, type TopicSpec } from '../internal/topicTable'

/** What a topic needs after its name on the command line. */
export type TopicKey = 'symbol' | 'address' | 'none'

/** The settings a topic may read besides its key. */
export interface TopicSettings {
  readonly interval?: KlineInterval
  readonly levels: DepthLevels
}

/** @internal One `stream` topic: what it needs and which DexSocket method it maps to. */
export interface StreamTopic {
  /** The canonical name, as in the usage text. */
  readonly name: string
  readonly key: TopicKey
  /** Calls the method; throws `DexInputError` synchronously for a bad symbol, address or interval. */
  readonly open: (dex: DexSocket, key: string, settings: TopicSettings) => Observable<unknown>
}

type Open = StreamTopic['open']

const KEY_OF_KIND: Record<TopicKind, TopicKey> = { market: 'symbol', all: 'none', user: 'address' }

/** A command-line topic that reads like wire topic `wire` (its key comes from the topic table). */
const topic = (name: string, wire: TopicName, open: Open): StreamTopic => ({
  name,
  key: KEY_OF_KIND[(topicSpec(wire) as TopicSpec).kind],
  open,
})

/** @internal Every topic of `binance-dex-rx stream`, in the order the usage text lists them. */
export const STREAM_TOPICS: readonly StreamTopic[] = [
  topic('trades', 'trades', (dex, symbol) => dex.trades(symbol)),
  topic('marketDiff', 'marketDiff', (dex, symbol) => dex.marketDiff(symbol)),
  topic('marketDepth', 'marketDepth', (dex, symbol, s) => dex.marketDepth(symbol, s.levels)),
  // The interval's presence is checked while parsing; the method still validates its value.
  topic('kline', 'kline_1m', (dex, symbol, s) => dex.klines(symbol, s.interval as KlineInterval)),
  topic('ticker', 'ticker', (dex, symbol) => dex.ticker(symbol)),
  topic('miniTicker', 'miniTicker', (dex, symbol) => dex.miniTicker(symbol)),
  topic('allTickers', 'allTickers', (dex) => dex.allTickers()),
  topic('allMiniTickers', 'allMiniTickers', (dex) => dex.allMiniTickers()),
  topic('blockheight', 'blockheight', (dex) => dex.blockHeight()),
  topic('accounts', 'accounts', (dex, address) => dex.accounts(address)),
  topic('orders', 'orders', (dex, address) => dex.orders(address)),
  topic('transfers', 'transfers', (dex, address) => dex.transfers(address)),
  // Not a wire topic: all three user topics of the address together.
  { name: 'userEvents', key: 'address', open: (dex, address) => dex.userEvents(address) },
]

/**
 * @internal
 * Finds a topic by name without regard to case. `klines` is accepted for `kline`, and the wire form
 * `kline_1m` names the topic and its interval at once.
 */
export function findTopic(name: string): { topic: StreamTopic; interval?: string } | undefined {
  const lower = name.toLowerCase()
  const wireKline = /^klines?_(.+)$/i.exec(name)
  if (wireKline) return { topic: byName('kline'), interval: wireKline[1] }
  if (lower === 'klines') return { topic: byName('kline') }
  const topic = STREAM_TOPICS.find((t) => t.name.toLowerCase() === lower)
  return topic && { topic }
}

function byName(name: string): StreamTopic {
  return STREAM_TOPICS.find((t) => t.name === name) as StreamTopic
}
