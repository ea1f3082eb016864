import { AsyncPipe } from '@angular/common'
import { Component, Input, inject } from '@angular/core'
import { toSignal } from '@angular/core/rxjs-interop'
import { DexSocket, type Trade } from 'binance-dex-rx'
import { ReplaySubject, scan, switchMap } from 'rxjs'

const NONE: readonly Trade[] = []

/**
 * One market's order book and trade tape. The book goes through the `async` pipe, the tape through `toSignal`:
 * both subscribe when the component is created and unsubscribe when it is destroyed. A new `symbol` makes
 * `switchMap` unsubscribe the old market's topics before it subscribes the new market's.
 */
@Component({
  selector: 'dex-market',
  imports: [AsyncPipe],
  template: `
    @if (book$ | async; as book) {
      <section class="book" data-testid="book" [attr.data-state]="book.inSync ? 'in-sync' : 'stale'">
        <h2>Order book</h2>
        <table class="asks" data-testid="asks">
          @for (level of book.asks.slice().reverse(); track level[0]) {
            <tr><td class="price">{{ level[0] }}</td><td class="quantity">{{ level[1] }}</td></tr>
          }
        </table>
        <table class="bids" data-testid="bids">
          @for (level of book.bids; track level[0]) {
            <tr><td class="price">{{ level[0] }}</td><td class="quantity">{{ level[1] }}</td></tr>
          }
        </table>
      </section>
    } @else {
      <section class="book" data-testid="book" data-state="waiting">waiting for the book…</section>
    }
    <section class="tape" data-testid="trades" [attr.data-count]="trades().length">
      <h2>Trades</h2>
      <table>
        @for (trade of trades(); track trade.tradeId) {
          <tr>
            <td class="price">{{ trade.price }}</td>
            <td class="quantity">{{ trade.quantity }}</td>
            <td class="time">{{ time(trade) }}</td>
          </tr>
        }
      </table>
    </section>
  `,
})
export class MarketComponent {
  private readonly dex = inject(DexSocket)
  private readonly symbol$ = new ReplaySubject<string>(1)

  @Input({ required: true })
  set symbol(symbol: string) {
    this.symbol$.next(symbol)
  }

  /** The best ten levels of each side, at most ten times a second. */
  readonly book$ = this.symbol$.pipe(switchMap((symbol) => this.dex.orderBook(symbol, { depth: 10, throttleMs: 100 })))

  /** The latest fifteen trades, newest first. */
  readonly trades = toSignal(
    this.symbol$.pipe(
      switchMap((symbol) => this.dex.trades(symbol).pipe(scan((tape: readonly Trade[], t: Trade) => [t, ...tape].slice(0, 15), NONE))),
    ),
    { initialValue: NONE },
  )

  /** A trade's time of day: `tradeTime` is in nanoseconds, as a bigint. */
  time(trade: Trade): string {
    return new Date(Number(trade.tradeTime / 1_000_000n)).toISOString().slice(11, 23)
  }
}
