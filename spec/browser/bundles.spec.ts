import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'
import type { Page } from 'playwright-core'
import { DexSimulator } from '../../src/simulator'
import { consumerProject, packPackage, type PackedPackage } from '../package/helpers/packedPackage'
import { openPage, type OpenedPage } from './helpers/openPage'
import { serveTestPages, type StaticServer } from './helpers/staticServer'
import { umdDependencies } from './helpers/umdDependencies'

// The built artefacts (npm test builds dist/ first) in headless Chromium: the ESM build as native modules
// through an import map, the UMD after rxjs's UMD, the standalone UMD alone, and an app bundled by esbuild
// for the browser from the packed package; plus what the UMD wrappers ask their loader for.

const ROOT = join(__dirname, '..', '..')
const DIST = join(ROOT, 'dist')
const SYMBOL = 'BNB_BTCB-1DE'

let sim: DexSimulator
let files: StaticServer
let opened: OpenedPage
let page: Page
let packed: PackedPackage
let bundled: { inputs: string[] }
let pageErrors: string[]

/** A consumer's browser app, bundled by esbuild from the packed package as an app's build would. */
const APP = `import { DexSocket } from 'binance-dex-rx'
import { firstValueFrom, take, toArray } from 'rxjs'

const params = new URLSearchParams(location.search)
const dex = new DexSocket({ url: params.get('url') })
window.result = firstValueFrom(dex.trades(params.get('symbol')).pipe(take(3), toArray())).then((trades) => {
  dex.close()
  return trades.map((t) => ({ symbol: t.symbol, price: t.price, tradeTime: typeof t.tradeTime }))
})
`

beforeAll(async () => {
  sim = await DexSimulator.start({ market: { seed: 11, symbols: [SYMBOL] } })
  packed = packPackage()
  const project = consumerProject(packed, 'browser-app', 'module', { 'app.js': APP })
  const out = join(packed.folder, 'bundle')
  mkdirSync(out)
  const result = await build({
    entryPoints: [join(project, 'app.js')],
    absWorkingDir: project,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    outfile: join(out, 'app.js'),
    metafile: true,
    logLevel: 'silent',
  })
  bundled = { inputs: Object.keys(result.metafile.inputs) }
  files = await serveTestPages({ '/bundle/': out })
  opened = await openPage()
  ;({ page, pageErrors } = opened)
}, 60_000)

afterAll(async () => {
  await opened?.close()
  await files?.close()
  await sim?.stop()
  packed?.remove()
})

const TRADE = { symbol: SYMBOL, price: expect.stringMatching(/^\d+\.\d{8}$/), tradeTime: 'bigint' }

/**
 * Opens a test page and resolves with its `window.result`, or fails at the page's first error (unless the
 * page is about an error: then it sets `window.result` itself).
 */
async function run(name: string, query: Record<string, string>, { expectErrors = false } = {}): Promise<any> {
  pageErrors.length = 0
  await page.goto(`${files.origin}/pages/${name}?${new URLSearchParams(query)}`)
  let failed: (error: Error) => void = () => {}
  const onError = (): void => {
    const missing = files.missing.join(', ') || 'nothing'
    failed(new Error(`${name}: ${pageErrors.join('; ')}; not found: ${missing}`))
  }
  if (!expectErrors) page.on('pageerror', onError)
  try {
    const crashed = new Promise<never>((_, reject) => (failed = reject))
    if (pageErrors.length > 0 && !expectErrors) onError()
    await Promise.race([page.waitForFunction(() => 'result' in window), crashed])
    return await Promise.race([page.evaluate(() => (window as any).result), crashed])
  } finally {
    page.off('pageerror', onError)
  }
}

