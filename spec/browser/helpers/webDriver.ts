import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'

/**
 * A W3C WebDriver client for WebKitGTK's `WebKitWebDriver` (from Debian's webkit2gtk-driver), over plain HTTP
 * on 127.0.0.1: just the commands the engine specs need. WebKitGTK's browser needs an X display, so this also
 * runs a private Xvfb for as long as the session lives; nothing is downloaded.
 */

/** What the WebKitGTK library package installs as its automation-capable browser. */
export const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser'
export const WEBKIT_WEBDRIVER = '/usr/bin/WebKitWebDriver'
export const XVFB = '/usr/bin/Xvfb'

export interface WebDriverSession {
  /** Sends one command, resolves with its `value`, rejects with the driver's own error and message. */
  command(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<any>
  /** Ends the session, then stops the driver and the display. */
  close(): Promise<void>
}

export async function startWebKitSession(size: { width: number; height: number }): Promise<WebDriverSession> {
  const children: ChildProcess[] = []
  const stopAll = async (): Promise<void> => {
    for (const child of children.reverse()) await stop(child)
  }
  try {
    const display = await startXvfb(children, size)
    const port = await freePort()
    let driverLog = ''
    const driver = spawn(WEBKIT_WEBDRIVER, [`--port=${port}`], {
      env: { ...process.env, DISPLAY: display },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.push(driver)
    driver.stdout?.on('data', (chunk: Buffer) => (driverLog += chunk.toString()))
    driver.stderr?.on('data', (chunk: Buffer) => (driverLog += chunk.toString()))
    const base = `http://127.0.0.1:${port}`
    await untilListening(base, driver, () => driverLog)
    const send = async (method: string, path: string, body?: unknown): Promise<any> => {
      const response = await fetch(base + path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const reply = (await response.json()) as { value: any }
      if (!response.ok) {
        const { error, message } = reply.value ?? {}
        throw new Error(`WebKitWebDriver ${method} ${path}: ${error}: ${message}`)
      }
      return reply.value
    }
    const created = await send('POST', '/session', {
      capabilities: {
        alwaysMatch: {
          'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
          timeouts: { script: 60_000, pageLoad: 60_000 },
        },
      },
    })
    const session = `/session/${created.sessionId}`
    await send('POST', `${session}/window/rect`, { x: 0, y: 0, ...size })
    return {
      command: (method, path, body) => send(method, `${session}${path}`, body),
      async close() {
        await send('DELETE', session).catch(() => undefined)
        await stopAll()
      },
    }
  } catch (error) {
    await stopAll()
    throw error
  }
}

/** Starts Xvfb on the first free display number (it tells us which through `-displayfd`). */
function startXvfb(children: ChildProcess[], size: { width: number; height: number }): Promise<string> {
  const xvfb = spawn(XVFB, ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', `${size.width}x${size.height}x24`], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  })
  children.push(xvfb)
  return new Promise((resolve, reject) => {
    let log = ''
    let number = ''
    xvfb.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()))
    xvfb.stdio[3]?.on('data', (chunk: Buffer) => {
      number += chunk.toString()
      if (number.includes('\n')) resolve(`:${number.trim()}`)
    })
    xvfb.once('error', reject)
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it opened a display: ${log}`)))
  })
}

async function untilListening(base: string, driver: ChildProcess, log: () => string): Promise<void> {
  const exited = new Promise<never>((_, reject) => {
    driver.once('error', reject)
    driver.once('exit', (code) => reject(new Error(`WebKitWebDriver exited (${code}): ${log()}`)))
  })
  exited.catch(() => undefined)
  for (;;) {
    const ready = await Promise.race([
      fetch(`${base}/status`).then(
        (r) => r.ok,
        () => false,
      ),
      exited,
    ])
    if (ready) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}
