import type { WebSocketLike } from '../../src/internal/types'

/**
 * A scriptable socket for timing tests only (everything with a network goes through real servers).
 * Modelled on rxjs's own spec double: the test opens, feeds and closes it by hand.
 */
export class MockWebSocket implements WebSocketLike {
  static sockets: MockWebSocket[] = []
  static get last(): MockWebSocket {
    return MockWebSocket.sockets[MockWebSocket.sockets.length - 1]
  }
  static reset(): void {
    MockWebSocket.sockets = []
  }

  readyState = 0
  binaryType = 'blob'
  onopen: ((e: any) => void) | null = null
  onclose: ((e: any) => void) | null = null
  onerror: ((e: any) => void) | null = null
  onmessage: ((e: any) => void) | null = null
  readonly sent: string[] = []
  closedByClient = false
  terminated = false
  private pingListeners: (() => void)[] = []

  constructor(readonly url: string) {
    MockWebSocket.sockets.push(this)
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open')
    this.sent.push(data)
  }
  close(): void {
    this.closedByClient = true
    if (this.readyState === 3) return
    this.readyState = 3
    this.onclose?.({ wasClean: true, code: 1000, reason: '' })
  }
  terminate(): void {
    this.terminated = true
    this.readyState = 3
  }
  on(event: string, listener: () => void): void {
    if (event === 'ping') this.pingListeners.push(listener)
  }
  removeListener(event: string, listener: () => void): void {
    if (event === 'ping') this.pingListeners = this.pingListeners.filter((l) => l !== listener)
  }

  // --- driven by the test ---
  open(): void {
    this.readyState = 1
    this.onopen?.({})
  }
  message(text: string): void {
    this.onmessage?.({ data: text })
  }
  ping(): void {
    for (const l of this.pingListeners) l()
  }
  get listenerCount(): number {
    return this.pingListeners.length
  }
  serverClose(code = 1006, wasClean = false): void {
    this.readyState = 3
    this.onclose?.({ wasClean, code, reason: '' })
  }
  fail(): void {
    this.readyState = 3
    this.onerror?.({ type: 'error', message: 'connect ECONNREFUSED' })
    this.onclose?.({ wasClean: false, code: 1006, reason: '' })
  }
  /** Messages the client sent, parsed. */
  get messages(): any[] {
    return this.sent.map((s) => JSON.parse(s))
  }
}
