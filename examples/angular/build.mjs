// Bundles the app with esbuild (Angular, rxjs and binance-dex-rx included) into memory: one ES module.
// esbuild applies the components' decorators (tsconfig.json: experimentalDecorators); Angular's compiler,
// bundled too, compiles their templates when the page starts.

import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const here = dirname(fileURLToPath(import.meta.url))

/**
 * @param {{ minify?: boolean }} [options]
 * @returns {Promise<{ js: string, map: string }>} the bundle and its source map
 */
export async function buildApp({ minify = true } = {}) {
  const result = await build({
    entryPoints: [join(here, 'src', 'main.ts')],
    tsconfig: join(here, 'tsconfig.json'),
    bundle: true,
    format: 'esm',
    platform: 'browser', // isomorphic-ws then resolves to the browser's own WebSocket
    target: 'es2022',
    minify,
    sourcemap: 'external',
    outfile: 'app.js',
    write: false,
    logLevel: 'silent',
  })
  const file = (suffix) => result.outputFiles.find((f) => f.path.endsWith(suffix)).text
  return { js: file('app.js'), map: file('app.js.map') }
}
