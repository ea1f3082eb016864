import { DexConnectionError, DexDecodeError, DexError, DexInputError, DexServerError } from '../src/errors'
import { KlineInterval } from '../src/KlineInterval'
import { checkAddress, checkInterval, checkSymbol } from '../src/internal/validate'
import { resolveOptions } from '../src/internal/resolveOptions'

const TESTNET_ADDR = 'tbnb1r4gc5ftrkr9ez2khph4h5xxd0mf0hd75jf06gw' // from a real testnet capture
const MAINNET_ADDR = 'bnb1m4m9etgf3ca5wpgkqe5nr6r33a4ynxfln3yz4v' // from the official docs

describe('symbols', () => {
  it.each([
    ['BNB_BTCB-1DE', 'BNB_BTCB-1DE'],
    ['100K-9BC_BNB', '100K-9BC_BNB'],
    ['bnb_btc.b-918', 'BNB_BTC.B-918'],
  ])('accepts %s as %s', (input, canonical) => expect(checkSymbol(input)).toBe(canonical))

  it.each(['', 'BNB', 'BNB_', '_BNB', 'BNB_BTC_X', 'BNB BTC', 'BNB/BTC', 'BNB_BTC@trades', 42, null])(
    'rejects %p with a DexInputError naming it',
    (bad) => {
      expect(() => checkSymbol(bad)).toThrow(DexInputError)
      expect(() => checkSymbol(bad)).toThrow(`Invalid symbol ${JSON.stringify(bad)}`)
    },
  )
})

describe('addresses', () => {
  it('accepts a checksummed address of the right network, lower-cased', () => {
    expect(checkAddress(TESTNET_ADDR, ['tbnb'])).toBe(TESTNET_ADDR)
    expect(checkAddress(MAINNET_ADDR.toUpperCase(), ['bnb'])).toBe(MAINNET_ADDR)
  })

  it.each([
    [TESTNET_ADDR.slice(0, -1) + 'x', ['tbnb'], /checksum mismatch/],
    [TESTNET_ADDR, ['bnb'], /expected "bnb1…" on this network/],
    [MAINNET_ADDR, ['tbnb'], /expected "tbnb1…"/],
    ['tbnb1' + 'q'.repeat(10), ['tbnb'], /checksum|20 account bytes/],
    ['TBNB1r4gc5ftrkr9ez2khph4h5xxd0mf0hd75jf06gw', ['tbnb'], /mixed case/],
    ['tbnb1r4gc5ftrkr9ez2khph4h5xxd0mf0hd75jf06gb', ['tbnb'], /invalid character "b"/],
    ['not an address', ['bnb'], /Invalid address/],
  ] as const)('rejects %s', (addr, prefixes, why) => {
    expect(() => checkAddress(addr, prefixes)).toThrow(DexInputError)
    expect(() => checkAddress(addr, prefixes)).toThrow(why)
  })
})

describe('intervals', () => {
  it('accepts the 15 intervals and the seed names map onto them', () => {
    expect(Object.values(KlineInterval)).toEqual(['1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1M'])
    expect(KlineInterval.interval_5min).toBe('5m')
    for (const i of Object.values(KlineInterval)) expect(checkInterval(i)).toBe(i)
  })
  it.each(['4m', '1s', '1H', '', undefined])('rejects %p', (bad) => {
    expect(() => checkInterval(bad)).toThrow(/Invalid kline interval .* expected one of 1m, 3m/)
  })
})

describe('options', () => {
  it('derives the ws endpoint from network or url, with or without a trailing slash', () => {
    expect(resolveOptions().url).toBe('wss://dex.binance.org/api/ws')
    expect(resolveOptions({ network: 'testnet' }).url).toBe('wss://testnet-dex.binance.org/api/ws')
    expect(resolveOptions({ url: 'ws://127.0.0.1:1/api' }).url).toBe('ws://127.0.0.1:1/api/ws')
    expect(resolveOptions({ url: 'ws://127.0.0.1:1/api/' }).url).toBe('ws://127.0.0.1:1/api/ws')
  })
  it('accepts either address prefix only with a custom url', () => {
    expect(resolveOptions().prefixes).toEqual(['bnb'])
    expect(resolveOptions({ network: 'testnet' }).prefixes).toEqual(['tbnb'])
    expect(resolveOptions({ url: 'ws://h/api/' }).prefixes).toEqual(['bnb', 'tbnb'])
  })
  it.each([
    [{ network: 'devnet' }, /Invalid network "devnet"/],
    [{ url: 'http://x/api' }, /Invalid url/],
    [{ keepAliveIntervalMs: -1 }, /keepAliveIntervalMs/],
    [{ staleAfterMs: NaN }, /staleAfterMs/],
    [{ reconnect: { initialDelayMs: 1000, maxDelayMs: 10 } }, /reconnect.maxDelayMs/],
    [{ reconnect: { maxAttempts: -2 } }, /reconnect.maxAttempts/],
    [{ WebSocketCtor: 'ws' }, /WebSocketCtor/],
  ])('rejects %p', (bad, why) => {
    expect(() => resolveOptions(bad as never)).toThrow(DexInputError)
    expect(() => resolveOptions(bad as never)).toThrow(why)
  })
})

describe('error classes', () => {
  it('are all DexErrors with fixed names; DexInputError is also a TypeError', () => {
    const all = [
      new DexInputError('x'),
      new DexDecodeError('x', 't', 'r', 'raw'),
      new DexServerError('x', {}, 'raw'),
      new DexConnectionError('x'),
    ]
    for (const e of all) expect(e).toBeInstanceOf(DexError)
    expect(all.map((e) => e.name)).toEqual(['DexInputError', 'DexDecodeError', 'DexServerError', 'DexConnectionError'])
    expect(new DexInputError('x')).toBeInstanceOf(TypeError)
    expect(new DexDecodeError('x', 't', 'r', 'raw')).not.toBeInstanceOf(DexInputError)
    expect(new Error('plain')).not.toBeInstanceOf(DexError)
    expect(new DexConnectionError('x')).not.toBeInstanceOf(DexDecodeError)
  })
})
