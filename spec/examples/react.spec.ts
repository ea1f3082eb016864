import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Page } from 'playwright-core'
import type { Subscription } from 'rxjs'
import { DexSimulator } from '../../src/simulator'
import { openPage, type OpenedPage } from '../browser/helpers/openPage'
import { waitUntil } from '../helpers/simHarness'
import { startExampleServer, type ExampleServer } from './helpers/exampleServer'
import { expectLiveMarket as expectLiveMarketIn } from './helpers/liveMarket'

// examples/react in headless Chromium: `serve.mjs` (the script behind `npm run example:react`) builds it with
// esbuild and serves it; the page streams from a simulator this test owns, whose messages$ shows what the
// hook subscribed and unsubscribed on the wire. The tests share one page and run in order.

const ROOT = join(__dirname, '..', '..')
const SERVE = join(ROOT, 'examples', 'react', 'serve.mjs')
const SYMBOLS = ['BNB_BTCB-1DE', 'BNB_USDT.B-B7C']
/** What one market view subscribes: the trade tape's topic and the book's two. */
const TOPICS = ['trades', 'marketDepth', 'marketDiff']

let sim: DexSimulator
let server: ExampleServer
let opened: OpenedPage
let page: Page
let watching: Subscription
const sent: any[] = []
let pageErrors: string[]

beforeAll(async () => {
  sim = await DexSimulator.start({ market: { seed: 11, symbols: SYMBOLS, blockIntervalMs: 200 } })
  watching = sim.messages$.subscribe((m) => sent.push(m.json))
  server = await startExampleServer(SERVE, 'react', ['--port', '0', '--url', sim.url, '--symbols', SYMBOLS.join(',')])
  opened = await openPage({ viewport: { width: 1000, height: 800 }, url: server.url })
  ;({ page, pageErrors } = opened)
}, 60_000)

afterAll(async () => {
  await opened?.close()
  await server?.stop()
  watching?.unsubscribe()
  await sim?.stop()
})

/** How many times `method` went over the wire for `topic` and `symbol`. */
const count = (method: string, topic: string, symbol: string): number =>
  sent.filter((m) => m?.method === method && m.topic === topic && m.symbols?.[0] === symbol).length

/** True when every topic of `symbol` has been subscribed as often as unsubscribed (plus `open`). */
const balanced = (symbol: string, open: 0 | 1): boolean =>
  TOPICS.every((t) => count('subscribe', t, symbol) - count('unsubscribe', t, symbol) === open)

async function expectLiveMarket(symbol: string): Promise<void> {
  const { trades } = await expectLiveMarketIn(page, symbol)
  // The tape shows this market's prices: each lies within the simulator's book range for the symbol.
  const book = sim.market!.depth(symbol, 1000)
  const low = Number(book.bids.at(-1)![0])
  const high = Number(book.asks.at(-1)![0])
  for (const price of trades) expect(Number(price)).toBeGreaterThan(low / 2)
  for (const price of trades) expect(Number(price)).toBeLessThan(high * 2)
}

it('mounts: the hook subscribes once per topic and the page shows the live book and trades', async () => {
  await expectLiveMarket(SYMBOLS[0])
  expect(balanced(SYMBOLS[0], 1)).toBe(true)
  expect(sim.connections()).toHaveLength(1)
  expect(pageErrors).toEqual([])
})

it('switching the market unsubscribes the old symbol on the wire and subscribes the new one', async () => {
  await page.selectOption('[data-testid="symbol"]', SYMBOLS[1])
  await expectLiveMarket(SYMBOLS[1])
  await waitUntil(() => balanced(SYMBOLS[0], 0), 'the old market was unsubscribed')
  expect(balanced(SYMBOLS[1], 1)).toBe(true)
  expect(pageErrors).toEqual([])
})

it('hiding the market unmounts its components: every topic is unsubscribed and the connection closes', async () => {
  await page.click('[data-testid="toggle"]')
  await page.waitForSelector('[data-testid="market"]', { state: 'detached' })
  await waitUntil(() => balanced(SYMBOLS[1], 0), 'the hidden market was unsubscribed')
  await waitUntil(() => sim.connections().length === 0, 'the socket closed its idle connection')
  await page.click('[data-testid="toggle"]')
  await expectLiveMarket(SYMBOLS[1])
  expect(balanced(SYMBOLS[1], 1)).toBe(true)
})

it('unmounting the React root unsubscribes on the wire; mounting it again streams again', async () => {
  const before = sent.length
  await page.click('[data-testid="unmount"]')
  expect(await page.$$('[data-testid="market"]')).toHaveLength(0)
  await waitUntil(() => balanced(SYMBOLS[1], 0), 'the unmounted app unsubscribed every topic')
  await waitUntil(() => sim.connections().length === 0, 'no connection left after unmount')
  expect(sent.slice(before).map((m) => m.method).sort()).toEqual(['unsubscribe', 'unsubscribe', 'unsubscribe'])

  await page.click('[data-testid="mount"]')
  await expectLiveMarket(SYMBOLS[0])
  expect(balanced(SYMBOLS[0], 1)).toBe(true)
  expect(pageErrors).toEqual([])
})

it('type-checks (tsc, strict, react-jsx) as the source a user would copy', async () => {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
  await expect(promisify(execFile)(process.execPath, [tsc, '-p', join(ROOT, 'examples', 'react', 'tsconfig.json')])).resolves.toBeDefined()
}, 60_000)
