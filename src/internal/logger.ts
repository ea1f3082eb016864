/**
 * Where a {@link DexSocket} tells what it does: connection lifecycle at `info`, drops and rejected frames
 * at `warn`, a connection given up at `error`, and every raw frame in and out at `debug`. `console` fits.
 * @since 0.2.0
 */
export interface DexLogger {
  /** Every frame sent and received; `details.frame` holds its text (or bytes). */
  debug(message: string, details?: Record<string, unknown>): void
  /** Connecting, open, reconnecting in N ms, reconnected, closed. */
  info(message: string, details?: Record<string, unknown>): void
  /** A dropped connection (`details.code`, `details.reason`) or a frame that was rejected. */
  warn(message: string, details?: Record<string, unknown>): void
  /** A connection given up: reconnection is off, or `maxAttempts` ran out. */
  error(message: string, details?: Record<string, unknown>): void
}

type Level = keyof DexLogger

/**
 * @internal
 * The logger as the library calls it: a method is `undefined` when there is nothing to call, so the hot
 * path pays one check for `debug`, and a logger that throws can never break a connection.
 */
export type Log = { readonly [L in Level]?: (message: string, details?: Record<string, unknown>) => void }

const LEVELS: readonly Level[] = ['debug', 'info', 'warn', 'error']

/** @internal */
export function toLog(logger: DexLogger | undefined): Log {
  const log: { [L in Level]?: (message: string, details?: Record<string, unknown>) => void } = {}
  if (!logger) return log
  for (const level of LEVELS) {
    const method = logger[level]
    if (typeof method !== 'function') continue
    log[level] = (message, details) => {
      try {
        method.call(logger, message, details)
      } catch {
        // A logger's own failure must not become the connection's.
      }
    }
  }
  return log
}
