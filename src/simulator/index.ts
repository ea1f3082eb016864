// The `binance-dex-rx/simulator` entry: Node only, since it runs a server.
export { DexSimulator } from './DexSimulator'
export { SimulatedMarket, type MarketFrame, type MarketOptions } from './market/SimulatedMarket'
export {
  DEFAULT_SIMULATOR_OPTIONS,
  type ClientMessage,
  type ConnectionEvent,
  type ConnectionInfo,
  type DexSimulatorOptions,
} from './types'
