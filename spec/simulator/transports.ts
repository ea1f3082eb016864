import { DexSimulator, type DexSimulatorOptions } from '../../src/simulator'
import { startInProcess, type InProcessSimulator } from '../../src/simulator/inProcess'
import type { SimulatorControls } from '../../src/simulator/SimulatorControls'
import { TestClient, terminateClients } from './testClient'

/** What the protocol suites drive: the controls both simulators share, their URL and `stop()`. */
export type Sim = SimulatorControls & Pick<DexSimulator, 'url' | 'stop'>

/** One way of carrying the protocol; every protocol suite runs once per transport. */
export interface Transport {
  readonly name: string
  /** Whether ping and pong frames reach the client (not in-process: a browser's WebSocket hides them). */
  readonly pings: boolean
  /** What connecting to a stopped simulator fails with. */
  readonly goneError: string
  start(options?: DexSimulatorOptions): Promise<Sim>
  connect(sim: Sim, url: string): Promise<TestClient>
  /** The HTTP status a connection to `url` is refused with. */
  refusal(sim: Sim, url: string): Promise<number>
}

const ws: Transport = {
  name: 'DexSimulator over ws',
  pings: true,
  goneError: 'ECONNREFUSED',
  start: (options) => DexSimulator.start(options),
  connect: (_sim, url) => TestClient.connect(url),
  refusal: (_sim, url) => TestClient.refusal(url),
}

const inProcess: Transport = {
  name: 'in-process simulator',
  pings: false,
  goneError: 'no in-process simulator',
  start: async ({ host: _host, port: _port, ...options } = {}) => startInProcess(options),
  connect: (sim, url) => TestClient.connectInProcess((sim as InProcessSimulator).WebSocket, url),
  refusal: (sim, url) => TestClient.refusalInProcess((sim as InProcessSimulator).WebSocket, url),
}

export const TRANSPORTS: readonly Transport[] = [ws, inProcess]

/** A protocol suite's simulator for the running test, on one transport. */
export interface SimUse {
  /** The running test's simulator; throws when none was started. */
  readonly sim: Sim
  /**
   * Starts the running test's simulator (for suites whose tests each want their own options). With
   * `fakeTimers`, the simulator's timers run on jest's fake clock from here to the end of the test, so an expiry
   * is reached by advancing the clock, never by waiting; sockets, promises and ticks stay real.
   */
  start(options?: DexSimulatorOptions, clock?: { fakeTimers?: boolean }): Promise<Sim>
  /** A client of the running test's simulator on `path` (what follows `/api/`). */
  connect(path: string): Promise<TestClient>
}

/**
 * The per-transport set-up every protocol suite shares: with `options`, a simulator is started before each
 * test; after each, the test's clients are terminated, its simulator stopped and real timers are back.
 */
export function useSim(transport: Transport, options?: DexSimulatorOptions): SimUse {
  let current: Sim | undefined
  const use: SimUse = {
    get sim(): Sim {
      if (current === undefined) throw new Error('no simulator: pass options to useSim or call start()')
      return current
    },
    start: async (startOptions, { fakeTimers = false } = {}) => {
      if (fakeTimers) jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] })
      return (current = await transport.start(startOptions))
    },
    connect: (path) => transport.connect(use.sim, `${use.sim.url}${path}`),
  }
  if (options) beforeEach(() => use.start(options))
  afterEach(async () => {
    terminateClients()
    await current?.stop()
    current = undefined
    jest.useRealTimers()
  })
  return use
}
