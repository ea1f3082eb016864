import {
  BehaviorSubject,
  EMPTY,
  filter,
  map,
  merge,
  scan,
  startWith,
  Subscription,
  tap,
  type Observable,
} from 'rxjs'
import type { DexSocket } from '../../DexSocket'
import { DexConnectionError, type DexError } from '../../errors'
import { DexSimulator } from '../../simulator/DexSimulator'
import type { DemoCommand } from '../commands'
import { oneLine, printError, watchStdout, type CliIo, type Output } from '../io'
import { describeEndpoint, openDexSocket } from '../openDexSocket'
import { UsageError } from '../UsageError'
import { ansiPaint, plainPaint } from './ansi'
import { discoverSymbols, demoEvents } from './demoEvents'
import { initialDemoState, reduceDemo, type DemoEvent, type DemoState } from './DemoState'
import { runFrames } from './runFrames'
import { runInteractive } from './runInteractive'
import { Terminal, type TerminalInput, type TerminalOutput } from './Terminal'

/** @internal What the demo needs of the process besides {@link CliIo}. */
export interface DemoIo extends CliIo {
  readonly stdout: Output & TerminalOutput & { readonly isTTY?: boolean }
  readonly stdin: TerminalInput
  readonly env: Readonly<Record<string, string | undefined>>
}

/**
 * @internal
 * `binance-dex-rx demo`: an embedded simulator (or the server of `--url`/`--testnet`) watched through a
 * DexSocket, drawn full-screen on a terminal or as plain frames otherwise. Resolves 0 when the user quits
 * or the frames are done, 1 when the connection is given up; the terminal is restored in every case.
 */
export async function runDemo(command: DemoCommand, io: DemoIo): Promise<number> {
  const market = { seed: command.seed }
  const sim = command.endpoint ? undefined : await DexSimulator.start({ port: 0, market })
  let dex: DexSocket | undefined
  try {
    const symbols = sim ? [...sim.symbols] : command.symbol ? [command.symbol] : []
    if (sim && command.symbol !== undefined && !symbols.includes(command.symbol)) {
      const choices = symbols.join(', ')
      throw new UsageError(`--symbol ${command.symbol} is not simulated; choose one of ${choices}`, 'demo')
    }
    const endpoint = command.endpoint ?? { network: 'mainnet' as const, url: sim?.url }
    dex = openDexSocket(endpoint)
    const source = sim ? `simulator (seed ${command.seed})` : describeEndpoint(endpoint)
    const initial = initialDemoState(source, symbols, command.symbol ?? symbols[0])
    const choose$ = new BehaviorSubject(initial.symbol)
    const events$ = merge(
      demoEvents(dex, choose$.pipe(filter((symbol) => symbol !== ''))),
      sim ? EMPTY : discovered(dex, command.symbol, choose$),
    )
    const state$ = events$.pipe(scan(reduceDemo, initial), startWith(initial))
    return await present(command, io, dex, state$, (symbol) => choose$.next(symbol))
  } finally {
    dex?.close()
    await sim?.stop()
  }
}

/** Runs the view until the user quits, the frames are done, or the connection is given up. */
function present(
  command: DemoCommand,
  io: DemoIo,
  dex: DexSocket,
  state$: Observable<DemoState>,
  choose: (symbol: string) => void,
): Promise<number> {
  const interactive = io.stdout.isTTY === true && command.frames === undefined
  const terminal = interactive ? new Terminal(io.stdout, io.stdin) : undefined
  return new Promise<number>((resolve) => {
    let opened = false
    let done = false
    const all = new Subscription()
    const finish = (code: number, error?: unknown): void => {
      if (done) return
      done = true
      all.unsubscribe()
      terminal?.restore()
      if (error !== undefined) {
        const message = error instanceof Error ? error.message : String(error)
        printError(io, opened ? message : `cannot connect: ${message}`)
      }
      resolve(code)
    }
    all.add(dex.status$.subscribe((s) => (opened ||= s.state === 'open')))
    all.add(io.stop$.subscribe(() => finish(0)))
    all.add(watchStdout(io, () => finish(0), (error) => finish(1, error)))
    // The full-screen view shows errors in its footer; plain frames leave them to stderr, one a line.
    // Failed attempts before the first open end in one final error; later drops are news.
    const report = (error: DexError): void => {
      if (opened || !(error instanceof DexConnectionError)) {
        printError(io, `${error.name}: ${oneLine(error.message)}`)
      }
    }
    if (!terminal) all.add(dex.errors$.subscribe(report))
    terminal?.start()
    const view$ = terminal
      ? runInteractive(state$, terminal, colorFor(io), choose)
      : runFrames(state$, {
          ...plainSize(io),
          paint: colorFor(io),
          timeZone: 'local',
          count: command.frames,
          write: (text) => io.stdout.write(text),
        })
    all.add(view$.subscribe({ error: (error: unknown) => finish(1, error), complete: () => finish(0) }))
  })
}

/** On an unknown server: its symbols from `allTickers`, the requested one first; chooses one if needed. */
function discovered(
  dex: DexSocket,
  requested: string | undefined,
  choose$: BehaviorSubject<string>,
): Observable<DemoEvent> {
  return discoverSymbols(dex).pipe(
    map((found) => [...new Set([...(requested ? [requested] : []), ...found])]),
    tap((symbols) => choose$.value === '' && symbols.length > 0 && choose$.next(symbols[0])),
    map((symbols): DemoEvent => ({ type: 'symbols', symbols })),
  )
}

/** Plain frames fit the terminal when there is one, else `COLUMNS`x`LINES`, else 80x24. */
function plainSize(io: DemoIo): { columns: number; rows: number } {
  const env = (name: string): number | undefined => Number(io.env[name]) || undefined
  return {
    columns: (io.stdout.isTTY && io.stdout.columns) || env('COLUMNS') || 80,
    rows: (io.stdout.isTTY && io.stdout.rows) || env('LINES') || 24,
  }
}

/** Colors on a terminal, unless `NO_COLOR` is set (no-color.org); `FORCE_COLOR` forces them. */
function colorFor(io: DemoIo) {
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return ansiPaint
  return io.stdout.isTTY && io.env.NO_COLOR === undefined ? ansiPaint : plainPaint
}
