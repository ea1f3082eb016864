import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Page } from 'playwright-core'
import type { Subscription } from 'rxjs'
import { DexSimulator } from '../../src/simulator'
import { openPage, type OpenedPage } from '../browser/helpers/openPage'
import { waitUntil } from '../helpers/simHarness'

// The Svelte recipe of docs/recipes.md in headless Chromium: MarketView.svelte (compiled by Svelte's own
// compiler, bundled by esbuild) is mounted, gets a new `symbol` prop, and is unmounted, while the simulator's
// messages$ shows what its `$store` reads subscribed and unsubscribed on the wire.

const SYMBOLS = ['BNB_BTCB-1DE', 'BNB_USDT.B-B7C']
const TOPICS = ['trades', 'marketDepth', 'marketDiff']
const DECIMAL = /^\d+\.\d{8}$/

let sim: DexSimulator
let server: Server
let opened: OpenedPage
let page: Page
let watching: Subscription
const sent: any[] = []
let pageErrors: string[]
const warnings: string[] = []

beforeAll(async () => {
  sim = await DexSimulator.start({ market: { seed: 5, symbols: SYMBOLS, blockIntervalMs: 200 } })
  watching = sim.messages$.subscribe((m) => sent.push(m.json))
  const built = await promisify(execFile)(process.execPath, [join(__dirname, 'svelte', 'build.mjs')], { maxBuffer: 1 << 26 })
  const { js, warnings: compiled } = JSON.parse(built.stdout) as { js: string; warnings: string[] }
  warnings.push(...compiled)
  const html =
    `<!doctype html><div id="root"></div><script>window.DEX_URL=${JSON.stringify(sim.url)};` +
    `window.DEX_SYMBOLS=${JSON.stringify(SYMBOLS)}</script><script type="module" src="/app.js"></script>`
  server = createServer((req, res) => {
    if (req.url === '/app.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(js)
    res.writeHead(200, { 'content-type': 'text/html' }).end(html)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  opened = await openPage({ viewport: { width: 800, height: 600 }, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` })
  ;({ page, pageErrors } = opened)
}, 60_000)

afterAll(async () => {
  await opened?.close()
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
  watching?.unsubscribe()
  await sim?.stop()
})

const count = (method: string, topic: string, symbol: string): number =>
  sent.filter((m) => m?.method === method && m.topic === topic && m.symbols?.[0] === symbol).length
const balanced = (symbol: string, open: 0 | 1): boolean =>
  TOPICS.every((t) => count('subscribe', t, symbol) - count('unsubscribe', t, symbol) === open)

/** The best bid and ask shown, once the book and at least two trades are on the page. */
async function shown(): Promise<{ bid: number; ask: number; trades: string[] }> {
  await page.waitForFunction(() => / \/ /.test(document.querySelector('.best')?.textContent ?? ''))
  await page.waitForFunction(() => document.querySelectorAll('.tape li').length >= 2)
  const [bid, ask] = (await page.textContent('.best'))!.split(' / ')
  expect([bid, ask]).toEqual([expect.stringMatching(DECIMAL), expect.stringMatching(DECIMAL)])
  const trades = await page.$$eval('.tape li', (els) => els.map((el) => el.textContent ?? ''))
  for (const t of trades) expect(t).toMatch(/^\d+\.\d{8} @ \d+\.\d{8}$/)
  return { bid: Number(bid), ask: Number(ask), trades }
}

it('compiles without warnings, mounts, and shows the best bid and ask and the trades of its market', async () => {
  const { bid, ask } = await shown()
  expect(bid).toBeLessThan(ask)
  expect(ask).toBeLessThan(1) // BNB_BTCB-1DE trades far below 1; BNB_USDT.B-B7C far above
  expect(balanced(SYMBOLS[0], 1)).toBe(true)
  expect(warnings).toEqual([])
  expect(pageErrors).toEqual([])
})

it('a new symbol prop: the old stores are unsubscribed on the wire, the new ones subscribed', async () => {
  await page.evaluate((s) => (window as any).harness.setSymbol(s), SYMBOLS[1])
  await waitUntil(() => balanced(SYMBOLS[0], 0) && balanced(SYMBOLS[1], 1), 'the market switched on the wire')
  await page.waitForFunction(() => Number((document.querySelector('.best')?.textContent ?? '').split(' / ')[0]) > 1)
  const { bid, ask } = await shown()
  expect(bid).toBeLessThan(ask)
  expect(pageErrors).toEqual([])
})

it('unmounting the component unsubscribes every topic and the connection closes', async () => {
  await page.evaluate(() => (window as any).harness.unmount())
  expect(await page.$$('.tape')).toHaveLength(0)
  await waitUntil(() => balanced(SYMBOLS[1], 0), 'the destroyed component unsubscribed')
  await waitUntil(() => sim.connections().length === 0, 'no connection left')
  expect(pageErrors).toEqual([])
})

it('docs/recipes.md shows MarketView.svelte exactly as tested', () => {
  const recipes = readFileSync(join(__dirname, '..', '..', 'docs', 'recipes.md'), 'utf8')
  const shownBlock = /<!-- svelte: MarketView\.svelte -->\n```svelte\n([\s\S]*?)```/.exec(recipes)?.[1]
  expect(shownBlock).toBe(readFileSync(join(__dirname, '..', '..', 'docs', 'examples', 'MarketView.svelte'), 'utf8'))
})
