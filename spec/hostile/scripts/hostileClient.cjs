// A plain Node program using the BUILT client (dist/index.cjs) against the hostile server, with no
// uncaughtException or unhandledRejection handler of its own: if anything escapes the client, Node prints it
// on stderr and exits non-zero. It reports what the client says, one JSON line per event on stdout, and takes
// orders on stdin: `silent <url>` runs a second socket against a server that never answers the upgrade,
// `rss` reports the process's memory, `done` closes everything so the process can end on its own.
'use strict'
const { createInterface } = require('node:readline')

const [distFile, url] = process.argv.slice(2)
const { DexSocket, DexConnectionError } = require(distFile)
const SYMBOL = 'BNB_BTCB-1DE'

const say = (event) => process.stdout.write(`${JSON.stringify(event)}\n`)

// The same reduction as spec/hostile/cases.ts's summarizeError / summarizeStatus.
function summarizeError(e) {
  const out = { name: String(e && e.name) }
  for (const [key, type] of [
    ['topic', 'string'],
    ['connection', 'string'],
    ['code', 'number'],
    ['reason', 'string'],
  ]) {
    if (typeof e[key] === type) out[key] = e[key]
  }
  if (e !== null && typeof e === 'object' && 'raw' in e)
    out.raw = typeof e.raw === 'string' ? e.raw.length : typeof e.raw
  out.message = String(e && e.message).slice(0, 160)
  return out
}

function summarizeStatus(s) {
  const carried = s.error || {}
  const code = typeof s.code === 'number' ? s.code : carried.code
  const reason = typeof s.reason === 'string' ? s.reason : carried.reason
  const out = { state: s.state }
  if (s.attempt !== undefined) out.attempt = s.attempt
  if (typeof code === 'number') out.code = code
  if (typeof reason === 'string') out.reason = reason
  return out
}

function watch(dex, prefix, onEnd) {
  const subscriptions = [
    dex.errors$.subscribe((e) => say({ ev: `${prefix}error`, error: summarizeError(e) })),
    dex.status$.subscribe((s) => say({ ev: `${prefix}status`, status: summarizeStatus(s) })),
  ]
  const ended = (stream) => ({
    error: (e) => onEnd(stream, e),
    complete: () => onEnd(stream, undefined),
  })
  subscriptions.push(
    dex
      .trades(SYMBOL)
      .subscribe({ next: (t) => say({ ev: `${prefix}trade`, id: t.tradeId }), ...ended('trades') }),
    dex.blockHeight().subscribe({ next: (h) => say({ ev: `${prefix}height`, h }), ...ended('blockHeight') }),
  )
  return subscriptions
}

const connectTimeoutMs = 300
const main = new DexSocket({
  url,
  reconnect: { initialDelayMs: 10, maxDelayMs: 50, maxAttempts: 3 },
  connectTimeoutMs,
})
watch(main, '', (stream, e) =>
  say({ ev: 'ended', stream, error: e === undefined ? undefined : summarizeError(e) }),
)

let silent
const lines = createInterface({ input: process.stdin })
lines.on('line', (line) => {
  const [order, arg] = line.trim().split(/\s+/)
  if (order === 'silent') {
    silent = new DexSocket({
      url: arg,
      reconnect: { initialDelayMs: 10, maxDelayMs: 20, maxAttempts: 2 },
      connectTimeoutMs,
    })
    let endings = 0
    watch(silent, 'silent-', (stream, e) => {
      say({
        ev: 'silent-ended',
        stream,
        error: e === undefined ? undefined : summarizeError(e),
        instanceOf: e instanceof DexConnectionError,
      })
      endings += 1
      if (endings === 2) {
        silent.close()
        say({ ev: 'silent-done' })
      }
    })
  } else if (order === 'rss') {
    // maxRSS is the kernel's high-water mark (KiB): a peak between two samples is not missed.
    say({ ev: 'rss', maxRss: process.resourceUsage().maxRSS * 1024, rss: process.memoryUsage().rss })
  } else if (order === 'done') {
    main.close()
    if (silent !== undefined) silent.close()
    lines.close()
    // A closed readline still holds stdin open; the process must be free to end on its own.
    process.stdin.destroy()
    say({ ev: 'bye' })
  }
})
