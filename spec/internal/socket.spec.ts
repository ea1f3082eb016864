import { Socket, type SocketClose } from '../../src/internal/Socket'
import type { WebSocketConstructor } from '../../src/internal/types'

// How a Socket ends a platform socket that has no `terminate` (a browser's): a close, with the code when it
// has one, and a plain close when the platform refuses that code, as browsers do for 1009. Nothing thrown by
// the platform's close reaches the caller.

class BrowserLikeSocket {
  static last: BrowserLikeSocket
  readonly closes: unknown[][] = []
  binaryType = 'blob'
  readyState = 1
  onopen: unknown = null
  onmessage: ((event: { data?: unknown }) => void) | null = null
  onerror: unknown = null
  onclose: unknown = null
  refuse: (args: unknown[]) => boolean = () => false

  constructor(readonly url: string) {
    BrowserLikeSocket.last = this
  }

  send(): void {}

  close(...args: unknown[]): void {
    this.closes.push(args)
    if (this.refuse(args)) throw new Error(`refused close(${args.join(', ')})`)
  }
}

function open(maxMessageBytes?: number): { socket: Socket; platform: BrowserLikeSocket; closed: SocketClose[] } {
  const closed: SocketClose[] = []
  const events = { open: () => {}, message: () => {}, ping: () => {}, closed: (close: SocketClose) => closed.push(close) }
  const socket = new Socket(BrowserLikeSocket as unknown as WebSocketConstructor, 'ws://127.0.0.1:1/ws', events, maxMessageBytes)
  return { socket, platform: BrowserLikeSocket.last, closed }
}

it('a message past the bound closes with 1009, then plainly when the platform refuses 1009, and says which bound', () => {
  const { platform, closed } = open(4)
  platform.refuse = (args) => args[0] === 1009
  platform.onmessage!({ data: 'too long' })
  expect(platform.closes).toEqual([[1009], []])
  expect(closed).toEqual([{ code: 1009, reason: '', message: expect.stringContaining('maxMessageBytes (4 bytes)') }])
})

it('a message past the bound closes with 1009 alone where the platform accepts it', () => {
  const { platform, closed } = open(4)
  platform.onmessage!({ data: 'too long' })
  expect(platform.closes).toEqual([[1009]])
  expect(closed).toHaveLength(1)
})

it('terminate() without a platform terminate closes once, swallowing what the close throws', () => {
  const { socket, platform, closed } = open()
  platform.refuse = () => true
  expect(() => socket.terminate()).not.toThrow()
  expect(platform.closes).toEqual([[]])
  expect(closed).toEqual([])
})
