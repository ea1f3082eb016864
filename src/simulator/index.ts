// The `binance-dex-rx/simulator` entry: Node only, since it runs a server.
export { DexSimulator } from './DexSimulator'
export {
  SimulatedMarket,
  type MarketBalance,
  type MarketDepth,
  type MarketFrame,
  type MarketOptions,
  type MarketOrder,
  type Wants,
} from './market/SimulatedMarket'
export { DEFAULT_MARKET_OPTIONS } from './market/marketOptions'
export {
  DEFAULT_SIMULATOR_OPTIONS,
  type ClientMessage,
  type ConnectionEvent,
  type ConnectionInfo,
  type DexSimulatorOptions,
} from './types'
