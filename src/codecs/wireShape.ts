import * as t from 'io-ts'
import {
  ArrayFrameReader,
  BookFrameReader,
  formOf,
  ObjectFrameReader,
  objectOf,
  type CanonicalReader,
  type Field,
  type Levels,
} from './canonical'
import { fromCapturesBuilder, fromWireBuilder, type CaptureStep, type FromCaptures, type WireStep } from './eventBuilders'
import { PriceLevels, refine, WireTime } from './primitives'

// ---------------------------------------------------------------------------
// A topic's wire shape, written once: per wire key (in the real server's order) its codec, its name in
// the event and how its value is converted. From it come the io-ts codec that validates the wire (and
// names the bad field), the mapping to the event, the keys that need exact integers, and the canonical
// reader's element pattern with the mapping of its captures. The event's type is written a second time,
// as the public interface in src/events.ts; `shape<Event>()` fails to compile when the two differ.
// ---------------------------------------------------------------------------

/** @internal A wire key that may be missing; `fallback` gives the event's value then (else undefined). */
export class Optional<C extends t.Mixed, D> {
  constructor(
    readonly codec: C,
    readonly fallback?: (wire: never) => D,
  ) {}
}

/** @internal A wire key that may be missing. */
export function optional<C extends t.Mixed>(codec: C): Optional<C, never>
/** @internal A wire key that may be missing, with the event's value when it is, computed from the whole wire. */
export function optional<C extends t.Mixed, D>(codec: C, fallback: (wire: never) => D): Optional<C, D>
export function optional<C extends t.Mixed, D>(codec: C, fallback?: (wire: never) => D): Optional<C, D> {
  return new Optional(codec, fallback)
}

/** @internal An array of a nested shape; each element becomes that shape's event. */
export class ListOf<W, A> {
  constructor(readonly shape: Shape<W, A>) {}
}

/** @internal An array of a nested shape. */
export const listOf = <W, A>(shape: Shape<W, A>): ListOf<W, A> => new ListOf(shape)

/** @internal A nested object whose event fields are spread into the parent's event (a kline's `k`). */
export class Inline<W, A> {
  constructor(readonly shape: Shape<W, A>) {}
}

/** @internal A nested object spread into the parent's event. */
export const inline = <W, A>(shape: Shape<W, A>): Inline<W, A> => new Inline(shape)

// `any`: a nested shape's wire type sits in its codec both ways (is, encode), so no narrower type admits them all.
type AnyWire = any
type Part = t.Mixed | Optional<t.Mixed, unknown> | ListOf<AnyWire, object>

/**
 * @internal
 * One wire key: `[event name, codec]`, or `[event name, codec, convert]`; a `null` name validates the key
 * without putting it in the event.
 */
export type FieldSpec =
  | readonly [name: string | null, part: Part]
  | readonly [name: string | null, part: Part, convert: (wire: never) => unknown]
  | Inline<AnyWire, object>

/** @internal A shape's wire keys, in the order the real server writes them. */
export type Fields = { readonly [key: string]: FieldSpec }

// ---------------------------------------------------------------------------
// the types a spec derives
// ---------------------------------------------------------------------------

type Flat<T> = { [K in keyof T]: T[K] }
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never

type PartWire<P> =
  P extends Optional<infer C, unknown> ? t.TypeOf<C> : P extends ListOf<infer W, AnyWire> ? W[] : P extends t.Mixed ? t.TypeOf<P> : never
type PartEvent<P> = P extends ListOf<AnyWire, infer A> ? readonly A[] : PartWire<P>
type IsOptional<F> = F extends readonly [unknown, Optional<t.Mixed, unknown>, ...unknown[]] ? true : false
/** Optional without a fallback: the event's key is optional too. */
type IsBare<F> = F extends readonly [unknown, Optional<t.Mixed, infer D>, ...unknown[]] ? ([D] extends [never] ? true : false) : false
type FieldEvent<F> = F extends readonly [unknown, infer P, (wire: never) => infer O]
  ? O | Fallback<P>
  : F extends readonly [unknown, infer P]
    ? PartEvent<P> | Fallback<P>
    : never
