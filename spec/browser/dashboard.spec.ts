import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import type { Subscription } from 'rxjs'
import { DexSimulator } from '../../src/simulator'
import { atLeast as atLeastIn, openPage, type OpenedPage } from './helpers/openPage'
import { marketGaps, measureLayout, MUST_SHOW, nextFrames } from './helpers/dashboardLayout'
import { startDashboardServer, type DashboardServer } from './helpers/dashboardServer'

// The dashboard (examples/dashboard) in headless Chromium: the page loads rxjs's UMD and ours, connects to a
// simulator this test starts, and shows live data. The tests share one page and run in order: live data,
// interval switch, symbol switch, then a drop and the recovery.

const ARTIFACTS = join(__dirname, '..', 'artifacts')
const SYMBOLS = ['BNB_BTCB-1DE', '100K-9BC_BNB', 'BNB_USDT.B-B7C']

let sim: DexSimulator
let server: DashboardServer
let opened: OpenedPage
let page: Page
let watching: Subscription
const sent: unknown[] = []
let sockets: string[]
let pageErrors: string[]

beforeAll(async () => {
  // Some history, so that the chart has candles from REST the moment it opens.
  sim = await DexSimulator.start({ market: { seed: 7, symbols: SYMBOLS }, warmUpMs: 12 * 60_000 })
  watching = sim.messages$.subscribe((m) => sent.push(m.json))
  server = await startDashboardServer(sim.url)
  opened = await openPage({ url: server.url })
  ;({ page, sockets, pageErrors } = opened)
}, 60_000)

afterAll(async () => {
  await opened?.close()
  await server?.stop()
  watching?.unsubscribe()
  await sim?.stop()
})

const attribute = (selector: string, name: string): Promise<number> =>
  page.$eval(selector, (el, n) => Number(el.getAttribute(n)), name)

const atLeast = (selector: string, name: string, min: number) => atLeastIn(page, selector, name, min)

const text = (selector: string): Promise<string[]> =>
  page.$$eval(selector, (els) => els.map((el) => el.textContent ?? '').filter((t) => t !== ''))

const wireMessage = (method: string, topic: string, symbol: string) =>
  expect.objectContaining({ method, topic, symbols: [symbol] })

