import { readFileSync, readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { DIST, requireBuilt } from './nodeChild'

// The published declarations speak only the library's own types: no io-ts or fp-ts, no codec values under
// the event types' names, no internal plumbing; and what they declare as values is what the builds export.

const EVENT_TYPES = [
  'Trade',
  'OrderUpdate',
  'AccountUpdate',
  'TransferUpdate',
  'DepthUpdate',
  'DepthSnapshot',
  'Kline',
  'Ticker',
  'MiniTicker',
  'Balance',
  'Decimal',
  'PriceLevel',
  'OrderStatus',
  'TickType',
]
const INDEX_VALUES = [
  'BinanceChainSocket',
  'DexConnectionError',
  'DexDecodeError',
  'DexError',
  'DexInputError',
  'DexServerError',
  'DexSocket',
  'KlineInterval',
  'asyncValues',
  'isKlineInterval',
]

let files: string[]
const read = (file: string): string => readFileSync(resolve(DIST, file), 'utf8')
/** The ESM declarations re-export the CommonJS ones (one copy ships): the text that declares them. */
const declared = (file: string): string => read(file.replace(/\.d\.ts$/, '.d.cts'))

beforeAll(() => {
  requireBuilt('index.d.ts', 'index.d.cts')
  files = readdirSync(DIST)
    .filter((file) => /\.d\.c?ts$/.test(file))
    .sort()
})

test('declarations exist for both entries in both module kinds', () => {
  expect(files).toEqual(
    expect.arrayContaining(['index.d.ts', 'index.d.cts', 'simulator.d.ts', 'simulator.d.cts', 'simulator-in-process.d.ts', 'simulator-in-process.d.cts']),
  )
})

test('no published declaration references io-ts or fp-ts', () => {
  const hits = files.flatMap((file) =>
    read(file)
      .split('\n')
      .flatMap((line, n) => (/\b(io-ts|fp-ts)\b/.test(line) ? [`${file}:${n + 1}: ${line.trim()}`] : [])),
  )
  expect(hits).toEqual([])
})

test('no declaration declares a value under an event type name (a codec)', () => {
  const pattern = new RegExp(
    `^\\s*(export\\s+)?declare\\s+(const|let|var|function|class)\\s+(${EVENT_TYPES.join('|')})\\b`,
  )
  const hits = files.flatMap((file) =>
    read(file)
      .split('\n')
      .flatMap((line, n) => (pattern.test(line) ? [`${file}:${n + 1}: ${line.trim()}`] : [])),
  )
  expect(hits).toEqual([])
})

test('SocketInternals is not in the published surface', () => {
  expect(files.filter((file) => /\bSocketInternals\b/.test(read(file)))).toEqual([])
})

test.each(['index', 'simulator', 'simulator-in-process'])('%s.d.ts re-exports %s.d.cts and nothing else', (name) => {
  expect(read(`${name}.d.ts`)).toBe(`export * from './${name}.cjs'\n`)
})

test.each(['index.d.ts', 'index.d.cts'])(
  "%s exports as values exactly the builds' runtime exports",
  (file) => {
    // rollup-plugin-dts ends the file with `export { values... }` and `export type { types... }`.
    const text = declared(file)
    const values = [...text.matchAll(/^export \{([^}]*)\};?$/gm)].flatMap((match) =>
      match[1]
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== '' && !name.startsWith('type ')),
    )
    // Every value it exports is a runtime export, whatever the exported name is bound to in the file.
    expect(values.map((name) => name.split(/\s+as\s+/).pop()).sort()).toEqual(INDEX_VALUES)
  },
)

// Issue 20: what an editor shows in a hover is the public surface only, and one KlineInterval.
test('no published declaration has a private or protected member', () => {
  const hits = files.flatMap((file) =>
    read(file)
      .split('\n')
      .flatMap((line, n) => (/^\s+(private|protected)\b|#private/.test(line) ? [`${file}:${n + 1}: ${line.trim()}`] : [])),
  )
  expect(hits).toEqual([])
})

test.each(['simulator.d.cts', 'simulator-in-process.d.cts'])('%s takes KlineInterval from index.d.cts instead of declaring its own', (file) => {
  const text = read(file)
  expect(text).not.toMatch(/\b(const|type)\s+KlineInterval\b/)
  expect(text).toMatch(/^import \{[^}]*\bKlineInterval\b[^}]*\} from '\.\/index\.cjs';$/m)
})

// Issue 20: an example an editor shows on hover must work; the public hosts were shut down in 2023.
test('no example in the declarations connects to a shut-down public host', () => {
  const examples = files.flatMap((file) => [...read(file).matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => `${file}: ${m[1]}`))
  expect(examples.length).toBeGreaterThan(5)
  const publicHost = /new (DexSocket|BinanceChainSocket)\((\)|\{ network|true|false)/
  expect(examples.filter((example) => publicHost.test(example.replace(/^\s*\*\s?/gm, '')))).toEqual([])
})
