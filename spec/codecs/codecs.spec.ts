import fc from 'fast-check'
import { either } from 'fp-ts'
import * as t from 'io-ts'
import { KLINE_INTERVALS } from '../../src/KlineInterval'
import {
  AccountUpdateWire,
  BlockHeightWire,
  Decimal,
  DepthSnapshotWire,
  DepthUpdateWire,
  KlineWire,
  MiniTickerWire,
  OrderUpdateWire,
  TickerWire,
  TradeWire,
  TransferUpdateWire,
  OrderStatus,
  PriceLevelCodec as PriceLevel,
  tickerShape,
  type DexEvent,
  type MiniTicker,
  type OrderUpdate,
  type TickType,
  type Trade,
} from '../../src/codecs'
import { topicDecoder } from '../../src/internal/topicTable'
import * as events from './eventCodecs'

const decode = (stream: string, data: unknown) => topicDecoder(stream)!.decode(data)
const reason = (stream: string, data: unknown): string => {
  const result = decode(stream, data)
  if (either.isRight(result)) throw new Error(`${stream} accepted ${String(result.right)}`)
  return result.left
}
const event = <A extends DexEvent>(stream: string, data: unknown): A => {
  const result = decode(stream, data)
  if (either.isLeft(result)) throw new Error(result.left)
  return result.right as A
}

function omit<A extends object>(value: A, key: keyof A): Partial<A> {
  const copy: Partial<A> = { ...value }
  delete copy[key]
  return copy
}

const trade = {
  e: 'trade',
  E: 7549438,
  s: '100K-9BC_BNB',
  t: '7549438-0',
  p: '3333.00000000',
  q: '0.02611100',
  b: '1D518A2563B0CB912AD70DEB7A18CD7ED2FBB7D4-11',
  a: 'EA1AE716501D1DB0B9F295A30891D9E562828678-12',
  T: BigInt('1554964166437515341'),
  sa: 'tbnb1agdww9jsr5wmpw0jjk3s3yweu43g9pnc4p5kg7',
  ba: 'tbnb1r4gc5ftrkr9ez2khph4h5xxd0mf0hd75jf06gw',
  tt: 2,
}
const order = {
  e: 'executionReport',
  E: 7366949,
  s: '100K-9BC_BNB',
  S: 2,
  o: 1,
  f: 3,
  q: '0.00001500',
  p: '66666.00000000',
  x: 'NEW',
  X: 'IocExpire',
  i: '1D518A2563B0CB912AD70DEB7A18CD7ED2FBB7D4-10',
  l: '0.00000000',
  L: '0.00000000',
  z: '0.00000000',
  n: '',
  T: BigInt('1554890366040313451'),
  t: '',
  O: BigInt('1554890366040313450'),
}
const account = {
  e: 'outboundAccountInfo',
  E: 1,
  B: [{ a: 'BNB', f: '1.00000000', l: '2.00000000', r: '3.00000000' }],
}
const kline = {
  e: 'kline',
  E: 123456789,
  k: {
    t: 1,
    T: 2,
    s: 'BNB_BTCB-1DE',
    i: '1M',
    f: '1-0',
    L: '2-0',
    o: '1',
    c: '2',
    h: '3',
    l: '0.5',
    v: '10',
    q: '20',
    n: 3,
    x: true,
  },
}

const tickerField = (k: string): unknown =>
  k === 'e' ? '24hrTicker' : 'EOCn'.includes(k) ? 1 : k === 'F' || k === 'L' ? '1-0' : '0.5'
const ticker = Object.fromEntries(tickerShape.keys.map((k) => [k, tickerField(k)]))
const transfer = {
  e: 'outboundTransferInfo',
  E: 1,
  H: 'AB',
  M: 'm',
  f: 'a',
  t: [{ o: 'b', c: [{ a: 'BNB', A: '1.5' }] }],
}
const mini = { e: '24hrMiniTicker', E: 1, s: 'X_Y', c: '1', o: '1', h: '1', l: '1', v: '1', q: '1' }
const depth = { lastUpdateId: 1, symbol: 'X_Y', bids: [['2.0', '1.0']], asks: [['3.0', '1.0']] }

