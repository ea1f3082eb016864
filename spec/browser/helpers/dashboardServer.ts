import { join } from 'node:path'
import { startExampleServer, type ExampleServer } from '../../examples/helpers/exampleServer'

const SERVE = join(__dirname, '..', '..', '..', 'examples', 'dashboard', 'serve.mjs')

export type DashboardServer = ExampleServer

/**
 * Runs `examples/dashboard/serve.mjs --port 0 --url <dexUrl>` (the script behind `npm run dashboard`). With
 * `--url` it starts no simulator of its own: the test owns the simulator, so it can drop its connections.
 */
export function startDashboardServer(dexUrl: string): Promise<DashboardServer> {
  return startExampleServer(SERVE, 'dashboard', ['--port', '0', '--url', dexUrl])
}
