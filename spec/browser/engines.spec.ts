import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { DexSimulator } from '../../src/simulator'
import { marketGaps, measureLayout, MUST_SHOW, nextFrames } from './helpers/dashboardLayout'
import { startDashboardServer, type DashboardServer } from './helpers/dashboardServer'
import { ENGINES, engineMissing, useEnginePage, type EngineName } from './helpers/engines'
import { buildPlayground } from './helpers/playground'
import { snippetLines, writeReadmePage, type ReadmePage } from './helpers/readmeSnippet'
import { serveTestPages, type StaticServer } from './helpers/staticServer'

// The core browser cases in every engine our users' visitors run: Chromium, Firefox and WebKit (Safari's
// engine), each from its Debian package. The same case code runs in each: the UMD after rxjs's UMD, the
// standalone UMD, README's three-tag in-process snippet, the playground from file://, and the dashboard
// streaming from a simulator (through a drop). An engine missing on the machine fails its cases; it is never
// skipped. The engines run one after another, each in its own browser.

const ARTIFACTS = join(__dirname, '..', 'artifacts', 'engines')
const SYMBOLS = ['BNB_BTCB-1DE', '100K-9BC_BNB', 'BNB_USDT.B-B7C']
const SYMBOL = SYMBOLS[0]
const DECIMAL = /^\d+\.\d{8}$/
const TRADE = { symbol: SYMBOL, price: expect.stringMatching(DECIMAL), tradeTime: 'bigint' }
/** Launching a browser and loading a page are slow on a loaded machine; nothing here waits on a clock. */
const SLOW = 180_000

let sim: DexSimulator
let files: StaticServer
let readme: ReadmePage
let dashboard: DashboardServer
let playground: string

beforeAll(async () => {
  sim = await DexSimulator.start({ market: { seed: 7, symbols: SYMBOLS }, warmUpMs: 12 * 60_000 })
  readme = writeReadmePage()
  files = await serveTestPages({ '/readme/': readme.folder })
  dashboard = await startDashboardServer(sim.url)
  playground = buildPlayground()
  mkdirSync(ARTIFACTS, { recursive: true })
}, SLOW)

afterAll(async () => {
  await dashboard?.stop()
  await files?.close()
  readme?.remove()
  await sim?.stop()
})

/** In the page: the number in `selector`'s attribute `name` (NaN when the element is not there). */
function attributeOf([selector, name]: [string, string]): number {
  return Number(document.querySelector(selector)?.getAttribute(name))
}

/** In the page: the page's resources that came from neither the page's own origin nor file: or data:. */
function foreignResources(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => !url.startsWith(location.origin) && !/^(file|data):/.test(url))
}

it('an engine missing from the machine fails its cases, naming the package to install', () => {
  const without = (...gone: string[]) => (file: string) => !gone.some((name) => file.endsWith(name))
  expect(engineMissing('firefox', without('/firefox-esr'))).toBe(
    'firefox cannot run: /usr/bin/firefox-esr (Debian package firefox-esr) not found. Install it with apt-get, as .ci/run does.',
  )
  expect(engineMissing('webkit', without('/Xvfb'))).toMatch(/^webkit cannot run: \/usr\/bin\/Xvfb \(Debian package xvfb\) not found/)
  expect(engineMissing('webkit', without('/WebKitWebDriver'))).toContain('(Debian package webkit2gtk-driver)')
  expect(engineMissing('chromium', without('/chromium'))).toContain('(Debian package chromium)')
  // On this machine (and on CI, which installs them) every engine is there.
  for (const engine of ENGINES) expect(engineMissing(engine)).toBeUndefined()
})