type Fallback<P> = P extends Optional<t.Mixed, infer D> ? D : never
type FieldWire<F> = F extends Inline<infer W, AnyWire> ? W : F extends readonly [unknown, infer P, ...unknown[]] ? PartWire<P> : never

/** @internal The wire object a spec validates. */
export type WireOf<S extends Fields> = Flat<
  { [K in keyof S as IsOptional<S[K]> extends true ? never : K]: FieldWire<S[K]> } & {
    [K in keyof S as IsOptional<S[K]> extends true ? K : never]?: FieldWire<S[K]>
  }
>

type NameOf<F, Bare extends boolean> = F extends readonly [infer N extends string, ...unknown[]]
  ? IsBare<F> extends Bare
    ? N
    : never
  : never
type ByName<S extends Fields, N> = { [K in keyof S]: S[K] extends readonly [N, ...unknown[]] ? S[K] : never }[keyof S]
type Inlined<S extends Fields> = UnionToIntersection<
  { [K in keyof S]: S[K] extends Inline<AnyWire, infer A> ? A : never }[keyof S]
>

/** @internal The event a spec builds. */
export type EventOf<S extends Fields> = Flat<
  { readonly [N in { [K in keyof S]: NameOf<S[K], false> }[keyof S]]: FieldEvent<ByName<S, N>> } & {
    readonly [N in { [K in keyof S]: NameOf<S[K], true> }[keyof S]]?: FieldEvent<ByName<S, N>>
  } & ([Inlined<S>] extends [never] ? unknown : Inlined<S>)
>

/** @internal true when `A` and `B` are the same type, modifiers included. */
export type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false

/** What `shape<A>()` demands of a spec whose event type `D` is not `A`: a property that names the difference. */
type Agrees<D, A> =
  Same<D, A> extends true
    ? unknown
    : {
        readonly 'the spec does not build the declared event': {
          onlyInSpec: Exclude<keyof D, keyof A>
          onlyInType: Exclude<keyof A, keyof D>
          differing: { [K in keyof D & keyof A]: Same<D[K], A[K]> extends true ? never : K }[keyof D & keyof A]
        }
      }

// ---------------------------------------------------------------------------
// the shape
// ---------------------------------------------------------------------------

/**
 * @internal
 * A wire shape and the event it maps to. Build one with `shape<Event>()(name, fields)`.
 * @since 0.1.0
 */
export class Shape<W, A> {
  /** Validates the wire and names the first bad field (see explain.ts). */
  readonly codec: t.Type<W, unknown, unknown>
  /** The wire keys, in order. */
  readonly keys: readonly string[]
  /** Keys whose value may be an integer beyond 2^53 that the event keeps exactly (a time). */
  readonly exact: readonly string[]
  /** The event of a wire value the codec accepted. */
  readonly fromWire: (wire: W) => A
  private readonly steps: readonly (WireStep & { readonly codec: t.Mixed })[]

  constructor(name: string, fields: Fields, check?: readonly [(wire: W) => boolean, string]) {
    const required: t.Props = {}
    const optionals: t.Props = {}
    const steps: (WireStep & { codec: t.Mixed })[] = []
    for (const [key, spec] of Object.entries(fields)) {
      if (spec instanceof Inline) {
        const nested: Shape<unknown, object> = spec.shape
        required[key] = nested.codec
        steps.push({ key, name: null, codec: nested.codec, optional: false, inline: nested.fromWire })
        continue
      }
      const [name, part, convert] = spec as readonly [string | null, Part, ((wire: unknown) => unknown)?]
      const optional = part instanceof Optional
      const inner = optional ? part.codec : part
      const nested: Shape<unknown, object> | undefined = inner instanceof ListOf ? inner.shape : undefined
      const codec = nested ? t.array(nested.codec) : (inner as t.Mixed)
      ;(optional ? optionals : required)[key] = codec
      steps.push({
        key,
        name,
        codec,
        optional,
        convert: nested ? (wires) => (wires as unknown[]).map(nested.fromWire) : convert,
        fallback: optional ? (part.fallback as ((wire: unknown) => unknown) | undefined) : undefined,
      })
    }
    const plain = Object.keys(optionals).length === 0
    const wire = plain ? t.type(required, name) : t.intersection([t.type(required), t.partial(optionals)], name)
    const codec: t.Mixed = check ? refine(wire, check[0] as (w: unknown) => boolean, check[1], name) : wire
    this.codec = codec as t.Type<W, unknown, unknown>
    this.keys = Object.keys(fields)
    this.exact = steps.filter((s) => s.codec === WireTime).map((s) => s.key)
    this.steps = steps
    this.fromWire = fromWireBuilder(steps) as (wire: W) => A
  }

