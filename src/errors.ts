// ---------------------------------------------------------------------------
// Error taxonomy. Every failure that reaches a user is one of these classes, so `instanceof`
// and `name` are enough to tell a bad input from a bad frame, a server complaint or a network drop.
// ---------------------------------------------------------------------------

/**
 * Class membership by brand, not by prototype identity. A process can hold two copies of these classes
 * (the ESM and the CJS build, or two installed versions), and `DexInputError` must also be a `TypeError`
 * while JavaScript has single inheritance. Each class therefore marks its prototype with a registry symbol
 * of its own name (`Symbol.for`, so every copy marks with the same symbol), and `instanceof` asks for that
 * mark: an error from either copy belongs to the classes it was made as, and to no sibling class.
 */
const brands = new Map<Function, symbol>()

const markOf = (name: string): symbol => Symbol.for(`binance-dex-rx.${name}`)

/** Marks `cls` as `name`, and also as `inherited` classes its prototype chain cannot carry. */
function brand(cls: Function, name: string, ...inherited: string[]): void {
  brands.set(cls, markOf(name))
  // On the prototype, not the instance: subclasses inherit their ancestors' marks, and the marks stay out of
  // `Object.keys`, JSON and console listings of the error.
  for (const each of [name, ...inherited]) Object.defineProperty(cls.prototype, markOf(each), { value: true })
}

function isBranded(cls: Function, value: unknown): boolean {
  const mark = brands.get(cls)
  // A user's own subclass has no mark of its own: ordinary prototype membership.
  if (mark === undefined) return Function.prototype[Symbol.hasInstance].call(cls, value)
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[mark] === true
}

/**
 * Base class of every error this library produces: `err instanceof DexError` holds for all five classes,
 * `DexInputError` included, whichever build (ESM or CJS) made the error.
 *
 * @since 0.1.0
 */
export class DexError extends Error {
  /** The class name, `'DexError'` (each subclass has its own). */
  override readonly name: string = 'DexError'

  static {
    brand(this, 'DexError')
  }

  /** Membership by brand, so an error made by another build of this library still matches. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isBranded(this, value)
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

  static {
    brand(this, 'DexInputError', 'DexError')
  }

  /** Membership by brand (see {@link DexError}); it is a `TypeError` through its prototype. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isBranded(this, value)
  }

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

  static {
    brand(this, 'DexDecodeError')
  }

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

  static {
    brand(this, 'DexServerError')
  }

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

  static {
    brand(this, 'DexConnectionError')
  }

  constructor(
    message: string,
    /** `'market'` or the address whose connection failed. */
    readonly connection?: string,
    /** WebSocket close code; set for every close, clean or not. */
    readonly code?: number,
    /** WebSocket close reason (`''` when the peer gave none); set for every close, clean or not. */
    readonly reason?: string,
  ) {
    super(message)
  }
}
