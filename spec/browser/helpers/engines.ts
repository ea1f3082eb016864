import { existsSync, writeFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import type { Browser as PuppeteerBrowser, Page as PuppeteerPage } from 'puppeteer-core'
import { CHROMIUM, launchChromium, type Browser } from './chromium'
import { MINIBROWSER, startWebKitSession, WEBKIT_WEBDRIVER, XVFB, type WebDriverSession } from './webDriver'

/**
 * The three browser engines behind one small page interface, each from a Debian package (.ci/run installs
 * them; nothing is downloaded): Chromium through playwright-core, Firefox through puppeteer-core over WebDriver
 * BiDi, WebKit through WebKitGTK's WebDriver with its MiniBrowser. The interface is what the three drivers
 * share: load a URL, run a function in the page, poll for a condition, screenshot.
 */

export type EngineName = 'chromium' | 'firefox' | 'webkit'
export const ENGINES: readonly EngineName[] = ['chromium', 'firefox', 'webkit']

export const FIREFOX = '/usr/bin/firefox-esr'

/** What each engine needs on the machine, and the Debian package that provides it. */
const NEEDS: Record<EngineName, [file: string, pkg: string][]> = {
  chromium: [[CHROMIUM, 'chromium']],
  firefox: [[FIREFOX, 'firefox-esr']],
  webkit: [
    [WEBKIT_WEBDRIVER, 'webkit2gtk-driver'],
    [MINIBROWSER, 'libwebkit2gtk-4.1-0 (installed with webkit2gtk-driver)'],
    [XVFB, 'xvfb'],
  ],
}

export interface EnginePage {
  readonly engine: EngineName
  /** Loads `url` and waits for its load event. */
  goto(url: string): Promise<void>
  /** Runs `fn(arg)` in the page and resolves with its result (awaited if a promise), copied as JSON. */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>
  /**
   * Runs `fn(arg)` in the page again and again until `accept` takes its result (by default: until it is
   * truthy), and resolves with that result. After a long time (a loaded machine is slow, never wrong), fails
   * with `what` and the page's errors so far.
   */
  waitFor<A, R>(what: string, fn: (arg: A) => R | Promise<R>, arg: A, accept?: (value: R) => boolean): Promise<R>
  /**
   * The uncaught errors and unhandled rejections of the page loaded last. Chromium and Firefox report every
   * one; classic WebDriver has no such event, so in WebKit they are caught by listeners added right after the
   * load event (an error during the load shows as the page never reaching what the test waits for).
   */
  errors(): Promise<string[]>
  /** Resizes the page's viewport (in WebKit, the window: its toolbar takes some of the height). */
  resize(width: number, height: number): Promise<void>
  screenshot(file: string): Promise<void>
  close(): Promise<void>
}

/** Why `engine` cannot run here (what is missing, and which package to install), or undefined when it can. */
export function engineMissing(engine: EngineName, exists: (file: string) => boolean = existsSync): string | undefined {
  const missing = NEEDS[engine].filter(([file]) => !exists(file))
  if (missing.length === 0) return undefined
  const list = missing.map(([file, pkg]) => `${file} (Debian package ${pkg})`).join(', ')
  return `${engine} cannot run: ${list} not found. Install it with apt-get, as .ci/run does.`
}

/** Opens a page in `engine`; fails with the package to install when the engine is missing. */
export async function launchEngine(engine: EngineName, size = { width: 1440, height: 900 }): Promise<EnginePage> {
  const missing = engineMissing(engine)
  if (missing !== undefined) throw new Error(missing)
  if (engine === 'chromium') return chromiumPage(await launchChromium(size))
  if (engine === 'firefox') return firefoxPage(size)
  return webkitPage(await startWebKitSession(size))
}

const POLL_MS = 100
const WAIT_MS = 45_000

/** The driver-specific half of an EnginePage; the rest is built on it. */
interface Driver {
  engine: EngineName
  goto(url: string): Promise<void>
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>
  errors(): Promise<string[]>
  resize(width: number, height: number): Promise<void>
  screenshot(file: string): Promise<void>
  close(): Promise<void>
}

function enginePage(driver: Driver): EnginePage {
  return {
    ...driver,
    async waitFor(what, fn, arg, accept = Boolean) {
      const deadline = Date.now() + WAIT_MS
      for (;;) {
        const value = await driver.evaluate(fn, arg)
        if (accept(value)) return value
        if (Date.now() > deadline) {
          const errors = await driver.errors().catch((e: Error) => [`(unreadable: ${e.message})`])
          const last = JSON.stringify(value)?.slice(0, 300)
          throw new Error(`${driver.engine}: waited ${WAIT_MS} ms for ${what}; last seen ${last}; page errors ${JSON.stringify(errors)}`)
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS))
      }
    },
  }
}