describe.each(ENGINES)('%s', (engine: EngineName) => {
  const page = useEnginePage(engine, SLOW)

  const atLeast = (selector: string, name: string, min: number): Promise<number> =>
    page.waitFor(`${selector}[${name}] >= ${min}`, attributeOf, [selector, name], (value) => value >= min)

  const texts = (selector: string): Promise<string[]> =>
    page.evaluate((s) => Array.from(document.querySelectorAll(s), (el) => el.textContent ?? '').filter((t) => t !== ''), selector)

  /** Opens a test page and resolves with its `window.result`, awaited. */
  async function result(name: string): Promise<any> {
    await page.goto(`${files.origin}/pages/${name}?${new URLSearchParams({ url: sim.url, symbol: SYMBOL })}`)
    await page.waitFor(`window.result in ${name}`, () => 'result' in window, null)
    return page.evaluate(() => (window as any).result, null)
  }

  it('the UMD streams trades after rxjs’s UMD', async () => {
    expect(await result('umd.html')).toEqual([TRADE, TRADE, TRADE])
    expect(await page.errors()).toEqual([])
  }, SLOW)

  it('the standalone UMD streams from one script tag, without rxjs on the page', async () => {
    const got = await result('standalone.html')
    expect(got.rxjsGlobal).toBe('undefined')
    expect(got.interval).toBe('1m')
    expect(got.heights).toHaveLength(2)
    expect(got.heights[1]).toBeGreaterThan(got.heights[0])
    expect(got.trades).toEqual([TRADE, TRADE, TRADE])
    expect(await page.errors()).toEqual([])
  }, SLOW)

  it('the ESM build runs as native modules through an import map, with the native WebSocket', async () => {
    const got = await result('esm.html')
    expect(got.rejected).toBe('DexInputError')
    expect(got.height).toBeGreaterThanOrEqual(100_000_000)
    expect(got.trades.map((t: any) => ({ symbol: t.symbol, price: t.price }))).toEqual([TRADE, TRADE, TRADE].map(({ tradeTime, ...t }) => t))
    for (const time of got.times) expect(time).toMatch(/^bigint:\d{19}$/)
    expect(await page.errors()).toEqual([])
  }, SLOW)

  it('decodes trades under a Content-Security-Policy that forbids generated code', async () => {
    const got = await result('csp.html')
    // The library asks once: one refusal, whatever the number of event shapes it builds.
    expect(got.violations).toEqual(['script-src'])
    expect(got.trades).toHaveLength(3)
    for (const trade of got.trades) expect(trade.tradeTime).toMatch(/^bigint:\d{19}$/)
    // Firefox reports the refusal itself as a page error (it is the browser's report, not an uncaught error).
    const errors = await page.errors()
    expect(errors.filter((e) => !e.startsWith('Content-Security-Policy: '))).toEqual([])
    expect(errors.length).toBeLessThanOrEqual(1)
  }, SLOW)

  it('runs the in-process simulator and the library in a Web Worker', async () => {
    const got = await result('in-process-worker.html')
    expect(got.error).toBeUndefined()
    expect(got.inWorker).toBe(true)
    expect(Number(got.bestBid)).toBeLessThan(Number(got.bestAsk))
    expect(got.trades).toHaveLength(3)
    expect(got.connectionsAfterStop).toBe(0)
    expect(await page.errors()).toEqual([])
  }, SLOW)

  it('README’s three-tag snippet streams a simulated market in the page, with no server', async () => {
    await page.goto(`${files.origin}/readme/index.html`)
    const lines = await page.waitFor('three trades appended by the snippet', snippetLines, null, (l) => l.length >= 3)
    for (const line of lines) expect(line).toMatch(/^\d+\.\d{8} × \d+\.\d{8}$/)
    expect(await page.evaluate(foreignResources, null)).toEqual([])
    expect(await page.errors()).toEqual([])
  }, SLOW)

  it('the playground works from file://: book, tape, candles and the default pipeline', async () => {
    await page.goto(playground)
    await atLeast('#book', 'data-levels', 5)
    await atLeast('#tape', 'data-count', 3)
    await atLeast('#chart', 'data-candles', 2)
    await atLeast('#output', 'data-lines', 1)
    const shown = await page.evaluate(
      () => ({
        status: document.querySelector('#status')?.getAttribute('data-state'),
        missingHidden: (document.querySelector('#missing') as HTMLElement).hidden,
        line: document.querySelector('#output li')?.textContent,
      }),
      null,
    )
    expect(shown).toEqual({ status: 'open', missingHidden: true, line: expect.stringMatching(/^\d+ trades, \d+ bought$/) })
    const bids = (await texts('#book .bids > div span:nth-of-type(1)')).map(Number)
    const asks = (await texts('#book .asks > div span:nth-of-type(1)')).map(Number)
    expect(bids.length).toBeGreaterThanOrEqual(5)
    expect(Math.max(...bids)).toBeLessThan(Math.min(...asks))
    expect(bids).toEqual([...bids].sort((a, b) => b - a))
    expect(await page.evaluate(foreignResources, null)).toEqual([])
    expect(await page.errors()).toEqual([])
    await page.screenshot(join(ARTIFACTS, `${engine}-playground.png`))
  }, SLOW)

  it('the dashboard streams from a simulator, and reconnects when the simulator drops it', async () => {
    await page.goto(dashboard.url)
    await page.waitFor('#status open', () => document.querySelector('#status')?.getAttribute('data-state') === 'open', null)
    await atLeast('#markets', 'data-count', SYMBOLS.length)
    await atLeast('#book', 'data-levels', 20)
    await atLeast('#trades', 'data-count', 5)
    await atLeast('#chart', 'data-candles', 12)
    const height = await page.evaluate(attributeOf, ['#block-height', 'data-height'])
    expect(height).toBeGreaterThanOrEqual(100_000_000)
    await atLeast('#block-height', 'data-height', height + 2)
    const asks = (await texts('#book .asks .price')).map((p) => Number(p.replace(/,/g, '')))
    const bids = (await texts('#book .bids .price')).map((p) => Number(p.replace(/,/g, '')))
    expect(asks).toEqual([...asks].sort((a, b) => b - a))
    expect(bids).toEqual([...bids].sort((a, b) => b - a))
    expect(asks.at(-1)!).toBeGreaterThan(bids[0])
    for (const price of await texts('#trades .price')) expect(price).toMatch(/^\d+\.\d{7}$/)
    await page.screenshot(join(ARTIFACTS, `${engine}-dashboard.png`))

    expect(sim.dropConnections()).toBeGreaterThan(0)
    await page.waitFor('the drop in the log', () => document.querySelector('#conn-log li[data-state="reconnected"]') !== null, null)
    await page.waitFor('#status open again', () => document.querySelector('#status')?.getAttribute('data-state') === 'open', null)
    const trades = await page.evaluate(attributeOf, ['#trades', 'data-count'])
    const after = await page.evaluate(attributeOf, ['#block-height', 'data-height'])
    await atLeast('#trades', 'data-count', trades + 1)
    await atLeast('#block-height', 'data-height', after + 2)
    expect(await texts('#drops')).toEqual(['1'])
    expect(await page.errors()).toEqual([])
  }, SLOW)

  // A phone, a small laptop, a desktop. MiniBrowser's window is never narrower than its toolbar (447 px), so
  // WebKit's phone is a little wider; the layout is the same one below 760 px.
  it.each([
    [engine === 'webkit' ? 460 : 390, 844],
    [1024, 768],
    [1440, 900],
  ])('the dashboard fits %i px wide: no horizontal scroll, every panel on screen, market columns apart', async (width, height) => {
    // The page is still the dashboard of the case above.
    await page.resize(width, height)
    await page.waitFor(`a ${width} px wide window`, () => window.innerWidth, null, (inner) => inner === width)
    await page.evaluate(nextFrames, null)
    const layout = await page.evaluate(measureLayout, MUST_SHOW)
    expect(layout.document).toBeLessThanOrEqual(layout.inner)
    expect(layout.body).toBeLessThanOrEqual(layout.inner)
    expect(layout.outside).toEqual([])
    const gaps = await page.evaluate(marketGaps, null)
    expect(gaps.length).toBeGreaterThan(0)
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(8)
    await page.screenshot(join(ARTIFACTS, `${engine}-dashboard-${width}.png`))
    expect(await page.errors()).toEqual([])
  }, SLOW)
})
