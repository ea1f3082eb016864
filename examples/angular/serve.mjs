#!/usr/bin/env node
// Builds the Angular example and serves it on 127.0.0.1. The page runs its own simulated market (the in-process
// simulator), so nothing else is started. Needs `npm run build` first (the app imports the built package).
//
//   node examples/angular/serve.mjs [--port 8082] [--host 127.0.0.1]
//
// The first line printed is `angular <http url>`; Ctrl-C (or SIGTERM) stops the server.

import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { serveFiles } from '../shared/serveFiles.mjs'
import { buildApp } from './build.mjs'

const here = dirname(fileURLToPath(import.meta.url))

async function main() {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8082' },
    },
  })
  const app = await buildApp()
  const files = {
    '/': ['text/html; charset=utf-8', await readFile(join(here, 'index.html'), 'utf8')],
    '/app.js': ['text/javascript; charset=utf-8', app.js],
    '/app.js.map': ['application/json; charset=utf-8', app.map],
    '/style.css': ['text/css; charset=utf-8', await readFile(join(here, 'style.css'), 'utf8')],
  }
  const server = await serveFiles(files, { host: values.host, port: Number(values.port) })
  console.log(`angular ${server.url}`)
  console.log(`in-process simulator in the page; app.js ${(app.js.length / 1024).toFixed(0)} KB minified`)

  process.once('SIGINT', server.close)
  process.once('SIGTERM', server.close)
}

main().catch((error) => {
  console.error(`angular example: ${error.message}`)
  process.exit(1)
})
