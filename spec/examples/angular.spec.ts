import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Page } from 'playwright-core'
import { openPage, type OpenedPage } from '../browser/helpers/openPage'
import { startExampleServer, type ExampleServer } from './helpers/exampleServer'
import { expectLiveMarket as expectLiveMarketIn } from './helpers/liveMarket'

// examples/angular in headless Chromium: `serve.mjs` (the script behind `npm run example:angular`) builds it
// with esbuild and serves it; the page runs the in-process simulator, whose connections() shows what the
// components have subscribed. The tests share one page and run in order.

const ROOT = join(__dirname, '..', '..')
const EXAMPLE = join(ROOT, 'examples', 'angular')
/** What one market view subscribes: the trade tape's topic and the book's two. */
const TOPICS = ['marketDepth', 'marketDiff', 'trades']

let server: ExampleServer
let opened: OpenedPage
let page: Page
let pageErrors: string[]
let symbols: string[]

beforeAll(async () => {
  server = await startExampleServer(join(EXAMPLE, 'serve.mjs'), 'angular', ['--port', '0'])
  opened = await openPage({ viewport: { width: 1000, height: 800 }, url: server.url })
  ;({ page, pageErrors } = opened)
  await page.waitForFunction(() => 'angularExample' in window)
  symbols = await page.evaluate(() => [...(window as any).angularExample.sim.symbols])
}, 120_000)

afterAll(async () => {
  await opened?.close()
  await server?.stop()
})

/** What the page's simulator sees: its connections and their subscriptions, sorted. */
const wire = (): Promise<{ connections: number; subscriptions: string[] }> =>
  page.evaluate(() => {
    const connections = (window as any).angularExample.sim.connections() as { subscriptions: string[] }[]
    return { connections: connections.length, subscriptions: connections.flatMap((c) => c.subscriptions).sort() }
  })

/** Waits until the page's simulator sees exactly `subscriptions` (sorted) on `connections` connections. */
async function expectWire(connections: number, subscriptions: string[]): Promise<void> {
  await page.waitForFunction(
    (expected) => {
      const open = (window as any).angularExample.sim.connections() as { subscriptions: string[] }[]
      const got = { connections: open.length, subscriptions: open.flatMap((c) => c.subscriptions).sort() }
      return JSON.stringify(got) === expected
    },
    JSON.stringify({ connections, subscriptions }),
  ).catch(async () => expect(await wire()).toEqual({ connections, subscriptions }))
}

const market = (symbol: string): string[] => TOPICS.map((topic) => `${topic}:${symbol}`)
async function expectLiveMarket(symbol: string): Promise<void> {
  const { bids } = await expectLiveMarketIn(page, symbol)
  expect(bids.length).toBeLessThanOrEqual(10)
  const times = await page.$$eval('[data-testid="trades"] .time', (els) => els.map((el) => el.textContent ?? ''))
  for (const time of times) expect(time).toMatch(/^\d\d:\d\d:\d\d\.\d{3}$/)
}

it('starts: the book (async pipe) and the tape (toSignal) show the first market, one subscription per topic', async () => {
  expect(symbols.length).toBeGreaterThan(1)
  await expectLiveMarket(symbols[0])
  await expectWire(1, market(symbols[0]))
  expect(pageErrors).toEqual([])
})

it('picking another market unsubscribes the old one’s topics and subscribes the new one’s', async () => {
  await page.selectOption('[data-testid="symbol"]', symbols[1])
  await expectLiveMarket(symbols[1])
  await expectWire(1, market(symbols[1]))
  expect(pageErrors).toEqual([])
})

it('hiding the market destroys its component: every topic unsubscribed, the connection closed', async () => {
  await page.click('[data-testid="toggle"]')
  await page.waitForSelector('[data-testid="market"]', { state: 'detached' })
  await expectWire(0, [])
  await page.click('[data-testid="toggle"]')
  await expectLiveMarket(symbols[1])
  await expectWire(1, market(symbols[1]))
  expect(pageErrors).toEqual([])
})

it('destroying the application unsubscribes everything; starting it again streams again', async () => {
  await page.click('[data-testid="unmount"]')
  await page.waitForSelector('[data-testid="market"]', { state: 'detached' })
  await expectWire(0, [])
  await page.click('[data-testid="mount"]')
  await expectLiveMarket(symbols[0])
  await expectWire(1, market(symbols[0]))
  expect(pageErrors).toEqual([])
})

it('type-checks (tsc, strict) as the source a user would copy', async () => {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
  await expect(promisify(execFile)(process.execPath, [tsc, '-p', join(EXAMPLE, 'tsconfig.json')])).resolves.toBeDefined()
}, 60_000)

it('`npm run example:angular` builds the package and runs this server', () => {
  const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts
  expect(scripts['example:angular']).toBe('npm run build && node examples/angular/serve.mjs')
})
