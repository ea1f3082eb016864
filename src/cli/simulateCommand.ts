import { createReadStream } from 'node:fs'
import { firstValueFrom } from 'rxjs'
import { DexInputError } from '../errors'
import { DexSimulator } from '../simulator/DexSimulator'
import type { TapeHeader } from '../simulator/tape/tape'
import { tapeLines } from '../simulator/tape/tapeLines'
import { TapeReader } from '../simulator/tape/TapeReader'
import { TAPE_ENDED } from '../simulator/tape/TapeReplay'
import type { ReplayCommand, SimulateCommand } from './commands'
import { printError, type CliIo } from './io'
import { toNdjson } from './ndjson'
import { systemErrorText } from './systemErrorText'
import { UsageError } from './UsageError'

/**
 * @internal
 * `binance-dex-rx simulate`: starts a simulator (a simulated market, or a tape with `--replay`), prints
 * where it listens and what it serves, and runs until SIGINT or SIGTERM, then stops it (exit 0). A port it
 * cannot listen on, or a tape it cannot read, is exit 1. The tape is read a line at a time, once through
 * before listening (to check it and say what it holds) and then as it plays, so any size fits in memory.
 * When it has played to its end (without `--loop`) it says so, and keeps serving that news.
 */
export async function runSimulate(command: SimulateCommand, io: CliIo): Promise<number> {
  let tape: TapeSummary | undefined
  if (command.replay) {
    try {
      tape = await summarise(command.replay.file)
    } catch (error) {
      printError(io, `cannot replay ${command.replay.file}: ${systemErrorText(error)}`)
      return 1
    }
  }
  let sim: DexSimulator
  try {
    const { host, port } = command
    if (tape && command.replay) {
      const { file, speed, loop } = command.replay
      const onEnd = (error?: DexInputError): void => {
        if (error) printError(io, `the replay stopped: ${file}: ${error.message}`)
        else if (command.json) io.stdout.write(toNdjson({ ended: file, closeCode: TAPE_ENDED.code }))
        else io.stdout.write(`The tape has ended; clients are closed with code ${TAPE_ENDED.code} ("${TAPE_ENDED.reason}").\n`)
      }
      const replay = { tape: () => createReadStream(file), speed, loop, onEnd }
      sim = await DexSimulator.start({ host, port, replay })
    } else {
      const market = {
        seed: command.seed,
        symbols: command.symbols,
        blockIntervalMs: command.blockIntervalMs,
      }
      sim = await DexSimulator.start({ host, port, market, warmUpMs: command.warmUpMinutes * 60_000 })
    }
  } catch (error) {
    if (error instanceof DexInputError) throw new UsageError(error.message, 'simulate')
    printError(io, `cannot listen on ${command.host}:${command.port}: ${systemErrorText(error)}`)
    return 1
  }
  // Ask before printing: the stop request may come while the banner is being written.
  const stopped = firstValueFrom(io.stop$, { defaultValue: 'end' })
  if (tape && command.replay) {
    const info = replayInfo(sim.url, command.replay, tape)
    io.stdout.write(command.json ? toNdjson(info) : replayBanner(info))
  } else {
    const info: SimulatorInfo = { url: sim.url, seed: command.seed, symbols: sim.symbols, addresses: sim.addresses }
    io.stdout.write(command.json ? toNdjson(info) : banner(info))
  }
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

/** What `simulate --replay` prints. */
interface ReplayInfo {
  readonly url: string
  readonly replay: string
  readonly streams: readonly string[]
  readonly frames: number
  /** The taped time from the start of the recording to the last frame. */
  readonly durationMs: number
  readonly speed: number
  readonly loop: boolean
}

/** What a tape holds, for the banner. */
interface TapeSummary {
  readonly header: TapeHeader
  readonly frames: number
  readonly durationMs: number
}

/** Reads the tape through once, a line at a time; throws `DexInputError` naming a bad line. */
async function summarise(file: string): Promise<TapeSummary> {
  const reader = new TapeReader()
  let frames = 0
  let durationMs = 0
  for await (const { lines, cut } of tapeLines(createReadStream(file))) {
    for (let i = 0; i < lines.length; i++) {
      const item = reader.read(lines[i], cut && i === lines.length - 1)
      if (item === undefined) continue
      if ('frame' in item) frames++
      durationMs = item.at
    }
  }
  return { header: reader.finish(), frames, durationMs }
}

function replayInfo(url: string, replay: ReplayCommand, tape: TapeSummary): ReplayInfo {
  const { file, speed, loop } = replay
  return {
    url,
    replay: file,
    streams: tape.header.streams,
    frames: tape.frames,
    durationMs: tape.durationMs,
    speed,
    loop,
  }
}

function replayBanner(info: ReplayInfo): string {
  const seconds = (info.durationMs / 1000).toFixed(1)
  return [
    `DexSimulator replaying ${info.replay} on ${info.url}`,
    `  streams:   ${info.streams.join(' ')}`,
    `  frames:    ${info.frames} over ${seconds} s, at ${info.speed}x${info.loop ? ', looped' : ''}`,
    '',
    'The tape starts with the first subscription and plays on one clock for every connection.',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n')
}
