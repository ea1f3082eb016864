import { checkNumber } from '../internal/validate'

/**
 * What one connection may cost the simulator, so that a misbehaving client (one that stops reading, floods
 * subscriptions or sends huge messages) cannot exhaust the process that serves everyone else.
 * @since 0.2.0
 */
export interface SimulatorLimits {
  /**
   * A connection whose unsent data (the `ws` socket's `bufferedAmount`) still passes this many bytes when
   * the next frame is sent is a reader that cannot keep up (a single frame bigger than the bound is sent): it is closed with code 1008 and its socket destroyed. `DexSimulator` only: the
   * in-process simulator has no send buffer.
   */
  maxBufferedBytes?: number
  /**
   * The largest message a client may send, in bytes; a bigger one closes the connection with 1009.
   * `DexSimulator` only (the `ws` server's `maxPayload`).
   */
  maxMessageBytes?: number
  /** Subscriptions one connection may hold; a subscribe past it is refused with an error frame. */
  maxSubscriptions?: number
  /** An error frame's text, which quotes what the client sent, is cut to this many characters. */
  maxErrorChars?: number
}

/** The defaults of {@link SimulatorLimits}. @since 0.2.0 */
export const DEFAULT_LIMITS = {
  /** Several seconds of the busiest topic mix (all depths of every symbol), far more than any live reader lags. */
  maxBufferedBytes: 4 * 1024 * 1024,
  /** A subscribe naming every symbol the real chain listed fits many times over. */
  maxMessageBytes: 64 * 1024,
  /** The per-connection stream limit other clients of the real service assumed. */
  maxSubscriptions: 1024,
  /** Enough to show what was wrong with a value, never an echo of a whole message. */
  maxErrorChars: 200,
} as const

/** @internal Every limit resolved and checked. */
export type ResolvedLimits = { readonly [K in keyof SimulatorLimits]-?: number }

/** @internal Applies the defaults; throws `DexInputError` naming the first bad limit. */
export function resolveLimits(limits: SimulatorLimits = {}): ResolvedLimits {
  const pick = (name: keyof SimulatorLimits, min: number): number =>
    checkNumber(`limits.${name}`, limits[name] ?? DEFAULT_LIMITS[name], min, Number.MAX_SAFE_INTEGER)
  return {
    maxBufferedBytes: pick('maxBufferedBytes', 1),
    maxMessageBytes: pick('maxMessageBytes', 1),
    maxSubscriptions: pick('maxSubscriptions', 1),
    maxErrorChars: pick('maxErrorChars', 16),
  }
}

/** @internal `text` cut to `max` characters, marked as cut. */
export function boundText(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

/** @internal The close a slow reader gets. */
export const SLOW_READER = { code: 1008, reason: 'too slow: send buffer full' } as const
