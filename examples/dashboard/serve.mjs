#!/usr/bin/env node
// Serves the dashboard on 127.0.0.1 and, unless --url points elsewhere, starts a DexSimulator to watch.
// The page gets the stream URL in its <meta name="dex-url">; the two UMD bundles it loads come from dist/ and
// rxjs's package. Needs `npm run build` first.
//
//   node examples/dashboard/serve.mjs [--port 8080] [--host 127.0.0.1] [--url ws://…/api/] [--seed 7] [--help]
//
// `--url in-process` serves the page alone: it runs the simulated market itself (no simulator server).
// `--port 0` picks a free port. The first line printed is `dashboard <http url>`; Ctrl-C stops everything.

import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { dirname, extname, join, normalize, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
// Wherever npm put rxjs (in this checkout, or beside an installed binance-dex-rx).
const rxjsPackage = createRequire(import.meta.url).resolve('rxjs/package.json')
const rxjsBundles = join(dirname(rxjsPackage), 'dist', 'bundles')

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
}

/** The files behind `/lib/…`: the UMD bundles the page loads with <script> tags. */
const LIB = {
  'rxjs.umd.min.js': join(rxjsBundles, 'rxjs.umd.min.js'),
  'rxjs.umd.min.js.map': join(rxjsBundles, 'rxjs.umd.min.js.map'),
  'binance-dex-rx.umd.min.js': join(root, 'dist/binance-dex-rx.umd.min.js'),
  'binance-dex-rx.umd.min.js.map': join(root, 'dist/binance-dex-rx.umd.min.js.map'),
  // Loaded by the page only in its no-server mode (`--url in-process`).
  'binance-dex-rx-simulator.umd.min.js': join(root, 'dist/binance-dex-rx-simulator.umd.min.js'),
}

/** How much market history the dashboard's own simulator has when it starts (the in-page one warms up too). */
export const WARM_UP_MS = 60 * 60_000

/** The `--url` that makes the page run the simulated market itself. */
const IN_PROCESS = 'in-process'

/**
 * Starts the page server (and a simulator when no `url` is given). Resolves once both listen.
 * @param {{ host?: string, port?: number, url?: string, market?: object }} [options]
 * @returns {Promise<{ url: string, dexUrl: string, simulator?: object, close(): Promise<void> }>}
 */
export async function startDashboard({ host = '127.0.0.1', port = 8080, url, market } = {}) {
  let simulator
  if (url === undefined) {
    const { DexSimulator } = await import(pathToFileURL(join(root, 'dist/simulator.js')).href)
    // An hour of market before the page opens, so REST klines fill the candle chart on load.
    simulator = await DexSimulator.start({ host, port: 0, market: market ?? {}, warmUpMs: WARM_UP_MS })
  }
  const dexUrl = url ?? simulator.url
  const server = createServer((req, res) => {
    const headers = (type) => ({ 'content-type': type, 'cache-control': 'no-store' })
    respond(req.url ?? '/', dexUrl).then(
      ({ status, type, body }) => res.writeHead(status, headers(type)).end(body),
      () => res.writeHead(500).end(),
    )
  })
  try {
    await new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, () => resolve(undefined))
    })
  } catch (error) {
    await simulator?.stop()
    throw error
  }
  const address = server.address()
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${shown}:${address.port}/`,
    dexUrl,
    simulator,
    async close() {
      server.closeAllConnections()
      await Promise.all([new Promise((resolve) => server.close(() => resolve(undefined))), simulator?.stop()])
    },
  }
}

async function respond(rawUrl, dexUrl) {
  const path = decodeURIComponent(new URL(rawUrl, 'http://x').pathname)
  if (path === '/' || path === '/index.html') {
    const html = await readFile(join(here, 'index.html'), 'utf8')
    const body = html.replace(/(<meta name="dex-url" content=")[^"]*(")/, `$1${escapeAttribute(dexUrl)}$2`)
    return { status: 200, type: TYPES['.html'], body }
  }
  const lib = path.startsWith('/lib/') ? LIB[path.slice(5)] : undefined
  const file = lib ?? join(here, normalize(path))
  // Anything outside the dashboard's folder (but the listed bundles) stays private.
  if (!lib && (!file.startsWith(here + sep) || file.endsWith('.mjs'))) return notFound()
  try {
    const body = await readFile(file)
    return { status: 200, type: TYPES[extname(file)] ?? 'application/octet-stream', body }
  } catch {
    return notFound()
  }
}

function notFound() {
  return { status: 404, type: 'text/plain; charset=utf-8', body: 'not found' }
}

function escapeAttribute(text) {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
}

const USAGE = `Usage: node examples/dashboard/serve.mjs [options]

