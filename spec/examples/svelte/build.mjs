// Bundles harness.svelte.js (and through it docs/examples/MarketView.svelte) for the browser: Svelte's own
// compiler turns components and rune modules into JavaScript, esbuild bundles the rest. Prints
// `{ js, warnings }` as JSON. Run by spec/examples/svelte.spec.ts in a child process, since both tools are
// native ES modules and esbuild wants a plain Node environment.

import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { compile, compileModule } from 'svelte/compiler'

const warnings = []
const svelte = {
  name: 'svelte',
  setup(b) {
    b.onLoad({ filter: /\.svelte(\.js)?$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8')
      const options = { generate: 'client', filename: path }
      const result = path.endsWith('.js') ? compileModule(source, options) : compile(source, options)
      warnings.push(...result.warnings.map((w) => `${w.code}: ${w.message}`))
      return { contents: result.js.code, loader: 'js' }
    })
  },
}

const result = await build({
  entryPoints: [join(dirname(fileURLToPath(import.meta.url)), 'harness.svelte.js')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  conditions: ['svelte', 'browser'],
  write: false,
  plugins: [svelte],
  logLevel: 'silent',
})
process.stdout.write(JSON.stringify({ js: result.outputFiles[0].text, warnings }))