/** Each topic's wire codec, its stream, and a frame it accepts. */
const SAMPLES: [t.Mixed, string, Record<string, unknown>][] = [
  [TradeWire, 'trades', trade],
  [OrderUpdateWire, 'orders', order],
  [AccountUpdateWire, 'accounts', account],
  [TransferUpdateWire, 'transfers', transfer],
  [KlineWire, 'kline_1M', kline],
  [TickerWire, 'ticker', ticker],
  [MiniTickerWire, 'miniTicker', mini],
  [DepthUpdateWire, 'marketDiff', { e: 'depthUpdate', E: 1, s: 'X_Y', b: depth.bids, a: depth.asks }],
  [DepthSnapshotWire, 'marketDepth', depth],
  [BlockHeightWire, 'blockheight', { h: 1 }],
]

describe('Decimal', () => {
  it.each(['0.00001500', '-1.5', '66666', '0', '90000000000.00000000'])('accepts %j', (text) => {
    expect(Decimal.is(text)).toBe(true)
  })
  it.each(['1.', '.5', '1e5', '+1', '', ' 1', '0x10', '1.2.3', '--1', 12, null])('rejects %j', (value) => {
    expect(Decimal.is(value)).toBe(false)
    expect(either.isLeft(Decimal.decode(value))).toBe(true)
  })
})

describe('PriceLevel', () => {
  it('is a pair of decimal strings', () => {
    expect(PriceLevel.is(['3333.00000000', '0.07398900'])).toBe(true)
    expect(PriceLevel.is(['3333.00000000'])).toBe(false)
    expect(PriceLevel.is([3333, '0.07398900'])).toBe(false)
  })

  it("has an `is` that agrees with io-ts' own tuple", () => {
    const tuple = t.tuple([Decimal, Decimal])
    const part = fc.oneof(fc.constantFrom('1', '1.5', '-2', '1.', 'x', ''), fc.anything())
    fc.assert(
      fc.property(fc.oneof(fc.array(part, { maxLength: 3 }), fc.anything()), (u) => {
        expect(PriceLevel.is(u)).toBe(tuple.is(u))
      }),
    )
  })
})

describe('wire codecs', () => {
  const weird = fc.constantFrom<unknown>(
    ...[undefined, null, true, {}, [], ['1', '2'], ['1', '2', '3'], [['1', '2']], BigInt(5), BigInt(-5)],
    ...['', '1', '1.5', '-1', 'x', 'BUY', 'Ack', 'trade', '1m'],
    ...[0, 1, 2, 3, 5, 6, -1, 1.5, 2 ** 60],
  )

  it('accept their samples', () => {
    for (const [wire, stream, sample] of SAMPLES) {
      expect(wire.is(sample)).toBe(true)
      expect(either.isRight(decode(stream, sample))).toBe(true)
    }
  })

  it('never let `is` accept what the full decode rejects, and decoders follow the full decode', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SAMPLES),
        fc.array(fc.tuple(fc.nat(), weird), { minLength: 1, maxLength: 3 }),
        ([wire, stream, sample], changes) => {
          const keys = Object.keys(sample)
          const mutated: Record<string, unknown> = { ...sample }
          for (const [at, value] of changes) mutated[keys[at % keys.length]] = value
          const full = wire.decode(mutated)
          if (wire.is(mutated)) expect(either.isRight(full)).toBe(true)
          expect(either.isRight(decode(stream, mutated))).toBe(either.isRight(full))
        },
      ),
      { numRuns: 500 },
    )
  })
})

describe('topicDecoder', () => {
  it('knows every topic, with array frames flagged', () => {
    const arrays = ['orders', 'trades', 'allTickers', 'allMiniTickers']
    const objects = ['accounts', 'transfers', 'marketDiff', 'marketDepth', 'ticker', 'miniTicker']
    objects.push('blockheight')
    for (const stream of arrays) expect(topicDecoder(stream)?.array).toBe(true)
    for (const stream of objects) expect(topicDecoder(stream)?.array).toBe(false)
  })

  it('decodes the deeper depth streams like marketDepth', () => {
    for (const stream of ['marketDepth100', 'marketDepth500', 'marketDepth1000']) {
      expect(topicDecoder(stream)).toBe(topicDecoder('marketDepth'))
    }
  })

  it('knows a kline stream for each of the 15 intervals, and no other', () => {
    for (const interval of KLINE_INTERVALS) expect(topicDecoder(`kline_${interval}`)?.array).toBe(false)
    for (const stream of ['kline_2m', 'kline_', 'kline', 'kline_1min']) {
      expect(topicDecoder(stream)).toBeUndefined()
    }
  })

  it('knows no other stream', () => {
    for (const stream of ['', 'Trades', 'depth', 'constructor', '__proto__', 'toString', 'allTickers ']) {
      expect(topicDecoder(stream)).toBeUndefined()
    }
  })
})

