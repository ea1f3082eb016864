import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { atLeast as atLeastIn, openPage, type OpenedPage } from './helpers/openPage'
import { startDashboardServer, type DashboardServer } from './helpers/dashboardServer'

// The dashboard's no-server mode: serve.mjs --url in-process serves the page and nothing else, and the page
// runs the simulated market itself through the in-process simulator's bundle. No WebSocket leaves the page.

const ARTIFACTS = join(__dirname, '..', 'artifacts')

let server: DashboardServer
let opened: OpenedPage
let page: Page
let sockets: string[]
let foreign: string[]
let pageErrors: string[]

beforeAll(async () => {
  server = await startDashboardServer('in-process')
  const origin = new URL(server.url).origin
  opened = await openPage({ allow: (url) => url.startsWith(`${origin}/`), url: server.url })
  ;({ page, sockets, blocked: foreign, pageErrors } = opened)
}, 60_000)

afterAll(async () => {
  await opened?.close()
  await server?.stop()
})

const atLeast = (selector: string, name: string, min: number) => atLeastIn(page, selector, name, min)

it('shows the live market of a simulator running in the page, with no server and no WebSocket', async () => {
  await page.waitForSelector('#status[data-state="open"]')
  await atLeast('#markets', 'data-count', 3)
  await atLeast('#book', 'data-levels', 10)
  await atLeast('#trades', 'data-count', 5)
  // The page warms its market up, so the chart opens with history, as from a server's REST klines.
  await atLeast('#chart', 'data-candles', 12)
  expect(await page.$eval('#conn-log', (el) => el.textContent)).not.toContain('no candle history')
  await atLeast('#block-height', 'data-height', 100_000_001)
  expect(await page.$eval('#url', (el) => (el as HTMLInputElement).value)).toBe('in-process')
  expect(await page.evaluate(() => typeof (window as any).BinanceDexRxSimulator.startInProcess)).toBe('function')
  expect(sockets).toEqual([])
  expect(foreign).toEqual([])
  expect(pageErrors).toEqual([])
  mkdirSync(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: join(ARTIFACTS, 'dashboard-in-process.png') })
})
