// Bundles the app with esbuild (React, rxjs and binance-dex-rx included) into memory: one ES module.

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
    entryPoints: [join(here, 'src', 'main.tsx')],
    bundle: true,
    format: 'esm',
    platform: 'browser', // isomorphic-ws then resolves to the browser's own WebSocket
    target: 'es2020',
    jsx: 'automatic',
    minify,
    sourcemap: 'external',
    define: { 'process.env.NODE_ENV': '"production"' },
    outfile: 'app.js',
    write: false,
    logLevel: 'silent',
  })
  const file = (suffix) => result.outputFiles.find((f) => f.path.endsWith(suffix)).text
  return { js: file('app.js'), map: file('app.js.map') }
}
