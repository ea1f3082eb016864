import { existsSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import commonjs from '@rollup/plugin-commonjs'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import terser from '@rollup/plugin-terser'
import typescript from '@rollup/plugin-typescript'
import { dts } from 'rollup-plugin-dts'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'))
const deps = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]
// npm builds leave every dependency to the consumer's resolver (isomorphic-ws then picks its browser file).
const external = (id) => id.startsWith('node:') || deps.some((d) => id === d || id.startsWith(`${d}/`))
// Where the library's default WebSocket comes from: see `websocketImport`.
const libraryExternal = (id) => id !== 'isomorphic-ws' && external(id)
const ts = () => typescript({ tsconfig: './tsconfig.build.json', outputToFilesystem: false })
const onwarn = (warning, warn) => {
  // fp-ts's tslib-style helpers use top-level `this`; harmless in a bundle.
  if (warning.code === 'THIS_IS_UNDEFINED' && warning.id?.includes('node_modules')) return
  warn(warning)
}
// The ESM and CJS builds are readable JavaScript (TS with its types and comments removed; the docs are in the
// .d.ts files), so the package ships them without maps. The minified CDN bundles ship maps that point at the
// package's src/ rather than carrying every source a second time (package.json's `files` ships the library's
// sources for them, not the simulator's or the CLI's, which no shipped map points at). The ESM build still writes maps, unlinked
// and left out of the package, so the CDN maps can reach through it into src/.
const mapped = { sourcemap: true, sourcemapExcludeSources: true }

// The default WebSocket comes through the package's own import `#websocket` (package.json "imports"):
// isomorphic-ws (so `ws`) in Node, the platform's global WebSocket under the `browser` and `deno`
// conditions. Deno then runs with --allow-net alone (`ws` reads environment variables when imported), and
// browser bundlers never see `ws`, from one build.
const websocketImport = (format) => ({
  name: 'websocket-import',
  resolveId: (id) => (id === 'isomorphic-ws' ? { id: '#websocket', external: true } : null),
  generateBundle() {
    const [fileName, source] =
      format === 'es'
        ? ['websocket.js', 'export default globalThis.WebSocket\n']
        : ['websocket.cjs', "'use strict'\nmodule.exports = globalThis.WebSocket\n"]
    this.emitFile({ type: 'asset', fileName, source })
  },
})

// Chunk names carry a content hash: without this, every build would leave its predecessors' chunks behind
// (and `npm pack` would ship them).
const cleanDist = {
  name: 'clean-dist',
  buildStart: () => rmSync('dist', { recursive: true, force: true }),
}

// ESM for Node and bundlers: the library, the simulator and the CLI share their common code as chunks, so
// the package carries each module once; the CLI is the one entry with a shebang.
const esm = {
  input: {
    index: 'src/index.ts',
    simulator: 'src/simulator/index.ts',
    'simulator-in-process': 'src/simulator/inProcess/index.ts',
    cli: 'src/cli/main.ts',
  },
  external: libraryExternal,
  onwarn,
  plugins: [cleanDist, websocketImport('es'), ts()],
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    banner: (chunk) => (chunk.isEntry && chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
    ...mapped,
    sourcemap: 'hidden',
  },
}

// CJS for `require`: the library and the simulators (the CLI is ESM only), re-bundled from the ESM build.
const cjs = {
  input: { index: 'dist/index.js', simulator: 'dist/simulator.js', 'simulator-in-process': 'dist/simulator-in-process.js' },
  external: (id) => id === '#websocket' || external(id),
  onwarn,
  plugins: [websocketImport('cjs')],
  output: {
    dir: 'dist',
    format: 'cjs',
    exports: 'named',
    entryFileNames: '[name].cjs',
    chunkFileNames: 'chunks/[name]-[hash].cjs',
  },
}

// TypeScript wants a declaration file per module format; the ESM one re-exports the CJS one (ESM may import
// CommonJS, not the other way round), so the declarations ship once.
const esmDeclarations = (name) => ({
  name: 'esm-declarations',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: `${name}.d.ts`, source: `export * from './${name}.cjs'\n` })
  },
})
// The simulators' declarations take KlineInterval from the library's own declarations instead of declaring a
// second one: an editor then sees one type, whichever entry it came from.
// The match is on the module imported, whoever imports it: the in-process entry reaches it through DexSocket too.
const KLINE_INTERVAL_MODULE = path.resolve('src/KlineInterval')
const libraryDeclarations = {
  name: 'library-declarations',
  resolveId: (source, importer) =>
    importer && source.startsWith('.') && path.resolve(path.dirname(importer), source) === KLINE_INTERVAL_MODULE
      ? { id: './index.cjs', external: true }
      : null,
}
const types = (input, name) => ({
  input,
  external,
  // The JavaScript drops comments (tsconfig.build.json); the declarations keep them: they are the API docs
  // editors show.
  plugins: [...(name === 'index' ? [] : [libraryDeclarations]), dts({ tsconfig: './tsconfig.build.json', compilerOptions: { removeComments: false } }), esmDeclarations(name)],
  output: { file: `dist/${name}.d.cts` },
})

// The CDN builds re-bundle dist/index.js, which rollup has written by then (the CLI builds this array in
// order), so their code is the ESM build's code and TS runs once; `sourceMapped` carries the ESM maps along,
// so their maps still point into src/.
const sourceMapped = {
  name: 'source-mapped',
  load(id) {
    if (!/dist[\\/](chunks[\\/])?[^\\/]+\.js$/.test(id) || !existsSync(`${id}.map`)) return null
    return { code: readFileSync(id, 'utf8'), map: readFileSync(`${id}.map`, 'utf8') }
  },
}