describe('mapping wire to events', () => {
  it('orders: side 2 is sell, type 1 market, time in force 3 IOC', () => {
    const update = event<OrderUpdate>('orders', order)
    expect([update.side, update.orderType, update.timeInForce]).toEqual(['sell', 'market', 'IOC'])
    expect(update.status).toBe('IocExpire')
    expect(update.orderCreationTime).toBe(BigInt('1554890366040313450'))
  })

  it('orders: accepts every OrderStatus', () => {
    expect(Object.keys(OrderStatus.keys)).toEqual([
      'Ack',
      'Canceled',
      'Expired',
      'IocNoFill',
      'IocExpire',
      'PartialFill',
      'FullyFill',
      'FailedBlocking',
      'FailedMatching',
      'Unknown',
    ])
    for (const status of Object.keys(OrderStatus.keys)) {
      expect(event<OrderUpdate>('orders', { ...order, X: status }).status).toBe(status)
    }
  })

  it('trades: each tt code names its tick type', () => {
    const names: TickType[] = ['Unknown', 'SellTaker', 'BuyTaker', 'BuySurplus', 'SellSurplus', 'Neutral']
    names.forEach((name, tt) => expect(event<Trade>('trades', { ...trade, tt }).tickType).toBe(name))
  })

  it('trades: the time may come as bigint, safe number or digit string, always giving a bigint', () => {
    expect(event<Trade>('trades', trade).tradeTime).toBe(BigInt('1554964166437515341'))
    expect(event<Trade>('trades', { ...trade, T: 1554964166437 }).tradeTime).toBe(BigInt(1554964166437))
    const quoted = event<Trade>('trades', { ...trade, T: '1554964166437515341' })
    expect(quoted.tradeTime).toBe(BigInt('1554964166437515341'))
  })

  it('trades: unknown extra keys are ignored', () => {
    const decoded = event<Trade>('trades', { ...trade, extra: 1, M: 'x' })
    expect(decoded).toEqual(event<Trade>('trades', trade))
    expect(Object.keys(decoded)).not.toContain('extra')
  })

  it('accounts: l is locked, r is frozen; object or one-element array', () => {
    const expected = {
      eventType: 'outboundAccountInfo',
      height: 1,
      balances: [{ asset: 'BNB', free: '1.00000000', locked: '2.00000000', frozen: '3.00000000' }],
    }
    expect(event('accounts', account)).toEqual(expected)
    expect(event('accounts', [account])).toEqual(expected)
  })

  it('miniTicker: either e value gives eventType 24hrMiniTicker', () => {
    for (const e of ['24hrMiniTicker', '24hrTicker']) {
      expect(event<MiniTicker>('miniTicker', { ...mini, e }).eventType).toBe('24hrMiniTicker')
    }
  })

  it('kline: the symbol falls back to k.s', () => {
    expect(event('kline_1M', kline)).toMatchObject({ symbol: 'BNB_BTCB-1DE', interval: '1M', closed: true })
    expect(event('kline_1M', { ...kline, s: 'OTHER_BNB' })).toMatchObject({ symbol: 'OTHER_BNB' })
  })

  it('blockheight: a number', () => {
    expect(event('blockheight', { h: 8699895 })).toBe(8699895)
  })

  // `is` refuses it; the full decode, which is the authority, accepts it and strips the extra element.
  it('depth: a level with extra elements is cut to [price, quantity]', () => {
    const depth = { lastUpdateId: 1, symbol: 'X_Y', bids: [['1.0', '2.0', 'extra']], asks: [] }
    expect(event('marketDepth', depth)).toEqual({ ...depth, bids: [['1.0', '2.0']] })
  })

  it('builds events of the public types, with exactly their keys', () => {
    const decoded = event<Trade>('trades', trade)
    expect(events.Trade.is(decoded)).toBe(true)
    expect(events.Trade.is({ ...decoded, price: 3333 })).toBe(false)
    expect(events.Trade.is({ ...decoded, tradeTime: 1 })).toBe(false)
    expect(events.Trade.is({ ...decoded, tickType: 'Sideways' })).toBe(false)
    expect(events.Trade.is({ ...decoded, extra: 1 })).toBe(false)
    expect(Object.keys(decoded)).toContain('tickType')
    expect(Object.keys(event<Trade>('trades', omit(trade, 'tt')))).toContain('tickType')
    expect(event<Trade>('trades', omit(trade, 'tt')).tickType).toBeUndefined()
  })
})

