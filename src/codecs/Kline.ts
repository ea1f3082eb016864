import * as t from 'io-ts'
import type { Kline } from '../events'
import { Decimal, Integer, KlineIntervalCodec } from './primitives'
import { inline, optional, shape } from './wireShape'

/** The bar; its fields are spread into the event. `s` is read by the event's `symbol`. */
const klineBarShape = shape<Omit<Kline, 'eventType' | 'time' | 'symbol'>>()('KlineBarWire', {
  t: ['openTime', Integer],
  T: ['closeTime', Integer],
  s: [null, optional(t.string)],
  i: ['interval', KlineIntervalCodec],
  f: ['firstTradeId', t.string],
  L: ['lastTradeId', t.string],
  o: ['open', Decimal],
  c: ['close', Decimal],
  h: ['high', Decimal],
  l: ['low', Decimal],
  v: ['volume', Decimal],
  q: ['quoteVolume', Decimal],
  n: ['trades', Integer],
  x: ['closed', t.boolean],
})

/**
 * @internal
 * A `kline_<interval>` frame's data. The symbol is `s`, else `k.s`: no real kline frame was ever captured,
 * and the docs' example has both, disagreeing, so either one alone is enough.
 * @since 0.1.0
 */
export const klineShape = shape<Kline>()(
  'KlineWire',
  {
    e: ['eventType', t.literal('kline')],
    E: ['time', Integer],
    // The check below guarantees one of the two.
    s: ['symbol', optional(t.string, (wire: { k: { s?: string } }) => wire.k.s as string)],
    k: inline(klineBarShape),
  },
  [(w) => w.s !== undefined || w.k.s !== undefined, 'expected a symbol in s or k.s'],
)