  /** A reader of frames whose data is an array of this shape, in the canonical form. */
  arrayReader(): CanonicalReader<A> {
    const { fields, lists, build } = this.canonical()
    if (lists.length > 0) throw new Error('level lists are read by a book reader only')
    return new ArrayFrameReader(objectOf(fields), build as (m: RegExpExecArray) => A | undefined)
  }

  /** A reader of frames whose data is this shape, in the canonical form; a book's when it ends in two level lists. */
  objectReader(): CanonicalReader<A> {
    const { fields, lists, build } = this.canonical()
    if (lists.length === 0) return new ObjectFrameReader(objectOf(fields), build as (m: RegExpExecArray) => A | undefined)
    if (lists.length !== 2 || !this.keys.slice(-2).every((k) => lists.includes(k))) {
      throw new Error('a book shape ends in its two level lists')
    }
    return new BookFrameReader(fields.slice(0, -2), lists[0], lists[1], build as (m: RegExpExecArray, b: Levels, a: Levels) => A | undefined)
  }

  /** The canonical element: its fields' forms, its level lists, and the mapping of its captures to the event. */
  private canonical(): { fields: Field[]; lists: string[]; build: FromCaptures } {
    const fields: Field[] = []
    const lists: string[] = []
    const steps: CaptureStep[] = []
    let group = 0
    for (const step of this.steps) {
      const { name, optional, convert } = step
      if (step.codec === PriceLevels) {
        fields.push([step.key, ''])
        steps.push({ name, group: -1, list: lists.length, optional, convert })
        lists.push(step.key)
        continue
      }
      const form = step.inline || step.fallback ? undefined : formOf(step.codec)
      if (form === undefined) throw new Error(`${step.key} has no canonical form`)
      fields.push(optional ? [step.key, form.pattern, 'optional'] : [step.key, form.pattern])
      const captures = form.constant === undefined
      steps.push({ name, group: captures ? ++group : -1, list: -1, optional, read: form.read, constant: form.constant, convert })
    }
    return { fields, lists, build: fromCapturesBuilder(steps) }
  }
}

/**
 * @internal
 * Declares a shape whose event must be exactly `A`: `shape<Trade>()('TradeWire', { e: ['eventType',
 * t.literal('trade')], … })`. Curried so that `A` is given and the spec's type inferred.
 * @since 0.1.0
 */
export function shape<A>() {
  return <const S extends Fields>(
    name: string,
    fields: S & Agrees<EventOf<S>, A>,
    check?: readonly [predicate: (wire: WireOf<S>) => boolean, message: string],
  ): Shape<WireOf<S>, A> => new Shape<WireOf<S>, A>(name, fields, check)
}

// ---------------------------------------------------------------------------
// what a producer of the wire writes
// ---------------------------------------------------------------------------

type Written<V> = V extends readonly (infer E)[]
  ? E extends readonly unknown[]
    ? unknown
    : E extends object
      ? readonly WrittenObject<E>[]
      : unknown
  : V extends object
    ? WrittenObject<V>
    : unknown
type WrittenObject<V> = { [K in keyof V]: Written<V[K]> }

/**
 * @internal
 * What a producer of a shape's wire (the simulator) must write: exactly the shape's keys, optional ones
 * optional, nested objects and lists of objects likewise; the values are the producer's own (bigint times,
 * numeric codes). `{ … } satisfies WireFields<typeof tradeShape>` fails to compile on a key the client does
 * not read and on one it requires but the literal misses.
 */
export type WireFields<S> = S extends Shape<infer W, unknown> ? WrittenObject<W> : never

/** @internal One element of a list in {@link WireFields}. */
export type WireElement<L> = L extends readonly (infer E)[] ? E : never