it('the CDN bundles depend on nothing but rxjs (and the standalone one on nothing at all)', () => {
  expect(umdDependencies(DIST, 'binance-dex-rx.umd.min.js')).toEqual(['exports', 'rxjs'])
  expect(umdDependencies(DIST, 'binance-dex-rx.standalone.umd.min.js')).toEqual(['exports'])
  for (const file of ['binance-dex-rx.umd.min.js', 'binance-dex-rx.standalone.umd.min.js']) {
    const code = readFileSync(join(DIST, file), 'utf8')
    expect(code).toMatch(/\.BinanceDexRx=\{\}/)
    expect(code).not.toMatch(/require\(["']ws["']\)|from ?["']ws["']/)
  }
})

it('the ESM build runs as native modules in the browser, with the native WebSocket', async () => {
  const result = await run('esm.html', { url: sim.url, symbol: SYMBOL })
  expect(result.rejected).toBe('DexInputError')
  expect(result.height).toBeGreaterThanOrEqual(100_000_000)
  expect(result.trades).toHaveLength(3)
  for (const trade of result.trades) {
    expect(trade).toEqual(expect.objectContaining({ eventType: 'trade', symbol: SYMBOL }))
    expect(trade.price).toMatch(/^\d+\.\d{8}$/)
  }
  // Trade times stay exact nanosecond bigints in the browser too.
  for (const time of result.times) expect(time).toMatch(/^bigint:\d{19}$/)
  expect(files.requested).toContain('/dist/index.js')
  expect(files.requested).toContain('/dist/websocket.js')
  expect(files.requested.filter((path) => /\/ws\/|isomorphic-ws/.test(path))).toEqual([])
  expect(pageErrors).toEqual([])
})

it('the UMD streams trades after rxjs\'s UMD, as README\'s CDN snippet loads them', async () => {
  const trades = await run('umd.html', { url: sim.url, symbol: SYMBOL })
  expect(trades).toEqual([TRADE, TRADE, TRADE])
  expect(pageErrors).toEqual([])
})

it('the standalone UMD works from a single script tag, without rxjs on the page', async () => {
  const result = await run('standalone.html', { url: sim.url, symbol: SYMBOL })
  expect(result.rxjsGlobal).toBe('undefined')
  expect(result.interval).toBe('1m')
  expect(result.heights).toHaveLength(2)
  expect(result.heights[1]).toBeGreaterThan(result.heights[0])
  expect(result.trades).toEqual([TRADE, TRADE, TRADE])
  expect(pageErrors).toEqual([])
})

it('the UMD without rxjs\'s UMD fails with one error that names the script tag to add', async () => {
  const message = await run('umd-without-rxjs.html', {}, { expectErrors: true })
  expect(message).toContain('binance-dex-rx: the global "rxjs" is missing')
  expect(message).toContain('<script src="https://unpkg.com/rxjs@7/dist/bundles/rxjs.umd.min.js"></script>')
  expect(pageErrors).toEqual([expect.stringContaining('the global "rxjs" is missing')])
})

it('an app bundled by esbuild for the browser streams trades, with the native WebSocket and no ws', async () => {
  expect(bundled.inputs).toContainEqual(expect.stringMatching(/node_modules\/binance-dex-rx\/dist\/websocket\.js$/))
  expect(bundled.inputs.filter((input) => /node_modules\/(ws|isomorphic-ws)\//.test(input))).toEqual([])
  const trades = await run('bundled.html', { url: sim.url, symbol: SYMBOL })
  expect(trades).toEqual([TRADE, TRADE, TRADE])
  expect(pageErrors).toEqual([])
})

it('decodes the same events under a Content-Security-Policy that forbids generated code', async () => {
  const result = await run('csp.html', { url: sim.url, symbol: SYMBOL })
  // The library's attempts to generate its event builders were refused, and it fell back.
  expect(result.violations.length).toBeGreaterThan(0)
  expect(new Set(result.violations)).toEqual(new Set(['script-src']))
  expect(result.trades).toHaveLength(3)
  for (const trade of result.trades) {
    expect(trade).toEqual(expect.objectContaining({ eventType: 'trade', symbol: SYMBOL }))
    expect(trade.price).toMatch(/^\d+\.\d{8}$/)
    expect(trade.tradeTime).toMatch(/^bigint:\d{19}$/)
  }
  expect(result.keys).toEqual([
    'eventType', 'height', 'symbol', 'tradeId', 'price', 'quantity', 'buyerOrderId', 'sellerOrderId', 'tradeTime',
    'sellerAddress', 'buyerAddress', 'tickType',
  ])
  expect(pageErrors).toEqual([])
})
