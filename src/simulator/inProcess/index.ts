// The `binance-dex-rx/simulator/in-process` entry: the simulator with no server, for any JavaScript runtime.
// Nothing reachable from here may import node:* or ws.
export { InProcessSimulator, startInProcess, type InProcessOptions, type InProcessWebSocketConstructor } from './InProcessSimulator'
export type { SimulatorControls } from '../SimulatorControls'
export { InProcessWebSocket } from './InProcessWebSocket'
export type { InProcessCloseEvent, InProcessErrorEvent, InProcessEvent, InProcessListener, InProcessMessageEvent } from './socketEvents'
export { SimulatedMarket, type MarketOptions, type MarketFrame, type MarketCandle, type MarketDepth, type MarketListing } from '../market/SimulatedMarket'
export { DEFAULT_MARKET_OPTIONS } from '../market/marketOptions'
export type { ClientMessage, ConnectionEvent, ConnectionInfo } from '../types'
export { DEFAULT_LIMITS, type SimulatorLimits } from '../limits'
export { parseTape, tapeEntryLine, tapeHeaderLine, type Tape, type TapeDisconnect, type TapeEntry, type TapeHeader, type TapeItem } from '../tape/tape'
export { replayTape, type ReplayTapeOptions, type TapePlayback } from '../tape/replayTape'
export type { TapeSource } from '../tape/tapeLines'
export { TAPE_ENDED, type ReplayOptions } from '../tape/TapeReplay'
