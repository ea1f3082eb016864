import type { Page } from 'playwright-core'
import { launchChromium, type Browser } from './chromium'

export interface OpenPageOptions {
  viewport?: { width: number; height: number }
  /** Requests this accepts go through; any other is aborted and listed in `blocked`. Default: all go through. */
  allow?: (url: string) => boolean
  /** Puts the browser offline before the page opens. */
  offline?: boolean
  /** Loaded once the listeners are in place. */
  url?: string
}

export interface OpenedPage {
  readonly browser: Browser
  readonly page: Page
  /** The page's uncaught errors, in order (a spec may empty it between cases). */
  readonly pageErrors: string[]
  /** The requests `allow` refused. */
  readonly blocked: string[]
  /** Every request the page made. */
  readonly requested: string[]
  /** The URL of every WebSocket the page opened. */
  readonly sockets: string[]
  close(): Promise<void>
}

/**
 * The browser specs' page: headless Chromium with a fresh profile, a page whose waits fail after 20 s, and
 * what the page did recorded as it happens: its errors, its requests, the requests refused and the WebSockets.
 */
export async function openPage({ viewport, allow, offline = false, url }: OpenPageOptions = {}): Promise<OpenedPage> {
  const browser = await launchChromium(viewport)
  const opened: OpenedPage = {
    browser,
    page: undefined as unknown as Page,
    pageErrors: [],
    blocked: [],
    requested: [],
    sockets: [],
    close: () => browser.close(),
  }
  try {
    if (offline) await browser.context.setOffline(true)
    if (allow) {
      await browser.context.route('**/*', (route) => {
        const target = route.request().url()
        if (allow(target)) return route.continue()
        opened.blocked.push(target)
        return route.abort()
      })
    }
    const page = await browser.context.newPage()
    page.setDefaultTimeout(20_000)
    page.on('pageerror', (error) => opened.pageErrors.push(error.message))
    page.on('request', (request) => opened.requested.push(request.url()))
    page.on('websocket', (ws) => opened.sockets.push(ws.url()))
    if (url !== undefined) await page.goto(url)
    return { ...opened, page }
  } catch (error) {
    await browser.close()
    throw error
  }
}

/** Waits until the number in `selector`'s attribute `name` is at least `min`. */
export function atLeast(page: Page, selector: string, name: string, min: number): Promise<unknown> {
  return page.waitForFunction(
    ([s, n, m]) => Number(document.querySelector(s as string)?.getAttribute(n as string)) >= (m as number),
    [selector, name, min] as const,
  )
}
