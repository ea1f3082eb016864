import { firstValueFrom } from 'rxjs'
import { DexInputError } from '../errors'
import { DexSimulator } from '../simulator/DexSimulator'
import type { SimulateCommand } from './commands'
import { printError, type CliIo } from './io'
import { toNdjson } from './ndjson'
import { UsageError } from './UsageError'

/**
 * @internal
 * `binance-dex-rx simulate`: starts a simulator, prints where it listens and what it simulates, and runs
 * until SIGINT or SIGTERM, then stops it (exit 0). A port it cannot listen on is exit 1.
 */
export async function runSimulate(command: SimulateCommand, io: CliIo): Promise<number> {
  let sim: DexSimulator
  try {
    const market = { seed: command.seed, symbols: command.symbols, blockIntervalMs: command.blockIntervalMs }
    sim = await DexSimulator.start({ host: command.host, port: command.port, market })
  } catch (error) {
    if (error instanceof DexInputError) throw new UsageError(error.message, 'simulate')
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    printError(io, `cannot listen on ${command.host}:${command.port}: ${reason}`)
    return 1
  }
  // Ask before printing: the stop request may come while the banner is being written.
  const stopped = firstValueFrom(io.stop$, { defaultValue: 'end' })
  const { market } = sim
  const info: SimulatorInfo = {
    url: sim.url,
    seed: command.seed,
    symbols: market?.symbols ?? [],
    addresses: market?.addresses ?? [],
  }
  io.stdout.write(command.json ? toNdjson(info) : banner(info))
  await stopped
  await sim.stop()
  if (!command.json) io.stdout.write('DexSimulator stopped\n')
  return 0
}

/** What `simulate` prints: as JSON with `--json`, else as the banner. */
interface SimulatorInfo {
  readonly url: string
  readonly seed: number
  readonly symbols: readonly string[]
  readonly addresses: readonly string[]
}

function banner(info: SimulatorInfo): string {
  const [first = 'BNB_BTCB-1DE'] = info.symbols
  const addresses = info.addresses.map((a, i) => (i === 0 ? a : `             ${a}`)).join('\n')
  return [
    `DexSimulator listening on ${info.url}`,
    `  seed:      ${info.seed}`,
    `  symbols:   ${info.symbols.join(' ')}`,
    `  addresses: ${addresses}`,
    '',
    `Try: binance-dex-rx stream trades ${first} --url ${info.url}`,
    'Press Ctrl-C to stop.',
    '',
  ].join('\n')
}
