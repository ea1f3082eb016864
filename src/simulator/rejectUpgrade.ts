import { STATUS_CODES } from 'node:http'
import type { Duplex } from 'node:stream'

/**
 * @internal
 * Answers a WebSocket upgrade request with a plain HTTP error (404 for a path the server does not serve, 400
 * for more streams than a connection may follow, 503 while `refuseConnections(true)` is on) and closes the
 * socket, as a real front end would.
 */
export function rejectUpgrade(socket: Duplex, status: number): void {
  const text = STATUS_CODES[status] ?? 'Error'
  // The client may already be gone; its reset must not surface as an uncaught 'error'.
  socket.on('error', () => socket.destroy())
  socket.once('finish', () => socket.destroy())
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: text/plain\r\n' +
      `Content-Length: ${Buffer.byteLength(text)}\r\n` +
      `\r\n${text}`,
  )
}
