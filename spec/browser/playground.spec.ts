import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { atLeast as atLeastIn, openPage, type OpenedPage } from './helpers/openPage'

// The playground (examples/playground) opened straight from disk in headless Chromium, offline, with every
// request that is not a file:// read aborted: the three local bundles must be enough for a live book, a trade
// tape, candles and the visitor's own pipeline. The tests share one page and run in order.

const BUILD = join(__dirname, '..', '..', 'examples', 'playground', 'build.mjs')
const ARTIFACTS = join(__dirname, '..', 'artifacts')

let opened: OpenedPage
let page: Page
let blocked: string[]
let requested: string[]
let pageErrors: string[]

beforeAll(async () => {
  // What `npm run playground` does after the build: copy the bundles next to the page.
  const url = execFileSync(process.execPath, [BUILD], { encoding: 'utf8' }).replace(/^playground /, '').trim()
  opened = await openPage({ viewport: { width: 1440, height: 900 }, offline: true, allow: (target) => target.startsWith('file://'), url })
  ;({ page, blocked, requested, pageErrors } = opened)
}, 60_000)

afterAll(async () => {
  await opened?.close()
})

const count = (selector: string, attribute: string): Promise<number> =>
  page.$eval(selector, (el, name) => Number(el.getAttribute(name)), attribute)

const atLeast = (selector: string, attribute: string, min: number) => atLeastIn(page, selector, attribute, min)

it('shows a live order book, trades and candles from file:// with the network blocked', async () => {
  await atLeast('#book', 'data-levels', 5)
  await atLeast('#tape', 'data-count', 3)
  // Candles are 2 s wide: a few of them make the screenshot show a chart, not a bar.
  await atLeast('#chart', 'data-candles', 4)
  expect(await page.$eval('#status', (el) => el.getAttribute('data-state'))).toBe('open')
  expect(await page.$eval('#missing', (el) => (el as HTMLElement).hidden)).toBe(true)

  const bids = await page.$$eval('#book .bids > div span:nth-of-type(1)', (els) => els.map((e) => Number(e.textContent)))
  const asks = await page.$$eval('#book .asks > div span:nth-of-type(1)', (els) => els.map((e) => Number(e.textContent)))
  expect(bids.length).toBeGreaterThanOrEqual(5)
  // Asks are listed best last (right above the spread); every bid is below every ask.
  expect(Math.max(...bids)).toBeLessThan(Math.min(...asks))
  expect(bids).toEqual([...bids].sort((a, b) => b - a))
  const tape = await page.$$eval('#tape li span:first-child', (els) => els.map((e) => e.textContent))
  for (const price of tape) expect(price).toMatch(/^\d+(\.\d+)?$/)

  // The default snippet runs at load and prints a line every 2 s.
  await atLeast('#output', 'data-lines', 1)
  expect(await page.$eval('#output li', (el) => el.textContent)).toMatch(/^\d+ trades, \d+ bought$/)

  expect(pageErrors).toEqual([])
  expect(requested.filter((u) => !u.startsWith('file://') && !u.startsWith('data:'))).toEqual([])
  expect(blocked).toEqual([])
  mkdirSync(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: join(ARTIFACTS, 'playground.png') })
})

it('runs the pipeline a visitor types, and reports a broken one', async () => {
  await page.fill('#code', 'dex.trades(symbol).pipe(take(2), map((t) => "got " + t.symbol))')
  await page.click('#run')
  await page.waitForFunction(() => document.querySelector('#output li.done') !== null)
  const lines = await page.$$eval('#output li', (els) => els.map((e) => e.textContent))
  const symbol = await page.$eval('#symbol', (el) => (el as HTMLSelectElement).value)
  expect(lines).toEqual([`got ${symbol}`, `got ${symbol}`, 'complete'])

  await page.fill('#code', 'dex.trades(')
  await page.press('#code', 'Control+Enter')
  await page.waitForSelector('#output li.error')
  expect(await page.$eval('#output li.error', (el) => el.textContent)).toMatch(/^SyntaxError/)

  await page.fill('#code', 'dex.trades("NOPE")')
  await page.click('#run')
  await page.waitForSelector('#output li.error')
  expect(await page.$eval('#output li.error', (el) => el.textContent)).toMatch(/DexInputError/)
  expect(pageErrors).toEqual([])
})

it('switches markets', async () => {
  const other = await page.$eval('#symbol', (el) => (el as HTMLSelectElement).options[1].value)
  await page.selectOption('#symbol', other)
  await atLeast('#tape', 'data-count', 1)
  expect(await count('#book', 'data-levels')).toBeGreaterThanOrEqual(0)
  await atLeast('#book', 'data-levels', 5)
  expect(pageErrors).toEqual([])
})
