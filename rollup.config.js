import { readFileSync } from 'node:fs'
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

export default [
  library('src/index.ts', 'index'),
  library('src/simulator/index.ts', 'simulator'),
  types('src/index.ts', 'index'),
  types('src/simulator/index.ts', 'simulator'),
]