Serves the live market dashboard on http://<host>:<port>/ and, unless --url is given, starts a DexSimulator
for it to watch. Needs \`npm run build\` first (npm run dashboard does both). Ctrl-C stops everything.

Options:
  --port <p>   port for the page (default 8080; 0 picks a free one)
  --host <h>   interface to listen on (default 127.0.0.1)
  --url <url>  watch this stream API base (e.g. ws://127.0.0.1:8090/api/) instead of a simulator of its own,
               or "in-process": the page runs the simulated market itself, with no server
  --seed <s>   the simulated market's seed (without --url)
  -h, --help   show this help
`

/** `--port -1` as `--port=-1`: node's parser would take `-1` for a missing value, not a bad one. */
function joinNegativeValues(args) {
  const joined = []
  for (let i = 0; i < args.length; i++) {
    const negative = /^--\w+$/.test(args[i]) && /^-\d/.test(args[i + 1] ?? '')
    joined.push(negative ? `${args[i]}=${args[++i]}` : args[i])
  }
  return joined
}

/** The command line, or a message for a bad one. */
function parseOptions(args) {
  let values
  try {
    ;({ values } = parseArgs({
      args: joinNegativeValues(args),
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '8080' },
        url: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (error) {
    const option = /--?[\w-]+/.exec(/'([^']+)'/.exec(error.message)?.[1] ?? '')?.[0] ?? 'an option'
    return { error: /unknown/i.test(error.message) ? `unknown option ${option}` : `${option} needs a value` }
  }
  if (values.help) return { help: true }
  const port = /^\d+$/.test(values.port) ? Number(values.port) : NaN
  if (!(port <= 65_535)) return { error: `invalid --port "${values.port}": expected a whole number from 0 to 65535` }
  if (values.url !== undefined && values.url !== IN_PROCESS && !/^wss?:\/\/[^/\s]+/i.test(values.url)) {
    return { error: `invalid --url "${values.url}": expected ws:// or wss:// and a host` }
  }
  if (values.seed !== undefined && !/^-?\d+$/.test(values.seed)) {
    return { error: `invalid --seed "${values.seed}": expected a whole number` }
  }
  if (values.seed !== undefined && values.url !== undefined) return { error: '--seed is for the simulator only; drop --url or --seed' }
  const market = values.seed === undefined ? {} : { seed: Number(values.seed) }
  return { options: { host: values.host, port, url: values.url, market } }
}

async function main() {
  const parsed = parseOptions(process.argv.slice(2))
  if (parsed.help) return void process.stdout.write(USAGE)
  if (parsed.error) {
    process.stderr.write(`dashboard: ${parsed.error}\nRun 'node examples/dashboard/serve.mjs --help' for more.\n`)
    process.exitCode = 2
    return
  }
  const dashboard = await startDashboard(parsed.options)
  console.log(`dashboard ${dashboard.url}`)
  console.log(`streams   ${dashboard.dexUrl}${dashboard.simulator ? ' (DexSimulator; Ctrl-C stops it)' : ''}`)
  const stop = () => {
    dashboard.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(`dashboard: ${error.message}`)
    process.exit(1)
  })
}
