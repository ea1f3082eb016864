import { ALL_TOPICS, USER_TOPICS } from '../internal/topics'
import { KLINE_INTERVALS } from '../KlineInterval'

/**
 * How the server keys a topic's subscriptions: by the connection's address (`user`), by symbol
 * (`symbol`), or by the single key `$all` (`all`).
 * @internal
 */
export type TopicKind = 'user' | 'symbol' | 'all'

/** @internal A topic name in its canonical spelling, with its kind. */
export interface ResolvedTopic {
  readonly topic: string
  readonly kind: TopicKind
}

/** @internal The key of every subscription to an `all` topic. */
export const ALL = '$all'

const SYMBOL_TOPICS = [
  'trades',
  'marketDiff',
  'marketDepth',
  'marketDepth100',
  'marketDepth500',
  'marketDepth1000',
  'ticker',
  'miniTicker',
  ...KLINE_INTERVALS.map((interval) => `kline_${interval}`),
]

const KINDS = new Map<string, TopicKind>([
  ...USER_TOPICS.map((topic): [string, TopicKind] => [topic, 'user']),
  ...ALL_TOPICS.map((topic): [string, TopicKind] => [topic, 'all']),
  ...SYMBOL_TOPICS.map((topic): [string, TopicKind] => [topic, 'symbol']),
])

// Topic names are matched without regard to case, as the Go server matched JSON keys, except for the
// kline interval: `kline_1m` (minute) and `kline_1M` (month) are different topics.
const BY_LOWER_CASE = new Map<string, string>(
  [...KINDS.keys()]
    .filter((topic) => !topic.startsWith('kline_'))
    .map((topic) => [topic.toLowerCase(), topic]),
)

/** @internal The canonical topic and its kind, or `undefined` for a topic the server does not have. */
export function resolveTopic(name: string): ResolvedTopic | undefined {
  const kline = /^kline_(.+)$/i.exec(name)
  const topic = kline ? `kline_${kline[1]}` : BY_LOWER_CASE.get(name.toLowerCase())
  const kind = topic === undefined ? undefined : KINDS.get(topic)
  return topic === undefined || kind === undefined ? undefined : { topic, kind }
}