it('loads the UMD bundle, connects to the simulator and shows live data', async () => {
  await page.waitForSelector('#status[data-state="open"]')
  expect(await page.evaluate(() => typeof (window as any).BinanceDexRx.DexSocket)).toBe('function')
  // The native WebSocket connected: `ws` never reached the page, and the page has no Node shims to lean on.
  expect(sockets).toContain(`${sim.url}ws`)
  expect(await page.evaluate(() => [typeof process, typeof require, typeof Buffer, typeof global])).toEqual([
    'undefined',
    'undefined',
    'undefined',
    'undefined',
  ])

  await atLeast('#markets', 'data-count', SYMBOLS.length)
  await atLeast('#book', 'data-levels', 20)
  await atLeast('#trades', 'data-count', 16)
  // Twelve minutes of warm-up: more 1m candles than the stream alone could have given by now.
  await atLeast('#chart', 'data-candles', 12)
  const height = await attribute('#block-height', 'data-height')
  expect(height).toBeGreaterThanOrEqual(100_000_000)
  await atLeast('#block-height', 'data-height', height + 2)

  // The first market the server lists is shown, its book sorted away from the spread and not crossed.
  expect(await text('#pair-base')).toEqual(['BNB'])
  const asks = (await text('#book .asks .price')).map((p) => Number(p.replace(/,/g, '')))
  const bids = (await text('#book .bids .price')).map((p) => Number(p.replace(/,/g, '')))
  expect(asks.length).toBeGreaterThan(5)
  expect(bids.length).toBeGreaterThan(5)
  expect([...asks].sort((a, b) => b - a)).toEqual(asks) // worst ask on top, best ask next to the spread
  expect([...bids].sort((a, b) => b - a)).toEqual(bids)
  expect(asks.at(-1)!).toBeGreaterThan(bids[0])
  // Prices are printed with the market's full precision, from the server's exact text.
  for (const price of await text('#trades .price')) expect(price).toMatch(/^\d+\.\d{7}$/)
  expect((await text('#ticker [data-field="last"]'))[0]).toMatch(/^\d+\.\d{7}$/)
  expect(pageErrors).toEqual([])

  mkdirSync(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png') })
})

it('switches the candle interval: unsubscribes the old kline stream and draws the new one', async () => {
  await page.click('#intervals button[data-interval="5m"]')
  await page.waitForSelector('#intervals button.active[data-interval="5m"]')
  await atLeast('#chart', 'data-candles', 1)
  expect(sent).toContainEqual(wireMessage('unsubscribe', 'kline_1m', SYMBOLS[0]))
  expect(sent).toContainEqual(wireMessage('subscribe', 'kline_5m', SYMBOLS[0]))
  expect(new URL(page.url()).searchParams.get('interval')).toBe('5m')
})

it('switches the symbol from the market list', async () => {
  await page.click(`#markets li[data-symbol="${SYMBOLS[2]}"]`)
  await page.waitForFunction(() => document.querySelector('#pair-quote')?.textContent === '/USDT.B-B7C')
  expect(await text('#pair-base')).toEqual(['BNB'])
  await atLeast('#book', 'data-levels', 20)
  await atLeast('#trades', 'data-count', 1)
  await atLeast('#chart', 'data-candles', 1)
  for (const topic of ['trades', 'ticker', 'kline_5m']) {
    expect(sent).toContainEqual(wireMessage('unsubscribe', topic, SYMBOLS[0]))
    expect(sent).toContainEqual(wireMessage('subscribe', topic, SYMBOLS[2]))
  }
  const picked = `#markets li[data-symbol="${SYMBOLS[2]}"]`
  expect(await page.$eval(picked, (el) => el.classList.contains('active'))).toBe(true)
  expect(pageErrors).toEqual([])
})

it('shows the drop, reconnects and goes on streaming when the simulator drops every connection', async () => {
  expect(sim.dropConnections()).toBeGreaterThan(0)

  await page.waitForSelector('#conn-log li[data-state="reconnecting"]')
  await page.waitForSelector('#conn-log li[data-state="reconnected"]')
  await page.waitForSelector('#status[data-state="open"]')
  // Live again: the counts read after the recovery keep growing.
  const trades = await attribute('#trades', 'data-count')
  const height = await attribute('#block-height', 'data-height')
  await atLeast('#trades', 'data-count', trades + 1)
  await atLeast('#block-height', 'data-height', height + 2)
  expect(await text('#drops')).toEqual(['1'])
  expect(sockets.filter((url) => url === `${sim.url}ws`)).toHaveLength(2)
  expect(pageErrors).toEqual([])
  await page.screenshot({ path: join(ARTIFACTS, 'dashboard-reconnected.png') })
})

describe('layout', () => {
  // Phone, small laptop, desktop, full HD: one screenshot each (but full HD) in spec/artifacts/.
  const WIDTHS: [number, number, boolean][] = [
    [390, 844, true],
    [1024, 768, true],
    [1440, 900, true],
    [1920, 1080, false],
  ]

  it.each(WIDTHS)('fits %i px wide: no horizontal scroll, every panel on screen', async (width, height, shot) => {
    await page.setViewportSize({ width, height })
    await page.evaluate(nextFrames)
    const layout = await page.evaluate(measureLayout, MUST_SHOW)
    expect(layout.document).toBeLessThanOrEqual(layout.inner)
    expect(layout.body).toBeLessThanOrEqual(layout.inner)
    expect(layout.outside).toEqual([])
    // The market list's columns stay apart (they once ran together: `0.00001497-0.27%`).
    const gaps = await page.evaluate(marketGaps)
    expect(gaps.length).toBeGreaterThan(0)
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(8)
    if (shot) await page.screenshot({ path: join(ARTIFACTS, `dashboard-${width}.png`), fullPage: true })
    expect(pageErrors).toEqual([])
  })
})
