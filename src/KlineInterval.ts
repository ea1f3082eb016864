/**
 * The 15 kline (candlestick) intervals the server accepts, keyed by the seed package's names.
 * The seed README wrote `'4m'` for five minutes; that was a typo, and `interval_5min` is `'5m'` here.
 *
 * ```ts
 * dex.klines('BNB_BTCB-1DE', KlineInterval.interval_1min)
 * ```
 * @since 0.1.0
 */
export const KlineInterval = {
  /** One minute. */
  interval_1min: '1m',
  /** Three minutes. */
  interval_3min: '3m',
  /** Five minutes (the seed README's `'4m'` was a typo). */
  interval_5min: '5m',
  /** Fifteen minutes. */
  interval_15min: '15m',
  /** Thirty minutes (missing from the seed README). */
  interval_30min: '30m',
  /** One hour. */
  interval_1hour: '1h',
  /** Two hours. */
  interval_2hour: '2h',
  /** Four hours. */
  interval_4hour: '4h',
  /** Six hours. */
  interval_6hour: '6h',
  /** Eight hours. */
  interval_8hour: '8h',
  /** Twelve hours. */
  interval_12hour: '12h',
  /** One day. */
  interval_1day: '1d',
  /** Three days. */
  interval_3day: '3d',
  /** One week. */
  interval_1week: '1w',
  /** One month (capital M; lower-case m is minutes). */
  interval_1month: '1M',
} as const

/** One of the 15 kline intervals: `'1m' | '3m' | … | '1M'`. @since 0.1.0 */
export type KlineInterval = (typeof KlineInterval)[keyof typeof KlineInterval]

/** The intervals in ascending order of length. @internal */
export const KLINE_INTERVALS: readonly KlineInterval[] = Object.values(KlineInterval)

/**
 * Whether `value` is one of the 15 kline intervals, so that a `string` from a user, a URL or a config file
 * can be narrowed to {@link KlineInterval} before it is passed to `dex.klines`.
 *
 * ```ts
 * const interval = new URLSearchParams(location.search).get('interval') ?? '1m'
 * if (isKlineInterval(interval)) dex.klines('BNB_BTCB-1DE', interval).subscribe(console.log)
 * ```
 * @since 0.2.0
 */
export function isKlineInterval(value: unknown): value is KlineInterval {
  return typeof value === 'string' && (KLINE_INTERVALS as readonly string[]).includes(value)
}
