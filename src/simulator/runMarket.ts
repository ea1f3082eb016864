import type { UserTopic } from '../internal/topicTable'
import type { MarketFrame, SimulatedMarket } from './market/SimulatedMarket'

/** @internal Where the market's frames go: the simulator's publishing side. */
export interface FrameSink {
  publish(stream: string, data: unknown): number
  publishToAddress(address: string, stream: UserTopic, data: unknown): number
  hasSubscribers(stream: string, symbolOrAddress?: string): boolean
}

/**
 * @internal
 * Runs the market's two clocks, a block every `blockIntervalMs` and the per-second frames (tickers, klines)
 * every second, and publishes what they produce. Returns the function that stops both.
 *
 * A market that throws is stopped and reported once on stderr: its state can no longer be trusted, and a
 * timer must not throw (nor log the same failure twice a second).
 */
export function runMarket(market: SimulatedMarket, sink: FrameSink): () => void {
  const wants = (stream: string, key?: string): boolean => sink.hasSubscribers(stream, key)
  const publish = (frame: MarketFrame): void => {
    if (frame.address === undefined) sink.publish(frame.stream, frame.data)
    else sink.publishToAddress(frame.address, frame.stream, frame.data)
  }
  const tick = (produce: () => readonly MarketFrame[]) => (): void => {
    try {
      produce().forEach(publish)
    } catch (error) {
      stop()
      console.error('DexSimulator: the simulated market failed and was stopped', error)
    }
  }
  const blocks = setInterval(tick(() => market.block(Date.now(), wants)), market.blockIntervalMs)
  const seconds = setInterval(tick(() => market.second(Date.now(), wants)), 1_000)
  const stop = (): void => {
    clearInterval(blocks)
    clearInterval(seconds)
  }
  return stop
}