// CDN builds (UMD, global `BinanceDexRx`), minified.
// The `browser` field sends isomorphic-ws to its browser file (the native WebSocket), so `ws` never enters;
// io-ts and fp-ts ship no UMD and are inlined, tree-shaken. `es2015` picks rxjs's ES2015 build (not its ES5
// one) when the standalone bundle inlines it. rxjs's UMD has `webSocket` as the namespace `rxjs.webSocket`.
const RXJS_UMD = 'https://unpkg.com/rxjs@7/dist/bundles/rxjs.umd.min.js'
// Without this, a page that forgot rxjs's tag fails inside the wrapper with an unrelated-looking TypeError.
const requireRxjsGlobal = (name, standalone) =>
  'if(typeof define!=="function"&&typeof module!=="object"&&typeof rxjs==="undefined")' +
  `throw new Error('${name}: the global "rxjs" is missing; load rxjs first with <script src="${RXJS_UMD}"></script>${standalone ? `, or use ${standalone}` : ''}');`
const umd = (file, { bundleRxjs }) => ({
  input: 'dist/index.js',
  external: bundleRxjs ? [] : (id) => id === 'rxjs' || id.startsWith('rxjs/'),
  onwarn,
  plugins: [sourceMapped, nodeResolve({ browser: true, exportConditions: ['es2015'] }), commonjs()],
  output: {
    file: `dist/${file}`,
    format: 'umd',
    name: 'BinanceDexRx',
    globals: { rxjs: 'rxjs' },
    banner: bundleRxjs ? undefined : requireRxjsGlobal('binance-dex-rx', 'binance-dex-rx.standalone.umd.min.js'),
    // Only the bundle unpkg and jsDelivr serve by default gets a map: the standalone one's would mostly map
    // rxjs, and would cost the package more than any other file.
    ...(bundleRxjs ? {} : mapped),
    plugins: [terser({ format: { comments: false } })],
  },
})

// The simulator's UMD is everything of its ESM entry but history: `replayTape` carries a whole client
// (DexSocket and the codecs), and a page with <script> tags already loads the client's own UMD. History has a
// UMD of its own (below), for pages that replay; an app that replays tapes imports the ESM entry. The entries'
// names are read from the ESM build, so none is forgotten.
const SIMULATOR_ESM = path.resolve('dist/simulator-in-process.js')
const HISTORY = ['replayTape', 'tardisTapeLines']
const umdEntry = (id, keep) => ({
  name: 'umd-entry',
  resolveId: (source) => (source === id ? id : null),
  async load(source) {
    if (source !== id) return null
    const names = Object.keys(await import(pathToFileURL(SIMULATOR_ESM).href)).filter(keep)
    return `export { ${names.join(', ')} } from ${JSON.stringify(SIMULATOR_ESM)}`
  },
})

// A UMD of the in-process entry's names that `keep` takes, like the library's UMD built from the ESM build:
// next to rxjs's UMD, or standalone with the parts of rxjs it uses inlined. No maps: the package ships the
// library's sources for the CDN maps, not the simulator's.
const inProcessUmd = (file, { bundleRxjs, name, label, keep, standalone }) => {
  const entry = `\0${file}-entry`
  return {
    input: entry,
    external: bundleRxjs ? [] : (id) => id === 'rxjs' || id.startsWith('rxjs/'),
    onwarn,
    plugins: [umdEntry(entry, keep), nodeResolve({ browser: true, exportConditions: ['es2015'] }), commonjs()],
    output: {
      file: `dist/${file}`,
      format: 'umd',
      name,
      globals: { rxjs: 'rxjs' },
      banner: bundleRxjs ? undefined : requireRxjsGlobal(label, standalone),
      plugins: [terser({ format: { comments: false } })],
    },
  }
}

// The in-process simulator for <script> tags (global `BinanceDexRxSimulator`).
const simulatorUmd = (file, { bundleRxjs }) =>
  inProcessUmd(file, {
    bundleRxjs,
    name: 'BinanceDexRxSimulator',
    label: 'binance-dex-rx simulator',
    keep: (name) => !HISTORY.includes(name),
    standalone: 'binance-dex-rx-simulator.standalone.umd.min.js',
  })

// History for <script> tags (global `BinanceDexRxHistory`): `replayTape` and `tardisTapeLines`, after rxjs's
// UMD; the playground replays files with it.
const historyUmd = inProcessUmd('binance-dex-rx-history.umd.min.js', {
  bundleRxjs: false,
  name: 'BinanceDexRxHistory',
  label: 'binance-dex-rx history',
  keep: (name) => HISTORY.includes(name),
})

export default [
  esm,
  // For <script> tags after rxjs's own UMD (global `rxjs`); package.json's unpkg/jsdelivr point here.
  umd('binance-dex-rx.umd.min.js', { bundleRxjs: false }),
  // One tag, nothing else: rxjs inlined (only what the library uses).
  umd('binance-dex-rx.standalone.umd.min.js', { bundleRxjs: true }),
  cjs,
  types('src/index.ts', 'index'),
  types('src/simulator/index.ts', 'simulator'),
  simulatorUmd('binance-dex-rx-simulator.umd.min.js', { bundleRxjs: false }),
  simulatorUmd('binance-dex-rx-simulator.standalone.umd.min.js', { bundleRxjs: true }),
  historyUmd,
  types('src/simulator/inProcess/index.ts', 'simulator-in-process'),
]
