import type { KlineInterval } from '../../KlineInterval'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

const LENGTH: Record<Exclude<KlineInterval, '1M'>, number> = {
  '1m': MINUTE,
  '3m': 3 * MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': HOUR,
  '2h': 2 * HOUR,
  '4h': 4 * HOUR,
  '6h': 6 * HOUR,
  '8h': 8 * HOUR,
  '12h': 12 * HOUR,
  '1d': DAY,
  '3d': 3 * DAY,
  '1w': 7 * DAY,
}

/** Weeks start on Monday 00:00 UTC; the first Monday after the epoch is 1970-01-05. */
const FIRST_MONDAY = 4 * DAY

/** @internal */
export interface KlinePeriod {
  readonly openTime: number
  readonly closeTime: number
}

/**
 * @internal
 * The candle of `interval` containing `timeMs`: open time and close time in ms, UTC-aligned, with the
 * close time the last millisecond of the period (`openTime + length - 1`), as exchanges publish it.
 * Months are calendar months.
 */
export function klinePeriod(interval: KlineInterval, timeMs: number): KlinePeriod {
  if (interval === '1M') {
    const date = new Date(timeMs)
    const openTime = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)
    return { openTime, closeTime: Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) - 1 }
  }
  const length = LENGTH[interval]
  const offset = interval === '1w' ? FIRST_MONDAY : 0
  const openTime = Math.floor((timeMs - offset) / length) * length + offset
  return { openTime, closeTime: openTime + length - 1 }
}
