import { spawn } from 'node:child_process'
import { join } from 'node:path'

const SERVE = join(__dirname, '..', '..', '..', 'examples', 'dashboard', 'serve.mjs')

export interface DashboardServer {
  /** The page, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string
  /** Stops the server process and waits for it to exit. */
  stop(): Promise<void>
}

/**
 * Runs `examples/dashboard/serve.mjs --port 0 --url <dexUrl>` (the script behind `npm run dashboard`) and
 * resolves with the page URL from its first line. With `--url` it starts no simulator of its own: the test
 * owns the simulator, so it can drop its connections.
 */
export function startDashboardServer(dexUrl: string): Promise<DashboardServer> {
  const child = spawn(process.execPath, [SERVE, '--port', '0', '--url', dexUrl], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  }
  return new Promise<DashboardServer>((resolve, reject) => {
    let out = ''
    let err = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /^dashboard (http\S+)/m.exec(out)
      if (match) resolve({ url: match[1], stop })
    })
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`serve.mjs exited (${code}) before listening: ${err}`)))
  })
}

