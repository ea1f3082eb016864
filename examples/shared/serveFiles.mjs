// The examples' static server: a few files held in memory, served on one address with no caching.

import { createServer } from 'node:http'

/**
 * Serves `files` (`{ '/path': [contentType, body] }`; anything else is a 404) on `host`:`port` (0: any free
 * port).
 * @returns {Promise<{ url: string, close: () => void }>} the server's `http://` URL, and how to stop it
 */
export async function serveFiles(files, { host, port }) {
  const server = createServer((req, res) => {
    const found = files[new URL(req.url ?? '/', 'http://x').pathname]
    if (!found) return void res.writeHead(404).end()
    res.writeHead(200, { 'content-type': found[0], 'cache-control': 'no-store' }).end(found[1])
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve(undefined))
  })
  const { address, port: bound, family } = server.address()
  return {
    url: `http://${family === 'IPv6' ? `[${address}]` : address}:${bound}/`,
    close() {
      server.closeAllConnections()
      server.close()
    },
  }
}