describe('failure reasons', () => {
  const STATUSES = Object.keys(OrderStatus.keys).join(', ')
  const TICK_TYPES = '0 (Unknown), 1 (SellTaker), 2 (BuyTaker), 3 (BuySurplus), 4 (SellSurplus) or 5 (Neutral)'
  const emptyTransfer = { e: 'outboundTransferInfo', E: 1, H: 'A', f: 'b', t: [] }
  const badBalance = { a: 'X', f: 5, l: '0', r: '0' }
  it.each([
    ['wrong type', 'trades', { ...trade, p: 12 }, 'data.p: expected a decimal string, got 12'],
    ['decimal text', 'trades', { ...trade, q: '1e-8' }, 'data.q: expected a decimal string, got "1e-8"'],
    ['missing key', 'trades', omit(trade, 's'), 'data.s: missing, expected a string'],
    ['bad literal', 'trades', { ...trade, e: 'trades' }, 'data.e: expected "trade", got "trades"'],
    ['bad code', 'orders', { ...order, S: 3 }, 'data.S: expected 1 (buy) or 2 (sell), got 3'],
    ['string enum', 'orders', { ...order, f: 'GTE' }, 'data.f: expected 1 (GTE) or 3 (IOC), got "GTE"'],
    ['bad status', 'orders', { ...order, X: 'Filled' }, `data.X: expected one of ${STATUSES}, got "Filled"`],
    ['optional code', 'trades', { ...trade, tt: 6 }, `data.tt: expected ${TICK_TYPES}, got 6`],
    ['negative time', 'trades', { ...trade, T: -1 }, 'data.T: expected a non-negative integer time, got -1'],
    [
      'rounded time',
      'trades',
      { ...trade, T: 2 ** 60 },
      `data.T: expected a non-negative integer time, got ${2 ** 60}`,
    ],
    ['fractional height', 'trades', { ...trade, E: 1.5 }, 'data.E: expected an integer, got 1.5'],
    [
      'several errors',
      'trades',
      { ...trade, p: 1, q: 2, s: 3 },
      'data.s: expected a string, got 3 (and 2 more)',
    ],
    ['not an object', 'ticker', [], 'data: expected an object, got an array of 0'],
    ['null data', 'blockheight', null, 'data: expected an object, got null'],
    [
      'nested',
      'accounts',
      { ...account, B: [account.B[0], badBalance] },
      'data.B[1].f: expected a decimal string, got 5',
    ],
    ['inside the doc array', 'accounts', [{ ...account, E: '1' }], 'data[0].E: expected an integer, got "1"'],
    ['empty doc array', 'accounts', [], 'data: expected an object or a one-element array, got an array of 0'],
    [
      'short level',
      'marketDiff',
      { e: 'depthUpdate', E: 1, s: 'X_Y', b: [['1']], a: [] },
      'data.b[0][1]: missing, expected a decimal string',
    ],
    [
      'levels not an array',
      'marketDepth',
      { lastUpdateId: 1, symbol: 'X_Y', bids: {}, asks: [] },
      'data.bids: expected an array, got an object',
    ],
    [
      'no symbol',
      'kline_1M',
      { ...kline, k: omit(kline.k, 's') },
      'data: expected a symbol in s or k.s, got an object',
    ],
    [
      'bad interval',
      'kline_1M',
      { ...kline, k: { ...kline.k, i: '2m' } },
      'data.k.i: expected one of 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M, got "2m"',
    ],
    ['bad memo', 'transfers', { ...emptyTransfer, M: 7 }, 'data.M: expected a string, got 7'],
    [
      'bad coin',
      'transfers',
      { ...emptyTransfer, t: [{ o: 'c', c: [{ a: 'BNB' }] }] },
      'data.t[0].c[0].A: missing, expected a decimal string',
    ],
    [
      'bigint height',
      'blockheight',
      { h: BigInt('12345678901234567890') },
      'data.h: expected an integer, got 12345678901234567890n',
    ],
  ])('%s', (_, stream, data, expected) => {
    expect(reason(stream, data)).toBe(expected)
  })
})

describe('types derived from the codecs', () => {
  it('rejects wrong values at compile time', () => {
    const update = event<OrderUpdate>('orders', order)
    // @ts-expect-error side is 'buy' | 'sell'
    const side: 1 | 2 = update.side
    // @ts-expect-error transactionTime is a bigint
    const time: number = update.transactionTime
    const mutate = () => {
      // @ts-expect-error events are read-only
      update.price = '1'
    }
    expect([side, time, typeof mutate]).toEqual(['sell', update.transactionTime, 'function'])
  })
})
