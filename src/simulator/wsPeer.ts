import type { RawData, WebSocket } from 'ws'
import type { PeerSocket, SimConnection } from './SimConnection'

/**
 * @internal
 * A `ws` server socket as the server's end of a connection. `maxBufferedBytes` bounds what a reader that
 * stopped reading makes the server hold: past it, `onSlowReader` runs (the connection is then forced closed).
 * Every byte queued counts, control frames included: a client that pings and never reads piles up pongs.
 */
export function wsPeer(ws: WebSocket, maxBufferedBytes: number, onSlowReader: () => void): PeerSocket {
  const queue = (write: () => void): void => {
    // The backlog before this frame: a reader is slow when earlier frames pile up, while one frame bigger
    // than the bound (a deep book's diff, say) is still delivered.
    const backlog = ws.bufferedAmount
    write()
    if (backlog > maxBufferedBytes) onSlowReader()
  }
  return {
    get isOpen() {
      return ws.readyState === ws.OPEN
    },
    get deflate() {
      return ws.extensions.includes('permessage-deflate')
    },
    send: (text) => queue(() => ws.send(text)),
    ping: () => queue(() => ws.ping()),
    pong: (data) => queue(() => ws.pong(data as Buffer)),
    close: (code, reason) => ws.close(code, reason),
    terminate: () => ws.terminate(),
  }
}

/** @internal Feeds what the client does on `ws` into `connection`. */
export function attachWs(ws: WebSocket, connection: SimConnection): void {
  ws.on('message', (data) => connection.receive(rawText(data)))
  ws.on('ping', (data) => connection.receivePing(data))
  ws.on('close', () => connection.dispose())
  // An 'error' listener keeps a socket error from becoming an uncaught exception; 'close' follows it.
  ws.on('error', () => undefined)
}

/** Clients such as LMACKEN send their JSON in binary frames; the real server accepted them. */
function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8')
}
