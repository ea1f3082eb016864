import type { DexLogger } from '../internal/logger'
import type { CliIo } from './io'

/** A frame is shown whole up to this length, then cut: a verbose log stays readable with deep books. */
const MAX_FRAME_CHARS = 300

/**
 * @internal
 * `--verbose`: the DexSocket's own log on stderr, a line per entry (`[info] connection "market" open`), raw
 * frames in and out included; stdout keeps only the events.
 */
export function stderrLogger(io: CliIo): DexLogger {
  const line = (level: string) => (message: string, details?: Record<string, unknown>) => {
    const frame = details?.frame
    const shown = typeof frame === 'string' ? `: ${frame.length > MAX_FRAME_CHARS ? `${frame.slice(0, MAX_FRAME_CHARS)}…` : frame}` : ''
    io.stderr.write(`binance-dex-rx [${level}] ${message}${shown}\n`)
  }
  return { debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') }
}
