import { pathToFileURL } from 'node:url'
import { resolve } from 'node:path'
import { DIST, makeConsumer, requireBuilt, runNode, type Consumer } from './nodeChild'

// Every runtime export of both builds, imported by package name from a consumer folder as a stranger would:
// the ESM and the CJS build export the same names, each a real value, and exactly the expected ones.

const EXPECTED = {
  'binance-dex-rx': {
    BinanceChainSocket: 'function',
    DexConnectionError: 'function',
    DexDecodeError: 'function',
    DexError: 'function',
    DexInputError: 'function',
    DexServerError: 'function',
    DexSocket: 'function',
    KlineInterval: 'object',
    asyncValues: 'function',
    isKlineInterval: 'function',
  },
  'binance-dex-rx/simulator': {
    DEFAULT_LIMITS: 'object',
    DEFAULT_MARKET_OPTIONS: 'object',
    DEFAULT_SIMULATOR_OPTIONS: 'object',
    DexSimulator: 'function',
    SimulatedMarket: 'function',
    TAPE_ENDED: 'object',
    parseTape: 'function',
    tapeEntryLine: 'function',
    tapeHeaderLine: 'function',
  },
} as const

const FILES = {
  'binance-dex-rx': { esm: 'index.js', cjs: 'index.cjs' },
  'binance-dex-rx/simulator': { esm: 'simulator.js', cjs: 'simulator.cjs' },
} as const

type Entry = keyof typeof EXPECTED
interface Loaded {
  esm: Record<string, string>
  cjs: Record<string, string>
  esmResolved: string
  cjsResolved: string
}

let consumer: Consumer
let report: Record<Entry, Loaded>

beforeAll(async () => {
  requireBuilt('index.js', 'index.cjs', 'simulator.js', 'simulator.cjs')
  consumer = makeConsumer({ 'package.json': '{ "name": "consumer", "private": true, "type": "module" }' })
  const child = await runNode(resolve(__dirname, 'scripts/exports.mjs'), [], consumer.dir)
  expect(child.stderr).toBe('')
  expect(child.code).toBe(0)
  report = JSON.parse(child.stdout) as Record<Entry, Loaded>
})

afterAll(() => consumer?.remove())

describe.each(Object.keys(EXPECTED) as Entry[])('%s', (entry) => {
  test('import and require reach the ESM and the CJS build', () => {
    expect(report[entry].esmResolved).toBe(pathToFileURL(resolve(DIST, FILES[entry].esm)).href)
    expect(report[entry].cjsResolved).toBe(resolve(DIST, FILES[entry].cjs))
  })

  test('both builds export the same names, each defined, exactly the expected ones', () => {
    const { esm, cjs } = report[entry]
    for (const kind of [...Object.values(esm), ...Object.values(cjs)]) expect(kind).not.toBe('undefined')
    expect(Object.keys(esm)).toEqual(Object.keys(cjs))
    expect(esm).toEqual(EXPECTED[entry])
    expect(cjs).toEqual(EXPECTED[entry])
  })
})
