import { spawn } from 'node:child_process'

export interface ExampleServer {
  /** The page, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string
  /** Stops the server process and waits for it to exit. */
  stop(): Promise<void>
}

/**
 * Runs an example's `serve.mjs` (the script behind its npm script) with `args` and resolves with the page URL
 * from the line it prints first, `<name> <http url>`. Fails with the script's own output when it exits first.
 */
export function startExampleServer(script: string, name: string, args: string[]): Promise<ExampleServer> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    await exited
  }
  const banner = new RegExp(`^${name} (http\\S+)`, 'm')
  return new Promise<ExampleServer>((resolve, reject) => {
    let out = ''
    let err = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = banner.exec(out)
      if (match) resolve({ url: match[1], stop })
    })
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}) before listening: ${err}${out}`)))
  })
}
