import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Page } from 'playwright-core'
import { openPage, type OpenedPage } from './helpers/openPage'
import { snippetLines, writeReadmePage, type ReadmePage } from './helpers/readmeSnippet'
import { serveTestPages, type StaticServer } from './helpers/staticServer'
import { umdDependencies } from './helpers/umdDependencies'

// The in-process simulator's CDN bundles in headless Chromium, with no simulator server anywhere: the
// README's three-tag snippet, the two standalone bundles, and the whole stack inside a Web Worker. Every
// request that does not go to the local static server is aborted.

const ROOT = join(__dirname, '..', '..')
const DIST = join(ROOT, 'dist')

let files: StaticServer
let opened: OpenedPage
let page: Page
let readme: ReadmePage
let pageErrors: string[]
let foreign: string[]

beforeAll(async () => {
  readme = writeReadmePage()
  files = await serveTestPages({ '/readme/': readme.folder })
  opened = await openPage({ allow: (url) => url.startsWith(`${files.origin}/`) })
  ;({ page, pageErrors, blocked: foreign } = opened)
}, 60_000)

afterAll(async () => {
  await opened?.close()
  await files?.close()
  readme?.remove()
})

beforeEach(() => {
  pageErrors.length = 0
})

/** Opens a page and resolves with its `window.result`. */
async function result(path: string): Promise<any> {
  await page.goto(`${files.origin}${path}`)
  await page.waitForFunction(() => 'result' in window)
  return page.evaluate(() => (window as any).result)
}

it('the simulator bundles depend on rxjs alone (the standalone one on nothing) and never on ws or node:', () => {
  expect(umdDependencies(DIST, 'binance-dex-rx-simulator.umd.min.js')).toEqual(['exports', 'rxjs'])
  expect(umdDependencies(DIST, 'binance-dex-rx-simulator.standalone.umd.min.js')).toEqual(['exports'])
  for (const file of ['binance-dex-rx-simulator.umd.min.js', 'binance-dex-rx-simulator.standalone.umd.min.js']) {
    const code = readFileSync(join(DIST, file), 'utf8')
    expect(code).toMatch(/\.BinanceDexRxSimulator=\{\}/)
    expect(code).not.toMatch(/require\(["'](ws|node:[a-z_/]+|http|net|stream)["']\)|from ?["']ws["']/)
  }
  // The npm entry imports rxjs and nothing from Node: no node:* module, no ws, no isomorphic-ws (whose Node
  // file is ws); what else it imports must be a dependency the browser builds already carry.
  // The ESM build shares chunks between entries: follow the entry's chunks to every package it imports.
  const imports = new Set<string>()
  const seen = new Set<string>()
  const visit = (file: string): void => {
    if (seen.has(file)) return
    seen.add(file)
    const code = readFileSync(file, 'utf8')
    for (const m of code.matchAll(/^(?:import|export) [^;]*?from ?'([^']+)';?$/gm)) {
      if (m[1].startsWith('.')) visit(join(dirname(file), m[1]))
      else imports.add(m[1])
    }
  }
  visit(join(DIST, 'simulator-in-process.js'))
  expect([...imports]).toContain('rxjs')
  // `#websocket` comes with replayTape's DexSocket: the package's own import, the platform's WebSocket in
  // browsers and Deno (its `browser` and `deno` conditions), as for the library's entry.
  const carried = ['rxjs', 'io-ts', 'fp-ts', 'fp-ts/Either', '#websocket']
  expect([...imports].filter((id) => !carried.includes(id))).toEqual([])
})

it('the README’s three-tag snippet streams trades of a simulated market with no server', async () => {
  await page.goto(`${files.origin}/readme/index.html`)
  // Each trade is a text node the snippet appended to the body.
  await page.waitForFunction(`(${snippetLines})().length >= 3`)
  const lines = await page.evaluate(snippetLines)
  expect(lines.length).toBeGreaterThanOrEqual(3)
  for (const line of lines) expect(line).toMatch(/^\d+\.\d{8} × \d+\.\d{8}$/)
  const sockets = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name))
  expect(sockets.filter((url) => url.startsWith('ws'))).toEqual([])
  expect(pageErrors).toEqual([])
  expect(foreign).toEqual([])
})

it('the two standalone bundles work without rxjs on the page', async () => {
  const got = await result('/pages/in-process-standalone.html')
  expect(got.rxjsGlobal).toBe('undefined')
  expect(got.url).toMatch(/^ws:\/\/in-process-\d+\.invalid\/api\/$/)
  expect(got.heights).toHaveLength(3)
  expect(got.heights[1]).toBe(got.heights[0] + 1)
  expect(pageErrors).toEqual([])
})

it('runs in a Web Worker: book and trades computed off the main thread', async () => {
  const got = await result('/pages/in-process-worker.html')
  expect(got.error).toBeUndefined()
  expect(got.inWorker).toBe(true)
  expect(Number(got.bestBid)).toBeLessThan(Number(got.bestAsk))
  expect(got.trades).toHaveLength(3)
  for (const trade of got.trades) expect(trade).toEqual({ symbol: got.symbol, price: expect.stringMatching(/^\d+\.\d{8}$/), time: 'bigint' })
  expect(got.connectionsAfterStop).toBe(0)
  expect(files.requested).toContain('/pages/in-process-worker.js')
  expect(pageErrors).toEqual([])
  expect(foreign).toEqual([])
})
