import { either } from 'fp-ts'
import * as t from 'io-ts'
import type * as events from '../events'
import type { PriceLevel } from '../events'
import { KLINE_INTERVALS, type KlineInterval } from '../KlineInterval'
import { CODE, DECIMAL as DECIMAL_FORM, NANOS, SAFE_INT, withForm } from './canonical'

// ---------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------

// Each custom codec's `is` accepts exactly what its `validate` accepts: decoders try `is` first and
// fall back to `decode` only to explain a rejection.

const DECIMAL = /^-?\d+(?:\.\d+)?$/
const DIGITS = /^\d+$/

const isDecimal = (u: unknown): u is string => typeof u === 'string' && DECIMAL.test(u)

/**
 * @internal
 * A decimal number kept as the server's exact text (`"0.00001500"`, `"-1.5"`, `"66666"`); never a float.
 * @since 0.1.0
 */
export const Decimal: t.Type<Decimal, Decimal, unknown> = withForm(
  new t.Type<Decimal, Decimal, unknown>(
    'Decimal',
    isDecimal,
    (u, c) => (isDecimal(u) ? t.success(u) : t.failure(u, c, 'expected a decimal string')),
    t.identity,
  ),
  { pattern: DECIMAL_FORM },
)
/** The public `Decimal` (src/events.ts). @since 0.1.0 */
export type Decimal = events.Decimal

// io-ts' tuple `is` allocates a closure per call; a marketDepth1000 frame checks 2000 levels.
function isPriceLevel(u: unknown): u is [Decimal, Decimal] {
  return Array.isArray(u) && u.length === 2 && isDecimal(u[0]) && isDecimal(u[1])
}

/**
 * @internal
 * One order book level: `[price, quantity]`. (Not named `PriceLevel`: this module passes the public type
 * of that name on, for the order book.)
 * @since 0.1.0
 */
export const PriceLevelCodec: t.Type<PriceLevel, readonly [Decimal, Decimal], unknown> = fastReadonly(
  t.tuple([Decimal, Decimal]),
  isPriceLevel,
  'PriceLevel',
)
export type { PriceLevel } from '../events'

/** @internal One side's levels; canonical readers read these lists with a loop of their own. @since 0.1.0 */
export const PriceLevels = t.readonlyArray(PriceLevelCodec)

const isInteger = (u: unknown): u is number => Number.isSafeInteger(u)

/** @internal A height, count or millisecond / second time: a JSON integer within 2^53. @since 0.1.0 */
export const Integer = withForm(
  new t.Type<number, number, unknown>(
    'Integer',
    isInteger,
    (u, c) => (isInteger(u) ? t.success(u) : t.failure(u, c, 'expected an integer')),
    t.identity,
  ),
  { pattern: SAFE_INT, read: Number },
)

const isTime = (u: unknown): u is bigint | number | string =>
  typeof u === 'bigint'
    ? u >= BigInt(0)
    : typeof u === 'number'
      ? Number.isSafeInteger(u) && u >= 0
      : typeof u === 'string' && DIGITS.test(u)

/**
 * @internal
 * A nanosecond time on the wire. Real servers send 19-digit integers (a `bigint` from `parseFrame`); the
 * docs' examples hold millisecond numbers; some relays quote them. All three decode to the same `bigint`.
 * @since 0.1.0
 */
export const WireTime = withForm(
  new t.Type<bigint | number | string, bigint | number | string, unknown>(
    'WireTime',
    isTime,
    (u, c) => (isTime(u) ? t.success(u) : t.failure(u, c, 'expected a non-negative integer time')),
    t.identity,
  ),
  { pattern: NANOS, read: BigInt },
)
/** @internal @since 0.1.0 */
export type WireTime = t.TypeOf<typeof WireTime>

/** @internal @since 0.1.0 */
export const toBigInt = (time: WireTime): bigint => (typeof time === 'bigint' ? time : BigInt(time))

const isInterval = (u: unknown): u is KlineInterval => KLINE_INTERVALS.includes(u as KlineInterval)

/** @internal One of the 15 kline intervals. @since 0.1.0 */
export const KlineIntervalCodec = new t.Type<KlineInterval, KlineInterval, unknown>(
  'KlineInterval',
  isInterval,
  (u, c) => (isInterval(u) ? t.success(u) : t.failure(u, c, `expected one of ${KLINE_INTERVALS.join(' ')}`)),
  t.identity,
)

// ---------------------------------------------------------------------------
// combinators
// ---------------------------------------------------------------------------

/**
 * @internal
 * `t.readonly(codec)` with a faster hand-written `is`, which must accept exactly what `codec.is` accepts;
 * validation (and so every failure reason) stays `codec`'s.
 * @since 0.1.0
 */
export function fastReadonly<C extends t.Mixed>(
  codec: C,
  is: (u: unknown) => u is t.TypeOf<C>,
  name: string,
): t.ReadonlyC<C> {
  return new t.ReadonlyType(name, is, codec.validate, codec.encode, codec)
}

/**
 * @internal
 * A numeric wire code (`1`, `2`, …) whose meanings are the values of `table`; the codec's type is the union
 * of the table's keys, so a lookup `table[code]` is total.
 * @since 0.1.0
 */
export function numericCode<const T extends Readonly<Record<number, string>>>(
  name: string,
  table: T,
): t.Type<keyof T & number, keyof T & number, unknown> {
  const codes = Object.keys(table).map(Number)
  const is = (u: unknown): u is keyof T & number => typeof u === 'number' && codes.includes(u)
  const choices = codes.map((code) => `${code} (${table[code]})`)
  const message = `expected ${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}`
  const codec = new t.Type(name, is, (u, c) => (is(u) ? t.success(u) : t.failure(u, c, message)), t.identity)
  const read = (text: string) => {
    const code = Number(text)
    return is(code) ? code : undefined
  }
  return withForm(codec, { pattern: CODE, read })
}

/**
 * @internal
 * `codec`, further restricted by `predicate`; `message` says what the predicate wants. (`t.refinement`
 * would do, but it is deprecated and its failures carry no message.)
 * @since 0.1.0
 */
export function refine<C extends t.Mixed>(
  codec: C,
  predicate: (a: t.TypeOf<C>) => boolean,
  message: string,
  name: string = codec.name,
): t.RefinementType<C, t.TypeOf<C>, t.OutputOf<C>, unknown> {
  type A = t.TypeOf<C>
  return new t.RefinementType(
    name,
    (u): u is A => codec.is(u) && predicate(u),
    (u, c) => {
      const result = codec.validate(u, c)
      if (either.isLeft(result) || predicate(result.right)) return result
      return t.failure(u, c, message)
    },
    codec.encode,
    codec,
    predicate,
  )
}
