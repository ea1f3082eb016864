import { either } from 'fp-ts'
import type * as t from 'io-ts'
import { explain } from './explain'
import type { TopicDecoder } from './index'

/**
 * @internal
 * Decodes one topic's data: validates the wire shape with `wire`, then maps it to the friendly event.
 * The success path is `wire.is` (no context, no error arrays) and the mapping; `wire.decode` runs only
 * when `is` says no, to name the bad field, and stays the authority: if it accepts what `is` refused
 * (a tuple with extra elements, say), its result is used.
 * @since 0.1.0
 */
export class WireDecoder<W, A> implements TopicDecoder<A> {
  constructor(
    readonly array: boolean,
    private readonly wire: t.Type<W, unknown, unknown>,
    private readonly fromWire: (wire: W) => A,
    readonly exact: readonly string[] = [],
  ) {}

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
