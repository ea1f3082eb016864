import { ALL, topicSpec, TOPICS, type TopicKind } from '../internal/topicTable'

/** @internal A topic name in its canonical spelling, with its kind. */
export interface ResolvedTopic {
  readonly topic: string
  readonly kind: TopicKind
}

export { ALL, type TopicKind }

// Topic names are matched without regard to case, as the Go server matched JSON keys, except for the
// kline interval: `kline_1m` (minute) and `kline_1M` (month) are different topics.
const BY_LOWER_CASE = new Map<string, string>(
  TOPICS.filter((spec) => !spec.name.startsWith('kline_')).map((spec) => [spec.name.toLowerCase(), spec.name]),
)

/** @internal The canonical topic and its kind, or `undefined` for a topic the server does not have. */
export function resolveTopic(name: string): ResolvedTopic | undefined {
  const kline = /^kline_(.+)$/i.exec(name)
  const spec = topicSpec(kline ? `kline_${kline[1]}` : (BY_LOWER_CASE.get(name.toLowerCase()) ?? ''))
  if (spec === undefined) return undefined
  return { topic: spec.name, kind: spec.kind }
}