function chromiumPage(browser: Browser): Promise<EnginePage> {
  return playwrightLike('chromium', browser.context.newPage(), (page, size) => page.setViewportSize(size), () => browser.close())
}

async function firefoxPage(size: { width: number; height: number }): Promise<EnginePage> {
  // Imported here: puppeteer-core is only needed by this engine.
  const { launch } = await import('puppeteer-core')
  const browser: PuppeteerBrowser = await launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: size,
  })
  try {
    return await playwrightLike('firefox', browser.newPage(), (page, size) => page.setViewport(size), () => browser.close())
  } catch (error) {
    await browser.close()
    throw error
  }
}

type Size = { width: number; height: number }

/**
 * Playwright's and Puppeteer's pages share what is used here: `goto`, `evaluate`, `screenshot`, `pageerror`;
 * each resizes in its own words.
 */
async function playwrightLike<P extends Page | PuppeteerPage>(
  engine: EngineName,
  opening: Promise<P>,
  resize: (page: P, size: Size) => Promise<void>,
  close: () => Promise<void>,
): Promise<EnginePage> {
  const opened = await opening
  const page = opened as Page
  const errors: string[] = []
  page.on('pageerror', (error: Error) => errors.push(error.message))
  // An error the page has thrown reaches us as an event, after the fact: once a round trip through a timer
  // of the page is back, every error thrown before it (RxJS reports a subscriber's error on a timer) is here.
  const settle = (): Promise<unknown> => page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)))
  return enginePage({
    engine,
    async goto(url) {
      await settle()
      errors.length = 0
      await page.goto(url, { waitUntil: 'load', timeout: WAIT_MS })
    },
    evaluate: (fn, arg) => page.evaluate(fn as any, arg) as any,
    async errors() {
      await settle()
      return [...errors]
    },
    resize: (width, height) => resize(opened, { width, height }),
    screenshot: async (file) => void (await page.screenshot({ path: file })),
    close,
  })
}

/** Added after each load in WebKit: keeps what would have been reported as page errors. */
function catchErrors(): void {
  const w = window as any
  if (w.__engineErrors) return
  w.__engineErrors = []
  window.addEventListener('error', (e) => w.__engineErrors.push(e.message))
  window.addEventListener('unhandledrejection', (e) => w.__engineErrors.push(String(e.reason?.message ?? e.reason)))
}

function webkitPage(session: WebDriverSession): EnginePage {
  const evaluate = async <A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> => {
    // The last argument of an async script is its callback; a rejection comes back as data, not a timeout.
    const script = `const [arg, done] = arguments
Promise.resolve().then(() => (${fn})(arg)).then(
  (value) => done({ value: value === undefined ? null : value }),
  (error) => done({ error: String(error && error.stack || error) }))`
    const reply = await session.command('POST', '/execute/async', { script, args: [arg] })
    if (reply.error !== undefined) throw new Error(`webkit: the page function failed: ${reply.error}`)
    return reply.value
  }
  return enginePage({
    engine: 'webkit',
    async goto(url) {
      await session.command('POST', '/url', { url })
      await evaluate(catchErrors, null)
    },
    evaluate,
    errors: () =>
      evaluate(() => new Promise<string[]>((resolve) => setTimeout(() => resolve([...(window as any).__engineErrors]), 0)), null),
    async resize(width, height) {
      await session.command('POST', '/window/rect', { width, height })
    },
    async screenshot(file) {
      writeFileSync(file, Buffer.from(await session.command('GET', '/screenshot'), 'base64'))
    },
    close: () => session.close(),
  })
}

/**
 * The page of one engine's `describe` block: launched before its first test, closed after its last, each hook
 * given `timeout` (a browser starts slowly on a loaded machine). What is returned stands for the page the
 * `beforeAll` launched, so the block's tests can use it as a plain EnginePage.
 */
export function useEnginePage(engine: EngineName, timeout: number): EnginePage {
  let page: EnginePage | undefined
  beforeAll(async () => {
    page = await launchEngine(engine)
  }, timeout)
  afterAll(async () => {
    await page?.close()
  }, timeout)
  return new Proxy({ engine } as EnginePage, {
    get(_target, key: keyof EnginePage) {
      if (page === undefined) throw new Error(`the ${engine} page is used outside its describe block's tests`)
      const member = page[key]
      return typeof member === 'function' ? member.bind(page) : member
    },
  })
}
