import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { EXAMPLE_TAPE, tardisSliceFiles } from './helpers/historyReference'
import { atLeast as atLeastIn, openPage, type OpenedPage } from './helpers/openPage'
import { buildPlayground } from './helpers/playground'

// The playground (examples/playground) opened straight from disk in headless Chromium, offline, with every
// request that is not a file:// read aborted: the three local bundles must be enough for a live book, a trade
// tape, candles and the visitor's own pipeline. The tests share one page and run in order.

const ARTIFACTS = join(__dirname, '..', 'artifacts')

let opened: OpenedPage
let page: Page
let blocked: string[]
let requested: string[]
let pageErrors: string[]

beforeAll(async () => {
  const url = buildPlayground()
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

// ----------------------------------------------------------------------------------------------------------
// history: files from the file input and drops, the transport's keys and timeline, the pipeline's clock
// ----------------------------------------------------------------------------------------------------------

const historyOf = () =>
  page.$eval('#history', (el) => {
    const data = (el as HTMLElement).dataset
    return { state: data.state ?? '', position: Number(data.position), end: Number(data.end), frames: Number(data.frames) }
  })
const stoppedIn = (...states: string[]) =>
  page.waitForFunction((want) => want.includes((document.querySelector('#history') as HTMLElement).dataset.state ?? '') && document.body.dataset.drawn === 'true', states)

it('opens tardis.dev cache slices from the file input, and moves through them with the keys and the timeline', async () => {
  // The default pipeline again (the case before left a broken one in the editor).
  await page.selectOption('#preset', { index: 1 })
  await page.selectOption('#preset', { index: 0 })
  // Several slices at once, latest first: the page puts them in time order.
  await page.setInputFiles('#open-file', tardisSliceFiles())
  await stoppedIn('paused')
  const opened = await historyOf()
  expect(opened.position).toBe(0)
  expect(opened.frames).toBeGreaterThan(1000)
  expect(await page.textContent('#recorded')).toMatch(/^2021-03-01 00:00:00\.\d{3} UTC$/)
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())

  // Space plays (at 10×: the six recorded minutes take 36 s) and pauses; a paused tape stays where it is.
  await page.selectOption('#speed', '10')
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  await page.keyboard.press('Space')
  await page.waitForFunction(() => Number((document.querySelector('#history') as HTMLElement).dataset.position) > 0)
  await page.keyboard.press('Space')
  await stoppedIn('paused')
  const paused = await historyOf()
  await page.waitForTimeout(300)
  expect((await historyOf()).position).toBe(paused.position)

  // → and ← step a hundredth of the recording, exactly.
  await page.keyboard.press('ArrowRight')
  await stoppedIn('paused')
  expect((await historyOf()).position).toBeCloseTo(paused.position + paused.end * 0.01, 6)
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('ArrowLeft')
  await stoppedIn('paused')
  const back = await historyOf()
  expect(back.position).toBeCloseTo(Math.max(0, paused.position - paused.end * 0.01), 6)

  // A drag along the timeline seeks where it is let go.
  const box = (await page.locator('#timeline').boundingBox())!
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2)
  await page.mouse.down()
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 4 })
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 4 })
  await page.mouse.up()
  await stoppedIn('paused')
  const dragged = await historyOf()
  expect(dragged.position / dragged.end).toBeCloseTo(0.7, 2)

  // The default pipeline's bufferTime(2000) runs on the tape's clock: one line per 2 s of recording so far.
  const lines = await page.$$eval('#output li', (els) => els.map((e) => e.textContent))
  expect(Number(await page.$eval('#output', (el) => el.getAttribute('data-lines')))).toBe(Math.floor(dragged.position / 2000))
  for (const text of lines) expect(text).toMatch(/^\d+ trades, \d+ bought$/)
  await page.screenshot({ path: join(ARTIFACTS, 'playground-tardis-history.png') })
  expect(pageErrors).toEqual([])
  expect(blocked).toEqual([])
})

it('opens a tape dropped on the page; ?speed=N starts it at that speed; a file of something else is refused', async () => {
  const tape = readFileSync(EXAMPLE_TAPE, 'utf8')
  const drop = (name: string, text: string) =>
    page.evaluate(([n, t]) => {
      const transfer = new DataTransfer()
      transfer.items.add(new File([t], n))
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
    }, [name, text] as const)
  await page.goto(`${opened.page.url().split('?')[0]}?speed=10`)
  await page.waitForSelector('#tape li')
  expect(await page.$eval('#speed', (el) => (el as HTMLSelectElement).value)).toBe('10')
  await drop('testnet-2019.tape', tape)
  await page.waitForFunction(() => ['playing', 'ended'].includes((document.querySelector('#history') as HTMLElement).dataset.state ?? ''))
  await stoppedIn('ended')
  expect(await page.$eval('#symbol', (el) => (el as HTMLSelectElement).value)).toBe('100K-9BC_BNB')
  expect(await page.$eval('#tape li', (el) => (el as HTMLElement).dataset.id)).toBeTruthy()

  await drop('notes.txt', 'hello\n')
  await page.waitForSelector('#history-error:not([hidden])')
  expect(await page.textContent('#history-error')).toMatch(/^notes\.txt line 1: not tardis\.dev data/)
  // The open tape stays.
  expect((await historyOf()).state).toBe('ended')
  expect(pageErrors).toEqual([])
  expect(blocked).toEqual([])
})
