/**
 * One NDJSON line for `value`: its JSON text and a newline. Bigints (the nanosecond times of orders and
 * trades) are written as JSON strings, since JSON numbers beyond 2^53 lose digits in most readers.
 *
 * ```ts
 * toNdjson({ tradeTime: 1554890366040313451n }) // '{"tradeTime":"1554890366040313451"}\n'
 * ```
 * @since 0.1.0
 */
export function toNdjson(value: unknown): string {
  return JSON.stringify(value, bigintAsString) + '\n'
}

function bigintAsString(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value
}
