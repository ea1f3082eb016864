import { readFileSync } from 'node:fs'
import commonjs from '@rollup/plugin-commonjs'
import { nodeResolve } from '@rollup/plugin-node-resolve'
import terser from '@rollup/plugin-terser'
import typescript from '@rollup/plugin-typescript'
import { dts } from 'rollup-plugin-dts'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'))
const deps = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]
// npm builds leave every dependency to the consumer's resolver (isomorphic-ws then picks its browser file).
const external = (id) => id.startsWith('node:') || deps.some((d) => id === d || id.startsWith(`${d}/`))
const ts = () => typescript({ tsconfig: './tsconfig.build.json', outputToFilesystem: false })
const onwarn = (warning, warn) => {
  // fp-ts's tslib-style helpers use top-level `this`; harmless in a bundle.
  if (warning.code === 'THIS_IS_UNDEFINED' && warning.id?.includes('node_modules')) return
  warn(warning)
}

const library = (input, name) => ({
  input,
  external,
  onwarn,
  plugins: [ts()],
  output: [
    { file: `dist/${name}.js`, format: 'es', sourcemap: true },
    { file: `dist/${name}.cjs`, format: 'cjs', exports: 'named', sourcemap: true },
  ],
})

const types = (input, name) => ({
  input,
  external,
  plugins: [dts({ tsconfig: './tsconfig.build.json' })],
  output: [{ file: `dist/${name}.d.ts` }, { file: `dist/${name}.d.cts` }],
})

// The command line: one self-contained ESM file for Node, with its shebang.
const cli = {
  input: 'src/cli/main.ts',
  external,
  onwarn,
  plugins: [ts()],
  output: { file: 'dist/cli.js', format: 'es', banner: '#!/usr/bin/env node', sourcemap: true },
}

// CDN builds (UMD, global `BinanceDexRx`), minified. They re-bundle dist/index.js, which rollup has written
// by then (the CLI builds this array in order), so the UMD code is the ESM build's code and TS runs once;
// `sourceMapped` carries dist/index.js.map along, so the UMD maps still point into src/.
// The `browser` field sends isomorphic-ws to its browser file (the native WebSocket), so `ws` never enters;
// io-ts and fp-ts ship no UMD and are inlined, tree-shaken. `es2015` picks rxjs's ES2015 build (not its ES5
// one) when the standalone bundle inlines it. rxjs's UMD has `webSocket` as the namespace `rxjs.webSocket`.
const sourceMapped = {
  name: 'source-mapped',
  load(id) {
    if (!id.endsWith('dist/index.js')) return null
    return { code: readFileSync(id, 'utf8'), map: readFileSync(`${id}.map`, 'utf8') }
  },
}
const umd = (file, { bundleRxjs }) => ({
  input: 'dist/index.js',
  external: bundleRxjs ? [] : (id) => id === 'rxjs' || id.startsWith('rxjs/'),
  onwarn,
  plugins: [sourceMapped, nodeResolve({ browser: true, exportConditions: ['es2015'] }), commonjs()],
  output: {
    file: `dist/${file}`,
    format: 'umd',
    name: 'BinanceDexRx',
    globals: { rxjs: 'rxjs', 'rxjs/webSocket': 'rxjs.webSocket' },
    sourcemap: true,
    plugins: [terser({ format: { comments: false } })],
  },
})

// The in-process simulator for <script> tags (global `BinanceDexRxSimulator`), built like the library's
// UMD from its ESM build: next to rxjs's UMD, or standalone with the parts of rxjs it uses inlined.
const simulatorSourceMapped = {
  name: 'simulator-source-mapped',
  load(id) {
    if (!id.endsWith('dist/simulator-in-process.js')) return null
    return { code: readFileSync(id, 'utf8'), map: readFileSync(`${id}.map`, 'utf8') }
  },
}
const simulatorUmd = (file, { bundleRxjs }) => ({
  input: 'dist/simulator-in-process.js',
  external: bundleRxjs ? [] : (id) => id === 'rxjs' || id.startsWith('rxjs/'),
  onwarn,
  plugins: [simulatorSourceMapped, nodeResolve({ browser: true, exportConditions: ['es2015'] }), commonjs()],
  output: {
    file: `dist/${file}`,
    format: 'umd',
    name: 'BinanceDexRxSimulator',
    globals: { rxjs: 'rxjs' },
    sourcemap: true,
    plugins: [terser({ format: { comments: false } })],
  },
})

export default [
  library('src/index.ts', 'index'),
  // Right after the ESM build they re-bundle. For <script> tags after rxjs's own UMD (global `rxjs`);
  // package.json's unpkg/jsdelivr point here.
  umd('binance-dex-rx.umd.min.js', { bundleRxjs: false }),
  // One tag, nothing else: rxjs inlined (only what the library uses).
  umd('binance-dex-rx.standalone.umd.min.js', { bundleRxjs: true }),
  cli,
  library('src/simulator/index.ts', 'simulator'),
  types('src/index.ts', 'index'),
  types('src/simulator/index.ts', 'simulator'),
  library('src/simulator/inProcess/index.ts', 'simulator-in-process'),
  simulatorUmd('binance-dex-rx-simulator.umd.min.js', { bundleRxjs: false }),
  simulatorUmd('binance-dex-rx-simulator.standalone.umd.min.js', { bundleRxjs: true }),
  types('src/simulator/inProcess/index.ts', 'simulator-in-process'),
]
