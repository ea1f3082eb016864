// Imports both entries of the package by name (through the consumer folder's node_modules, so the
// package.json `exports` map resolves them) with `import` and with `require`, and prints each export's name
// and typeof as JSON.
import { createRequire } from 'node:module'
import { join } from 'node:path'

const require = createRequire(join(process.cwd(), 'consumer.js'))
const describe = (module) =>
  Object.fromEntries(
    Object.keys(module)
      .sort()
      .map((name) => [name, typeof module[name]]),
  )
const report = {}
for (const entry of ['binance-dex-rx', 'binance-dex-rx/simulator']) {
  report[entry] = {
    esm: describe(await import(entry)),
    cjs: describe(require(entry)),
    esmResolved: import.meta.resolve(entry),
    cjsResolved: require.resolve(entry),
  }
}
process.stdout.write(JSON.stringify(report))
