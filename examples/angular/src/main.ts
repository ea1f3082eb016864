// Angular compiles the components' templates in the page (JIT), so the app builds with esbuild alone.
import '@angular/compiler'
import { provideZonelessChangeDetection, type ApplicationRef } from '@angular/core'
import { bootstrapApplication } from '@angular/platform-browser'
import { DexSocket } from 'binance-dex-rx'
import { startInProcess } from 'binance-dex-rx/simulator/in-process'
import { AppComponent, SYMBOLS } from './app.component'

// A simulated market inside the page (no server), and one DexSocket for the app, given to components by
// Angular's injector. The socket connects while a component is subscribed and closes when none is.
const sim = startInProcess({ market: { seed: 3 } })
const dex = new DexSocket({ url: sim.url, WebSocketCtor: sim.WebSocket })

let app: ApplicationRef | undefined

/** Starts the app, and destroys it: kept on `window` for the page's own buttons and for tests. */
const example = {
  sim,
  async mount(): Promise<void> {
    if (app) return
    if (!document.querySelector('dex-app')) document.getElementById('root')!.append(document.createElement('dex-app'))
    app = await bootstrapApplication(AppComponent, {
      providers: [
        provideZonelessChangeDetection(),
        { provide: DexSocket, useValue: dex },
        { provide: SYMBOLS, useValue: sim.symbols },
      ],
    })
  },
  unmount(): void {
    app?.destroy()
    app = undefined
  },
}
;(window as unknown as { angularExample: typeof example }).angularExample = example
example.mount().catch((error: Error) => {
  document.getElementById('root')!.textContent = `${error.name}: ${error.message}`
})
