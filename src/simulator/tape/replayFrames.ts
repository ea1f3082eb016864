import { parseFrame } from '../../internal/parseFrame'
import { resolveTopic, type ResolvedTopic } from '../resolveTopic'
import { MARKET_CONN, type TapeEntry } from './tape'

/** @internal A taped frame ready to route: its topic and payload for routing, its text for sending. */
export interface ReplayFrame {
  /** Milliseconds since the recording started. */
  readonly at: number
  readonly topic: ResolvedTopic
  /** The payload, read losslessly (19-digit integers as bigints), for frames cut down per connection. */
  readonly data: unknown
  /** The frame's exact text. */
  readonly text: string
  /** The address of a user-topic frame recorded on that address's connection. */
  readonly address?: string
}

/**
 * @internal
 * A taped frame as a server routes it, or `undefined` for what it cannot: only `{stream, data}` frames of a
 * topic it has. Anything else on a tape (an error frame, text that is not JSON) went to one connection for
 * its own reasons and is skipped.
 */
export function replayFrame(entry: TapeEntry): ReplayFrame | undefined {
  let json: unknown
  try {
    json = parseFrame(entry.frame)
  } catch {
    return undefined
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined
  const { stream, data } = json as { stream?: unknown; data?: unknown }
  const topic = typeof stream === 'string' ? resolveTopic(stream) : undefined
  if (topic === undefined || data === undefined) return undefined
  const address = topic.kind === 'user' && entry.conn !== MARKET_CONN ? entry.conn.toLowerCase() : undefined
  return { at: entry.at, topic, data, text: entry.frame, ...(address !== undefined && { address }) }
}
