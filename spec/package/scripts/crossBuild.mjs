// Loads the CJS and the ESM build into one process and prints, as JSON, which error made by which build
// passes `instanceof` against which class of which build. The spec compares it to the full expected matrix.
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { resolve } from 'node:path'

const dist = resolve(process.argv[2])
const builds = {
  cjs: createRequire(import.meta.url)(resolve(dist, 'index.cjs')),
  esm: await import(pathToFileURL(resolve(dist, 'index.js')).href),
}
const CLASSES = ['DexError', 'DexInputError', 'DexDecodeError', 'DexServerError', 'DexConnectionError']
const make = {
  DexError: (m) => new m.DexError('base'),
  DexInputError: (m) => new m.DexInputError('bad symbol', 'x y'),
  DexDecodeError: (m) => new m.DexDecodeError('bad frame', 'trades', 'at price', '{"stream":"trades"}'),
  DexServerError: (m) => new m.DexServerError('server said no', { code: 3 }, '{"error":{"code":3}}'),
  DexConnectionError: (m) => new m.DexConnectionError('dropped', 'market', 1011, 'internal'),
}

const matrix = []
for (const [madeBy, made] of Object.entries(builds)) {
  for (const name of CLASSES) {
    const error = make[name](made)
    for (const [checkedBy, checked] of Object.entries(builds)) {
      for (const against of CLASSES)
        matrix.push([`${madeBy}:${name}`, `${checkedBy}:${against}`, error instanceof checked[against]])
    }
    matrix.push([`${madeBy}:${name}`, 'Error', error instanceof Error])
    matrix.push([`${madeBy}:${name}`, 'TypeError', error instanceof TypeError])
  }
}

// A user's own subclass keeps ordinary prototype membership for itself, and its errors still belong to the
// library's classes of either build.
class Mine extends builds.esm.DexDecodeError {}
const mine = new Mine('mine', 't', 'r', 'raw')
const other = make.DexDecodeError(builds.cjs)
const subclass = {
  mineIsMine: mine instanceof Mine,
  mineIsCjsDecode: mine instanceof builds.cjs.DexDecodeError,
  mineIsCjsDexError: mine instanceof builds.cjs.DexError,
  mineIsCjsServer: mine instanceof builds.cjs.DexServerError,
  cjsDecodeIsMine: other instanceof Mine,
}

// Values that are not errors of this library belong to none of its classes.
const strangers = [
  null,
  undefined,
  0,
  'DexError',
  {},
  new Error('x'),
  new TypeError('x'),
  Object.create(null),
]
const strangerHits = strangers.flatMap((value) =>
  Object.entries(builds).flatMap(([b, m]) =>
    CLASSES.filter((c) => value instanceof m[c]).map((c) => `${b}:${c}`),
  ),
)

// Fields survive: what the other build sees is what was passed in.
const connection = make.DexConnectionError(builds.cjs)
const fields = {
  name: connection.name,
  connection: connection.connection,
  code: connection.code,
  reason: connection.reason,
  inputValue: make.DexInputError(builds.esm).value,
  raw: make.DexDecodeError(builds.cjs).raw,
  serverError: make.DexServerError(builds.esm).error,
  ownKeys: Object.keys(make.DexDecodeError(builds.cjs)),
}

process.stdout.write(JSON.stringify({ matrix, subclass, strangerHits, fields }))
