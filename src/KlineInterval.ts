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
  interval_1min: '1m',
  interval_3min: '3m',
  interval_5min: '5m',
  interval_15min: '15m',
  interval_30min: '30m',
  interval_1hour: '1h',
  interval_2hour: '2h',
  interval_4hour: '4h',
  interval_6hour: '6h',
  interval_8hour: '8h',
  interval_12hour: '12h',
  interval_1day: '1d',
  interval_3day: '3d',
  interval_1week: '1w',
  interval_1month: '1M',
} as const

/** One of the 15 kline intervals: `'1m' | '3m' | … | '1M'`. @since 0.1.0 */
export type KlineInterval = (typeof KlineInterval)[keyof typeof KlineInterval]

/** The intervals in ascending order of length. @internal */
export const KLINE_INTERVALS: readonly KlineInterval[] = Object.values(KlineInterval)
