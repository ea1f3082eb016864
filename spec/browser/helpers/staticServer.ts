import { existsSync, readFileSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
}

export interface StaticServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  readonly origin: string
  /** Every path requested, in order. */
  readonly requested: string[]
  /** The requested paths that were not found. */
  readonly missing: string[]
  close(): Promise<void>
}

const ROOT = join(__dirname, '..', '..', '..')

/**
 * The browser specs' files: the built package under `/dist/`, node_modules under `/node_modules/` (rxjs's
 * UMD, the ESM dependencies) and spec/browser/pages under `/pages/`, plus the `extra` mounts.
 */
export function serveTestPages(extra: Record<string, string> = {}): Promise<StaticServer> {
  return serveStatic({
    '/dist/': join(ROOT, 'dist'),
    '/node_modules/': join(ROOT, 'node_modules'),
    '/pages/': join(__dirname, '..', 'pages'),
    ...extra,
  })
}

/**
 * Serves folders under URL prefixes on 127.0.0.1 (port 0), like a dev server for native ES modules: a module
 * path without an extension (`./internal/Observable`, as rxjs, fp-ts and io-ts write them) is redirected to
 * its `.js` file, or to `index.js` for a folder (fp-ts's `./HKT`), so the browser keys each module by one
 * URL. Nothing outside the mounted folders is served.
 */
export async function serveStatic(mounts: Record<string, string>): Promise<StaticServer> {
  const requested: string[] = []
  const missing: string[] = []
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    requested.push(path)
    const found = resolve(mounts, path)
    if (found === undefined) {
      missing.push(path)
      return void res.writeHead(404).end()
    }
    if ('redirect' in found) return void res.writeHead(302, { location: found.redirect }).end()
    const type = TYPES[extname(found.file)] ?? 'application/octet-stream'
    res.writeHead(200, { 'content-type': type }).end(readFileSync(found.file))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    requested,
    missing,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

type Found = { file: string } | { redirect: string }

function resolve(mounts: Record<string, string>, path: string): Found | undefined {
  for (const [prefix, folder] of Object.entries(mounts)) {
    if (!path.startsWith(prefix)) continue
    const file = join(folder, normalize(path.slice(prefix.length)))
    if (!file.startsWith(folder + sep)) return undefined
    if (isFile(file)) return { file }
    if (extname(file) === '' && isFile(`${file}.js`)) return { redirect: `${path}.js` }
    if (isFile(join(file, 'index.js'))) return { redirect: `${path.replace(/\/$/, '')}/index.js` }
  }
  return undefined
}

function isFile(file: string): boolean {
  return existsSync(file) && statSync(file).isFile()
}
