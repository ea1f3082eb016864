import { either } from 'fp-ts'
import type * as t from 'io-ts'
import type { CanonicalReader } from './canonical'
import { explain } from './explain'

/**
 * @internal
 * How the socket layer turns one topic's frame data into events.
 * @since 0.1.0
 */
export interface TopicDecoder<A> {
  /** true when the frame's data is an array whose elements are decoded (and routed) one by one */
  readonly array: boolean
  /** keys of each element that may hold an integer beyond 2^53 which the event keeps exactly (a trade's
   *  `T`); every other field rejects such a number, so only these keys need the frame's exact text */
  readonly exact: readonly string[]
  /** reads frames in the real server's exact form straight to events (canonical.ts); the fast path */
  readonly canonical?: CanonicalReader<A>
  /** decode one element (or the whole data when array is false); Left carries a human-readable reason
   *  naming the path of the bad field, e.g. 'data.p: expected a decimal string, got 12'. The path is
   *  rooted at `data` for array elements too: the decoder does not know the element's index. */
  decode(element: unknown): either.Either<string, A>
}

/** @internal What a topic's decoder knows beyond its codec. @since 0.1.0 */
export interface WireDecoderOptions<A> {
  /** See `TopicDecoder.exact`. */
  readonly exact?: readonly string[]
  /** See `TopicDecoder.canonical`. */
  readonly canonical?: CanonicalReader<A>
}

/**
 * @internal
 * Decodes one topic's data: validates the wire shape with `wire`, then maps it to the friendly event.
 * The success path is `wire.is` (no context, no error arrays) and the mapping; `wire.decode` runs only
 * when `is` says no, to name the bad field, and stays the authority: if it accepts what `is` refused
 * (a tuple with extra elements, say), its result is used.
 * @since 0.1.0
 */
export class WireDecoder<W, A> implements TopicDecoder<A> {
  readonly exact: readonly string[]
  readonly canonical?: CanonicalReader<A>

  constructor(
    readonly array: boolean,
    private readonly wire: t.Type<W, unknown, unknown>,
    private readonly fromWire: (wire: W) => A,
    options: WireDecoderOptions<A> = {},
  ) {
    this.exact = options.exact ?? []
    this.canonical = options.canonical
  }

  decode(element: unknown): either.Either<string, A> {
    return this.decodeAt(element, 'data')
  }

  /** `root` names `element` in the failure reason. */
  decodeAt(element: unknown, root: string): either.Either<string, A> {
    if (this.wire.is(element)) return either.right(this.fromWire(element))
    const result = this.wire.decode(element)
    return either.isRight(result)
      ? either.right(this.fromWire(result.right))
      : either.left(explain(result.left, root))
  }
}
