import * as t from 'io-ts'
import { Integer } from './primitives'

/** @internal A `blockheight` frame's data: `{"h": 8699895}`. @since 0.1.0 */
export const BlockHeightWire = t.type({ h: Integer }, 'BlockHeightWire')
/** @internal @since 0.1.0 */
export type BlockHeightWire = t.TypeOf<typeof BlockHeightWire>

/** @internal `blockHeight()` emits the bare height. @since 0.1.0 */
export function blockHeightFromWire(w: BlockHeightWire): number {
  return w.h
}
