// ---------------------------------------------------------------------------
// Error taxonomy. Every failure that reaches a user is one of these classes, so `instanceof`
// and `name` are enough to tell a bad input from a bad frame, a server complaint or a network drop.
// ---------------------------------------------------------------------------

const DEX_ERROR = Symbol.for('binance-dex-rx.DexError')

/**
 * Base class of every error this library produces.
 *
 * `DexInputError` must also be a `TypeError` (API.md), and JavaScript has single inheritance, so
 * membership is decided by a brand rather than the prototype chain: `err instanceof DexError`
 * holds for all five classes.
 *
 * @since 0.1.0
 */
export class DexError extends Error {
  /** The class name, `'DexError'` (each subclass has its own). */
  override readonly name: string = 'DexError'
  /** @internal */
  readonly [DEX_ERROR] = true

  /** Makes `instanceof DexError` hold for all five classes, `DexInputError` included. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== DexError) return Function.prototype[Symbol.hasInstance].call(this, value)
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[DEX_ERROR] === true
  }
}

/**
 * A bad symbol, address, interval or option passed to a method. Thrown synchronously; nothing is sent.
 * It is both a `TypeError` and a `DexError`.
 *
 * ```ts
 * try { dex.trades('not a symbol') } catch (e) { e instanceof DexInputError } // true
 * ```
 * @since 0.1.0
 */
export class DexInputError extends TypeError {
  /** Always `'DexInputError'`. */
  override readonly name = 'DexInputError'
  /** @internal */
  readonly [DEX_ERROR] = true
  constructor(
    message: string,
    /** The rejected value. */
    readonly value?: unknown,
  ) {
    super(message)
  }
}

/**
 * A frame that could not be used: malformed JSON, an unknown stream, or data that does not match the
 * topic's codec. Delivered on `errors$`; the stream it belonged to goes on.
 * @since 0.1.0
 */
export class DexDecodeError extends DexError {
  /** Always `'DexDecodeError'`. */
  override readonly name = 'DexDecodeError'
  constructor(
    message: string,
    /** The frame's topic (its `stream` value) when it could be read. */
    readonly topic: string | undefined,
    /** Why decoding failed, with the path of the offending field. */
    readonly reason: string,
    /** The frame exactly as received. */
    readonly raw: string,
  ) {
    super(message)
  }
}

/**
 * A frame from the server carrying a top-level `error` key. Delivered on `errors$`.
 * @since 0.1.0
 */
export class DexServerError extends DexError {
  /** Always `'DexServerError'`. */
  override readonly name = 'DexServerError'
  constructor(
    message: string,
    /** The value of the frame's `error` key. */
    readonly error: unknown,
    /** The frame exactly as received. */
    readonly raw: string,
  ) {
    super(message)
  }
}

/**
 * The connection failed, dropped, or the socket was used after `close()`. Delivered on `errors$`
 * for every drop; streams error with it only when reconnection is off or `maxAttempts` ran out.
 * @since 0.1.0
 */
export class DexConnectionError extends DexError {
  /** Always `'DexConnectionError'`. */
  override readonly name = 'DexConnectionError'
  constructor(
    message: string,
    /** `'market'` or the address whose connection failed. */
    readonly connection?: string,
    /** WebSocket close code, when the socket closed. */
    readonly code?: number,
    /** WebSocket close reason, when the socket closed. */
    readonly reason?: string,
  ) {
    super(message)
  }
}
