import type { Page } from 'playwright-core'

const DECIMAL = /^\d+\.\d{8}$/

export interface ShownMarket {
  /** The prices shown, as the page prints them: bids best first, asks worst first, trades newest first. */
  readonly bids: string[]
  readonly asks: string[]
  readonly trades: string[]
}

/**
 * Waits until an example's market view shows `symbol` live (`[data-testid=market]` for the symbol, the book
 * in sync with bids, three trades on the tape) and checks what every market view must show: exact decimal
 * prices, more than three bids, the best ask above the best bid. The React and Angular examples share the
 * markup this reads.
 */
export async function expectLiveMarket(page: Page, symbol: string): Promise<ShownMarket> {
  await page.waitForSelector(`[data-testid="market"][data-symbol="${symbol}"]`)
  await page.waitForSelector('[data-testid="book"][data-state="in-sync"] [data-testid="bids"] .price')
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="trades"]')?.getAttribute('data-count')) >= 3)
  const texts = (selector: string): Promise<string[]> => page.$$eval(selector, (els) => els.map((el) => el.textContent ?? ''))
  const shown = {
    bids: await texts('[data-testid="bids"] .price'),
    asks: await texts('[data-testid="asks"] .price'),
    trades: await texts('[data-testid="trades"] .price'),
  }
  for (const price of [...shown.bids, ...shown.asks, ...shown.trades]) expect(price).toMatch(DECIMAL)
  expect(shown.bids.length).toBeGreaterThan(3)
  expect(Number(shown.asks.at(-1))).toBeGreaterThan(Number(shown.bids[0])) // best ask (last row of asks) above best bid
  return shown
}
