// The `binance-dex-rx/simulator` entry: Node only, since it runs a server.
export { DexSimulator } from './DexSimulator'
export type { SimulatorControls } from './SimulatorControls'
export {
  SimulatedMarket,
  type MarketBalance,
  type MarketDepth,
  type MarketCandle,
  type MarketFrame,
  type MarketListing,
  type MarketOptions,
  type MarketOrder,
  type Wants,
} from './market/SimulatedMarket'
export type { AddressFrame, MarketWideFrame } from './market/MarketFrame'
export type { UserTopic } from '../internal/topicTable'
export { DEFAULT_MARKET_OPTIONS } from './market/marketOptions'
export {
  DEFAULT_SIMULATOR_OPTIONS,
  type ClientMessage,
  type ConnectionEvent,
  type ConnectionInfo,
  type DexSimulatorOptions,
} from './types'
export { DEFAULT_LIMITS, type SimulatorLimits } from './limits'
export {
  tapeEntryLine,
  tapeHeaderLine,
  type Tape,
  type TapeDisconnect,
  type TapeEntry,
  type TapeItem,
  type TapeHeader,
} from './tape/tape'
export { parseTape } from './tape/parseTape'
export { TAPE_ENDED, type ReplayOptions } from './tape/TapeReplay'
