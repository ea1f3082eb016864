#!/usr/bin/env node
// Builds the React example and serves it on 127.0.0.1; unless --url points elsewhere, it also starts a
// DexSimulator for the page to stream from. Needs `npm run build` first (the app imports the built package).
//
//   node examples/react/serve.mjs [--port 8081] [--host 127.0.0.1] [--url ws://…/api/] [--symbols A,B] [--seed 7]
//
// The first line printed is `react <http url>`; Ctrl-C (or SIGTERM) stops everything.

import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { serveFiles } from '../shared/serveFiles.mjs'
import { buildApp } from './build.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const DEFAULT_SYMBOLS = ['BNB_BTCB-1DE', '100K-9BC_BNB', 'BNB_USDT.B-B7C']

async function main() {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8081' },
      url: { type: 'string' },
      symbols: { type: 'string' },
      seed: { type: 'string' },
    },
  })
  const app = await buildApp()
  let simulator
  if (values.url === undefined) {
    const { DexSimulator } = await import('binance-dex-rx/simulator')
    simulator = await DexSimulator.start({ market: values.seed === undefined ? {} : { seed: Number(values.seed) } })
  }
  const dexUrl = values.url ?? simulator.url
  const symbols = values.symbols?.split(',') ?? simulator?.symbols ?? DEFAULT_SYMBOLS
  const html = (await readFile(join(here, 'index.html'), 'utf8'))
    .replace('name="dex-url" content=""', `name="dex-url" content="${attribute(dexUrl)}"`)
    .replace('name="dex-symbols" content=""', `name="dex-symbols" content="${attribute(symbols.join(','))}"`)
  const files = {
    '/': ['text/html; charset=utf-8', html],
    '/app.js': ['text/javascript; charset=utf-8', app.js],
    '/app.js.map': ['application/json; charset=utf-8', app.map],
    '/style.css': ['text/css; charset=utf-8', await readFile(join(here, 'style.css'), 'utf8')],
  }
  const server = await serveFiles(files, { host: values.host, port: Number(values.port) })
  console.log(`react ${server.url}`)
  console.log(`streams ${dexUrl}${simulator ? ' (DexSimulator)' : ''}; app.js ${(app.js.length / 1024).toFixed(0)} KB minified`)

  const stop = () => {
    server.close()
    simulator?.stop()
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

function attribute(text) {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
}

main().catch((error) => {
  console.error(`react example: ${error.message}`)
  process.exit(1)
})
