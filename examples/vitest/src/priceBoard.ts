import { filter, map, merge, Subscription, switchMap, timer } from 'rxjs'
import { DexDecodeError, type DexSocket } from 'binance-dex-rx'

/** What the app shows: the last price per symbol, and the alerts it raised, oldest first. */
export interface PriceBoard {
  readonly prices: ReadonlyMap<string, string>
  readonly alerts: readonly string[]
  stop(): void
}

/**
 * The app under test: follows the trades of `symbols`, keeps the last price of each, and raises alerts
 * when a market goes quiet for `quietAfterMs`, when the connection drops and comes back, and when a frame
 * cannot be read.
 */
export function watchPrices(dex: DexSocket, symbols: readonly string[], { quietAfterMs = 10_000 } = {}): PriceBoard {
  const prices = new Map<string, string>()
  const alerts: string[] = []
  const subscription = new Subscription()
  for (const symbol of symbols) {
    const trades = dex.trades(symbol)
    subscription.add(trades.subscribe((t) => prices.set(symbol, t.price)))
    // Quiet: no trade of this symbol for quietAfterMs since its last one (or since the start).
    const quiet = merge(timer(0), trades).pipe(switchMap(() => timer(quietAfterMs)), map(() => `quiet ${symbol}`))
    subscription.add(quiet.subscribe((alert) => alerts.push(alert)))
  }
  const connection = dex.status$.pipe(
    filter((s) => s.state === 'reconnecting' || s.state === 'reconnected'),
    map((s) => (s.state === 'reconnecting' ? 'connection lost' : 'reconnected')),
  )
  const badFrames = dex.errors$.pipe(
    filter((e) => e instanceof DexDecodeError),
    map(() => 'unreadable frame'),
  )
  subscription.add(merge(connection, badFrames).subscribe((alert) => alerts.push(alert)))
  return { prices, alerts, stop: () => subscription.unsubscribe() }
}
