import { createServer, type Server, type Socket } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'

// A deliberately rude Binance DEX server for the hostile suite: it speaks only as much of the protocol as a
// test needs (it records subscriptions) and sends or does whatever the test asks, on the latest connection.
// The simulator is a polite server and cannot be made to send what no real server would.

interface Peer {
  readonly socket: WebSocket
  readonly topics: Set<string>
}

export class HostileServer {
  readonly url: string
  private readonly peers: Peer[] = []
  private readonly waiters = new Set<() => void>()

  private constructor(private readonly wss: WebSocketServer) {
    const { port } = wss.address() as { port: number }
    this.url = `ws://127.0.0.1:${port}/api/`
    wss.on('connection', (socket) => {
      const peer: Peer = { socket, topics: new Set() }
      this.peers.push(peer)
      socket.on('message', (data) => {
        try {
          const message = JSON.parse(String(data)) as { method?: string; topic?: string }
          if (message.method === 'subscribe' && typeof message.topic === 'string')
            peer.topics.add(message.topic)
          if (message.method === 'unsubscribe' && typeof message.topic === 'string')
            peer.topics.delete(message.topic)
        } catch {
          // Whatever the client sends is its own business here.
        }
        this.wake()
      })
      socket.on('close', () => this.wake())
      // A client that resets the TCP connection must not fail the test through an unhandled 'error'.
      socket.on('error', () => undefined)
      this.wake()
    })
  }

  /** `deflate`: permessage-deflate for the clients that offer it (DexSocket in Node does), so a bomb can be sent. */
  static start({ deflate = true } = {}): Promise<HostileServer> {
    return new Promise((resolve, reject) => {
      const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: deflate })
      wss.once('error', reject)
      wss.once('listening', () => resolve(new HostileServer(wss)))
    })
  }

  /** How many connections were ever accepted. */
  get accepted(): number {
    return this.peers.length
  }

  /**
   * Resolves once a connection accepted after the first `after` ones is open and has subscribed to every
   * topic in `topics`.
   */
  subscribed(topics: readonly string[], after = 0): Promise<void> {
    return this.until(() =>
      this.peers
        .slice(after)
        .some(
          (peer) => peer.socket.readyState === peer.socket.OPEN && topics.every((t) => peer.topics.has(t)),
        ),
    )
  }

  /** Sends on the latest open connection; `binary` sends a binary frame (opcode 2). */
  send(data: string | Buffer, binary = false): void {
    this.latest().send(data, { binary })
  }

  /** What the latest open connection holds unsent (its `bufferedAmount`). */
  buffered(): number {
    return this.latest().bufferedAmount
  }

  /** Closes the latest open connection with a close frame carrying `code` and `reason`. */
  close(code: number, reason: string): void {
    this.latest().close(code, reason)
  }

  async stop(): Promise<void> {
    for (const peer of this.peers) peer.socket.terminate()
    this.wake()
    await new Promise<void>((resolve) => this.wss.close(() => resolve()))
  }

  private latest(): WebSocket {
    const open = this.peers.filter((peer) => peer.socket.readyState === peer.socket.OPEN)
    const peer = open[open.length - 1]
    if (peer === undefined) throw new Error('the hostile server has no open connection')
    return peer.socket
  }

  private until(done: () => boolean): Promise<void> {
    if (done()) return Promise.resolve()
    return new Promise((resolve) => {
      const check = (): void => {
        if (!done()) return
        this.waiters.delete(check)
        resolve()
      }
      this.waiters.add(check)
    })
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter()
  }
}

/**
 * A TCP server that accepts every connection and never says a word: the WebSocket upgrade is never answered.
 * Counts the connections it accepted.
 */
export class SilentServer {
  readonly url: string
  private readonly sockets = new Set<Socket>()
  accepted = 0

  private constructor(private readonly server: Server) {
    const { port } = server.address() as { port: number }
    this.url = `ws://127.0.0.1:${port}/api/`
    server.on('connection', (socket) => {
      this.accepted += 1
      this.sockets.add(socket)
      socket.on('error', () => undefined)
      socket.on('close', () => this.sockets.delete(socket))
    })
  }

  static start(): Promise<SilentServer> {
    return new Promise((resolve, reject) => {
      const server = createServer()
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve(new SilentServer(server)))
    })
  }

  stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    return new Promise((resolve) => this.server.close(() => resolve()))
  }
}
