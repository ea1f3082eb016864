// Wire-format payloads (docs/protocol.md) modelled on the real captures, for publishing through a simulator.

export const SYM = 'BNB_BTCB-1DE'
export const OTHER = '100K-9BC_BNB'
export const ADDR = 'tbnb1r4gc5ftrkr9ez2khph4h5xxd0mf0hd75jf06gw'
export const ADDR2 = 'tbnb1agdww9jsr5wmpw0jjk3s3yweu43g9pnc4p5kg7'

export const trade = (s = SYM, t = '7549438-0') => ({
  e: 'trade', E: 7549438, s, t, p: '3333.00000000', q: '0.02611100',
  b: '1D518A2563B0CB912AD70DEB7A18CD7ED2FBB7D4-11', a: 'EA1AE716501D1DB0B9F295A30891D9E562828678-12',
  T: 1554964166437515341n, sa: ADDR2, ba: ADDR, tt: 2,
})

export const order = (X = 'FullyFill') => ({
  e: 'executionReport', E: 7366949, s: OTHER, S: 1, o: 2, f: 1, q: '0.00001500', p: '66666.00000000', x: 'NEW',
  X, i: '1D518A2563B0CB912AD70DEB7A18CD7ED2FBB7D4-10', l: '0.00001500', L: '66666.00000000', z: '0.00001500',
  n: 'BNB:0.00039999', T: 1554890366040313451n, t: '7366949-0', O: 1554890366040313451n,
})

export const account = () => ({
  e: 'outboundAccountInfo', E: 7364509,
  B: [{ a: 'BNB', f: '1371.08750000', r: '0.00000000', l: '0.00000000' }, { a: 'DEX.B-C72', f: '999999791.11200000', r: '1.00000000', l: '2.00000000' }],
})

export const transfer = () => ({
  e: 'outboundTransferInfo', E: 7364509, H: '08B71F862CDB820AF499D6E4FB34494CA163EBDADD5DC5D0A61EB1A0725BB4F4',
  M: 'hi', f: ADDR, t: [{ o: ADDR2, c: [{ a: 'DEX.B-C72', A: '8.88800000' }] }],
})

export const diff = (s = SYM) => ({ e: 'depthUpdate', E: 1554964484, s, b: [['3333.00000000', '0.07398900']], a: [] })

export const depth = (symbol = SYM) => ({
  lastUpdateId: 7551469, symbol,
  bids: [['3333.00000000', '0.07398900'], ['3332.00000000', '1.00000000']],
  asks: [['66666.00000000', '1.10000000']],
})

export const kline = (s = SYM, i = '1m') => ({
  e: 'kline', E: 123456789, s,
  k: { t: 123400000, T: 123460000, s, i, f: '100-0', L: '110-2', o: '0.0010', c: '0.0020', h: '0.0025', l: '0.0015', v: '1000', q: '1.5', n: 12, x: false },
})

export const ticker = (s = SYM) => ({
  e: '24hrTicker', E: 1555687041, s, p: '-0.00000100', P: '-0.00180000', w: '0.00055000', x: '0.00055600', c: '0.00055500',
  Q: '10.00000000', b: '0.00055400', B: '5.00000000', a: '0.00055600', A: '7.00000000', o: '0.00055600', h: '0.00056000',
  l: '0.00054000', v: '1000.00000000', q: '0.55000000', O: 1555600641000, C: 1555687041000, F: '8274485-0', L: '8300000-1', n: 42,
})

export const miniTicker = (s = SYM, e = '24hrMiniTicker') => ({
  e, E: 1555687041, s, c: '0.00055500', o: '0.00055600', h: '0.00056000', l: '0.00054000', v: '1000.00000000', q: '0.55000000',
})
