#!/usr/bin/env node
// Runs the service: against --url, or (without it) against a DexSimulator started here with its market.
//
//   node examples/node-service/main.mjs [--port 8091] [--host 127.0.0.1] [--url ws://…/api/]
//                                       [--symbols A,B] [--seed 7]
//
// The first line printed is `service <http url>`. SIGTERM or SIGINT shuts down gracefully and the process
// exits by itself once nothing is left open; a second signal exits at once.

import { parseArgs } from 'node:util'
import { startService } from './service.mjs'

const DEFAULT_SYMBOLS = ['BNB_BTCB-1DE', '100K-9BC_BNB', 'BNB_USDT.B-B7C']

async function main() {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8091' },
      url: { type: 'string' },
      symbols: { type: 'string' },
      seed: { type: 'string' },
      verbose: { type: 'boolean', default: false },
    },
  })
  let simulator
  if (values.url === undefined) {
    const { DexSimulator } = await import('binance-dex-rx/simulator')
    const market = values.seed === undefined ? {} : { seed: Number(values.seed) }
    simulator = await DexSimulator.start({ market })
  }
  const symbols = values.symbols?.split(',') ?? simulator?.symbols ?? DEFAULT_SYMBOLS
  const log = values.verbose ? (line) => console.error(line) : undefined
  const service = await startService({ url: values.url ?? simulator.url, symbols, host: values.host, port: Number(values.port), log })
  console.log(`service ${service.url}`)
  console.log(`streams ${values.url ?? `${simulator.url} (DexSimulator)`}; symbols ${symbols.join(', ')}`)

  let stopping = false
  const stop = (signal) => {
    if (stopping) {
      console.log(`${signal} again: exiting now`)
      process.exit(1)
    }
    stopping = true
    console.log(`${signal}: draining`)
    service
      .close()
      .then(() => simulator?.stop())
      .then(
      () => console.log('stopped'), // nothing holds the event loop now, so the process ends by itself
      (error) => {
        console.error(`shutdown failed: ${error.message}`)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error) => {
  console.error(`node-service: ${error.message}`)
  process.exit(1)
})
