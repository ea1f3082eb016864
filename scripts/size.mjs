#!/usr/bin/env node
// Size budget of the browser builds: min+gzip of each CDN bundle, and of a tree-shaken app that imports only
// `DexSocket` and uses `trades`. Run after `npm run build`. Prints a table (or JSON with --json) and exits 1
// when a size is over its budget. The budgets are stated here and in docs/browser.md; raise one only on
// purpose, in the same change that explains why.
//
// What is measured: gzip level 9 (what CDNs serve at worst; brotli is smaller) of
// - dist/binance-dex-rx.umd.min.js: the library with io-ts and fp-ts inlined, rxjs external (global `rxjs`);
// - dist/binance-dex-rx.standalone.umd.min.js: the same with the parts of rxjs it uses inlined;
// - the ESM app: the entry below, bundled from dist/index.js by rollup with node-resolve (browser field,
//   default export conditions, as an app's bundler would) and terser. Everything the app ships is counted:
//   the library, io-ts, fp-ts and rxjs. `withoutRxjs` is the same app with rxjs left out: what the library
//   adds to an app that already uses rxjs (informational, no budget);
// - dist/binance-dex-rx-simulator.umd.min.js: the in-process simulator (market and protocol core), rxjs
//   external, and its standalone variant with the parts of rxjs it uses inlined.

import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import commonjs from '@rollup/plugin-commonjs'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import terser from '@rollup/plugin-terser'
import { rollup } from 'rollup'

/** Bytes after minification and gzip; each budget leaves room to grow but catches a bundling accident. */
export const BUDGETS = {
  // Raised from 20 kB in 0.2.0 for what that release added to every page: the socket unit with its connect
  // timeout, the logger, the frame path's guards, cross-build error classes, bounded books and asyncValues;
  // then to 22 kB for the message-size bound, tardis.dev's depth snapshots and the in-process URL check.
  'binance-dex-rx.umd.min.js': 22_000,
  'binance-dex-rx.standalone.umd.min.js': 28_000,
  'esm app: DexSocket + trades': 30_000,
  // The simulator shares the client's topic table, and with it whatever that table imports. It also replays
  // tapes, which brings the lossless frame reader (a taped frame cut down per connection keeps its 19-digit
  // integers) and the tape parser.
  'binance-dex-rx-simulator.umd.min.js': 27_000,
  'binance-dex-rx-simulator.standalone.umd.min.js': 29_000,
  // History for pages (the playground): replayTape, which carries a whole client, and the tardis.dev reader.
  'binance-dex-rx-history.umd.min.js': 28_000,
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

const APP = `import { DexSocket } from 'binance-dex-rx'
const dex = new DexSocket({ url: 'ws://127.0.0.1:8090/api/' })
dex.trades('BNB_BTCB-1DE').subscribe((t) => console.log(t.price))
`

const gzipSize = (code) => gzipSync(code, { level: 9 }).length

/** Bundles `source` as an app would (the package name resolves to this build's dist/index.js). */
async function bundledApp(source, { rxjs }) {
  const entry = '\0app'
  const bundle = await rollup({
    input: entry,
    external: rxjs ? [] : (id) => id === 'rxjs' || id.startsWith('rxjs/'),
    onwarn: () => {},
    plugins: [
      {
        name: 'app-entry',
        resolveId: (id) => (id === entry ? id : id === 'binance-dex-rx' ? join(root, 'dist/index.js') : null),
        load: (id) => (id === entry ? source : null),
      },
      nodeResolve({ browser: true, rootDir: root }),
      commonjs(),
    ],
  })
  try {
    const minify = terser({ format: { comments: false } })
    const { output } = await bundle.generate({ format: 'es', plugins: [minify] })
    const code = output[0].code
    return { code, modules: Object.keys(output[0].modules) }
  } finally {
    await bundle.close()
  }
}

/** Measures everything; `ok` is false when a size is over its budget. */
export async function measure() {
  const rows = []
  for (const file of ['binance-dex-rx.umd.min.js', 'binance-dex-rx.standalone.umd.min.js']) {
    const code = readFileSync(join(root, 'dist', file))
    rows.push({ name: file, minified: code.length, gzip: gzipSize(code), budget: BUDGETS[file] })
  }
  const app = await bundledApp(APP, { rxjs: true })
  const name = 'esm app: DexSocket + trades'
  rows.push({ name, minified: app.code.length, gzip: gzipSize(app.code), budget: BUDGETS[name] })
  for (const file of ['binance-dex-rx-simulator.umd.min.js', 'binance-dex-rx-simulator.standalone.umd.min.js', 'binance-dex-rx-history.umd.min.js']) {
    const code = readFileSync(join(root, 'dist', file))
    rows.push({ name: file, minified: code.length, gzip: gzipSize(code), budget: BUDGETS[file] })
  }
  const withoutRxjs = await bundledApp(APP, { rxjs: false })
  const wsInApp = app.modules.filter((id) => /node_modules[\\/]ws[\\/]|isomorphic-ws[\\/]node\.js/.test(id))
  return {
    ok: rows.every((r) => r.gzip <= r.budget) && wsInApp.length === 0,
    rows,
    withoutRxjs: { minified: withoutRxjs.code.length, gzip: gzipSize(withoutRxjs.code) },
    wsInApp,
  }
}

function table({ rows, withoutRxjs, wsInApp }) {
  const kb = (n) => `${(n / 1000).toFixed(1)} kB`.padStart(9)
  const line = (name, { minified, gzip }) => `${name.padEnd(48)}${kb(minified)} min ${kb(gzip)} gzip`
  const verdict = (r) => `budget ${kb(r.budget)}  ${r.gzip <= r.budget ? 'ok' : 'OVER'}`
  const lines = rows.map((r) => `${line(r.name, r)}   ${verdict(r)}`)
  lines.push(line('  the same app, rxjs not counted', withoutRxjs))
  if (wsInApp.length) lines.push(`ws reached the browser app: ${wsInApp.join(', ')}`)
  return lines.join('\n')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await measure()
  console.log(process.argv.includes('--json') ? JSON.stringify(result) : table(result))
  process.exitCode = result.ok ? 0 : 1
}
