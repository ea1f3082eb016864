import type { Subscription } from 'rxjs'
import { DexSocket } from '../../src'
import { SYMBOL, summarizeError, summarizeStatus, type Observed } from './cases'

/** A DexSocket with a victim stream (trades) and a healthy stream (blockHeight), everything it reports kept. */
export class Client {
  readonly dex: DexSocket
  readonly seen: Observed = { errors: [], statuses: [], trades: [], heights: [] }
  /** How each stream ended, if it did (streams must neither error nor complete in these cases). */
  readonly ended: string[] = []
  /** The errors the streams ended with. */
  readonly endErrors: unknown[] = []
  /** Set where ends are the expected outcome (the silent server): recorded without failing the waits. */
  tolerateEnds = false
  private readonly subscriptions: Subscription[] = []
  private readonly waiters = new Set<() => void>()
  private failure: string | undefined

  constructor(url: string, options: Record<string, unknown> = {}) {
    // Built as a variable: `connectTimeoutMs` is newer than some DexSocketOptions this suite is compiled with.
    const settings = {
      url,
      reconnect: { initialDelayMs: 10, maxDelayMs: 50, maxAttempts: 3 },
      connectTimeoutMs: 300,
      ...options,
    }
    this.dex = new DexSocket(settings)
    this.subscriptions.push(
      this.dex.errors$.subscribe((error) => this.push(() => this.seen.errors.push(summarizeError(error)))),
      this.dex.status$.subscribe((status) =>
        this.push(() => this.seen.statuses.push(summarizeStatus(status))),
      ),
    )
  }

  /** Subscribes the victim and the healthy stream. */
  streams(): void {
    this.subscriptions.push(
      this.dex.trades(SYMBOL).subscribe({
        next: (trade) => this.push(() => this.seen.trades.push(trade.tradeId)),
        error: (error) => this.end(`trades errored: ${summarizeError(error).message}`, error),
        complete: () => this.end('trades completed'),
      }),
      this.dex.blockHeight().subscribe({
        next: (height) => this.push(() => this.seen.heights.push(height)),
        error: (error) => this.end(`blockHeight errored: ${summarizeError(error).message}`, error),
        complete: () => this.end('blockHeight completed'),
      }),
    )
  }

  /** Resolves once `done` holds; rejects as soon as a stream ends. */
  until(done: (seen: Observed) => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (this.failure !== undefined) {
          this.waiters.delete(check)
          reject(new Error(this.failure))
        } else if (done(this.seen)) {
          this.waiters.delete(check)
          resolve()
        }
      }
      this.waiters.add(check)
      check()
    })
  }

  close(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe()
    this.dex.close()
  }

  private end(why: string, error?: unknown): void {
    this.ended.push(why)
    if (error !== undefined) this.endErrors.push(error)
    if (this.tolerateEnds) this.push(() => undefined)
    else this.fail(why)
  }

  private fail(why: string): void {
    this.failure ??= why
    this.push(() => undefined)
  }

  private push(record: () => void): void {
    record()
    for (const waiter of [...this.waiters]) waiter()
  }
}
