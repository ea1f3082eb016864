// Mounts docs/examples/MarketView.svelte in the page, with props the test can change, and unmounts it.
import { mount, unmount } from 'svelte'
import { DexSocket } from '../../../src'
import MarketView from '../../../docs/examples/MarketView.svelte'

const dex = new DexSocket({ url: window.DEX_URL })
const props = $state({ dex, symbol: window.DEX_SYMBOLS[0] })
const view = mount(MarketView, { target: document.getElementById('root'), props })

window.harness = {
  setSymbol: (symbol) => (props.symbol = symbol),
  unmount: () => unmount(view),
}
