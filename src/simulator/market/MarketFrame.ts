import type { UserTopic } from '../../internal/topicTable'

// What the market hands its caller: the frames it built, and the caller's say in which to build.

/**
 * One frame produced by the market: `{stream, data}` as on the wire, plus the address for user topics.
 * Times beyond 2^53 (`T`, `O`) are bigints, so write frames with a bigint-aware stringifier.
 * @since 0.1.0
 */
export type MarketFrame = MarketWideFrame | AddressFrame

/** A {@link MarketFrame} for every connection that subscribed its stream. @since 0.2.0 */
export interface MarketWideFrame {
  /** The stream name as on the wire (`'trades'`, `'kline_1m'`, `'allTickers'` ...). */
  stream: string
  /** The payload as the real server would send it. */
  data: unknown
  /** Absent: the frame is not for one address. */
  address?: undefined
}

/** A {@link MarketFrame} of a user topic, for the connections of one address. @since 0.2.0 */
export interface AddressFrame {
  /** The user topic. */
  stream: UserTopic
  /** The payload as the real server would send it. */
  data: unknown
  /** The address the frame is for; send it to that address's connections. */
  address: string
}

/** Which frames to build: `key` is the symbol, the address, or `undefined` for `$all` topics. @since 0.1.0 */
export type Wants = (stream: string, key?: string) => boolean
