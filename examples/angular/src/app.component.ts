import { Component, InjectionToken, inject, signal } from '@angular/core'
import { MarketComponent } from './market.component'

/** The markets the picker offers. */
export const SYMBOLS = new InjectionToken<readonly string[]>('market symbols')

/** A market picker, and the picked market's book and tape, which can be hidden (destroyed). */
@Component({
  selector: 'dex-app',
  imports: [MarketComponent],
  template: `
    <header>
      <select data-testid="symbol" (change)="pick($event)">
        @for (s of symbols; track s) {
          <option [value]="s" [selected]="s === symbol()">{{ s }}</option>
        }
      </select>
      <button data-testid="toggle" (click)="shown.set(!shown())">{{ shown() ? 'Hide market' : 'Show market' }}</button>
    </header>
    @if (shown()) {
      <dex-market class="market" data-testid="market" [attr.data-symbol]="symbol()" [symbol]="symbol()" />
    }
  `,
})
export class AppComponent {
  readonly symbols = inject(SYMBOLS)
  readonly symbol = signal(this.symbols[0])
  readonly shown = signal(true)

  pick(event: Event): void {
    this.symbol.set((event.target as HTMLSelectElement).value)
  }
}
