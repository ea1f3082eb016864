import { resolve } from 'node:path'
import { DIST, requireBuilt, runNode } from './nodeChild'

// One class per error across builds: an error made by the CJS build is an instance of the ESM build's class and
// the reverse, for all five classes, and never of a sibling class. Both builds are loaded into one plain Node
// process (jest's module system would run the ESM file through ts-jest), which reports the whole matrix.

const CLASSES = [
  'DexError',
  'DexInputError',
  'DexDecodeError',
  'DexServerError',
  'DexConnectionError',
] as const
type Name = (typeof CLASSES)[number]
const BUILDS = ['cjs', 'esm'] as const

/** What each class is an instance of, besides itself. */
const ANCESTORS: Record<Name, readonly string[]> = {
  DexError: ['Error'],
  DexInputError: ['DexError', 'TypeError', 'Error'],
  DexDecodeError: ['DexError', 'Error'],
  DexServerError: ['DexError', 'Error'],
  DexConnectionError: ['DexError', 'Error'],
}

function expectedMatrix(): Array<[string, string, boolean]> {
  const rows: Array<[string, string, boolean]> = []
  for (const madeBy of BUILDS) {
    for (const name of CLASSES) {
      const isA = (cls: string): boolean => cls === name || ANCESTORS[name].includes(cls)
      for (const checkedBy of BUILDS)
        for (const against of CLASSES)
          rows.push([`${madeBy}:${name}`, `${checkedBy}:${against}`, isA(against)])
      rows.push([`${madeBy}:${name}`, 'Error', isA('Error')])
      rows.push([`${madeBy}:${name}`, 'TypeError', isA('TypeError')])
    }
  }
  return rows
}

interface Report {
  matrix: Array<[string, string, boolean]>
  subclass: Record<string, boolean>
  strangerHits: string[]
  fields: Record<string, unknown>
}

let report: Report

beforeAll(async () => {
  requireBuilt('index.js', 'index.cjs')
  const child = await runNode(resolve(__dirname, 'scripts/crossBuild.mjs'), [DIST])
  expect(child.stderr).toBe('')
  expect(child.code).toBe(0)
  report = JSON.parse(child.stdout) as Report
})

test('every error of either build is an instance of exactly its own classes of both builds', () => {
  const expected = expectedMatrix()
  expect(report.matrix).toHaveLength(2 * CLASSES.length * (2 * CLASSES.length + 2))
  expect(report.matrix).toEqual(expected)
})

test('a subclass from one build is told apart from its siblings of the other build', () => {
  const row = (made: string, against: string): boolean | undefined =>
    report.matrix.find(([m, a]) => m === made && a === against)?.[2]
  expect(row('cjs:DexDecodeError', 'esm:DexDecodeError')).toBe(true)
  expect(row('cjs:DexDecodeError', 'esm:DexError')).toBe(true)
  expect(row('cjs:DexDecodeError', 'esm:DexServerError')).toBe(false)
  expect(row('esm:DexInputError', 'cjs:DexInputError')).toBe(true)
  expect(row('esm:DexInputError', 'TypeError')).toBe(true)
  expect(row('esm:DexError', 'cjs:DexInputError')).toBe(false)
})

test("a user's own subclass keeps prototype membership and still belongs to both builds' classes", () => {
  expect(report.subclass).toEqual({
    mineIsMine: true,
    mineIsCjsDecode: true,
    mineIsCjsDexError: true,
    mineIsCjsServer: false,
    cjsDecodeIsMine: false,
  })
})

test('values that are not errors of this library belong to none of its classes', () => {
  expect(report.strangerHits).toEqual([])
})

test('every field survives, and the brands stay out of the own enumerable keys', () => {
  expect(report.fields).toEqual({
    name: 'DexConnectionError',
    connection: 'market',
    code: 1011,
    reason: 'internal',
    inputValue: 'x y',
    raw: '{"stream":"trades"}',
    serverError: { code: 3 },
    ownKeys: ['name', 'topic', 'reason', 'raw'],
  })
})
