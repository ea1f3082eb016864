import type { Observable } from 'rxjs'
import type { DepthLevels, DexSocket } from '../DexSocket'
import type { KlineInterval } from '../KlineInterval'

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
const symbolTopic = (name: string, open: Open): StreamTopic => ({ name, key: 'symbol', open })
const addressTopic = (name: string, open: Open): StreamTopic => ({ name, key: 'address', open })
const allTopic = (name: string, open: (dex: DexSocket) => Observable<unknown>): StreamTopic => ({
  name,
  key: 'none',
  open: (dex) => open(dex),
})

/** @internal Every topic of `binance-dex-rx stream`, in the order the usage text lists them. */
export const STREAM_TOPICS: readonly StreamTopic[] = [
  symbolTopic('trades', (dex, symbol) => dex.trades(symbol)),
  symbolTopic('marketDiff', (dex, symbol) => dex.marketDiff(symbol)),
  symbolTopic('marketDepth', (dex, symbol, s) => dex.marketDepth(symbol, s.levels)),
  // The interval's presence is checked while parsing; the method still validates its value.
  symbolTopic('kline', (dex, symbol, s) => dex.klines(symbol, s.interval as KlineInterval)),
  symbolTopic('ticker', (dex, symbol) => dex.ticker(symbol)),
  symbolTopic('miniTicker', (dex, symbol) => dex.miniTicker(symbol)),
  allTopic('allTickers', (dex) => dex.allTickers()),
  allTopic('allMiniTickers', (dex) => dex.allMiniTickers()),
  allTopic('blockheight', (dex) => dex.blockHeight()),
  addressTopic('accounts', (dex, address) => dex.accounts(address)),
  addressTopic('orders', (dex, address) => dex.orders(address)),
  addressTopic('transfers', (dex, address) => dex.transfers(address)),
  addressTopic('userEvents', (dex, address) => dex.userEvents(address)),
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
