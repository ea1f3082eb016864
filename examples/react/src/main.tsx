import { StrictMode } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { DexSocket } from 'binance-dex-rx'
import { App } from './App'

// One DexSocket for the page, outside React: components subscribe and unsubscribe; the socket connects while
// something is subscribed and closes its connection when nothing is.
const url = document.querySelector<HTMLMetaElement>('meta[name="dex-url"]')!.content
const symbols = document.querySelector<HTMLMetaElement>('meta[name="dex-symbols"]')!.content.split(',')
const dex = new DexSocket({ url })
const container = document.getElementById('root')!

let root: Root | undefined

/** Mounts the app (again), and unmounts it: kept on `window` for the page's own buttons and for tests. */
const app = {
  mount(): void {
    if (root) return
    root = createRoot(container)
    root.render(
      <StrictMode>
        <App dex={dex} symbols={symbols} />
      </StrictMode>,
    )
  },
  unmount(): void {
    root?.unmount()
    root = undefined
  },
}
;(window as unknown as { reactExample: typeof app }).reactExample = app
app.mount()
