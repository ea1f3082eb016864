import { reportLater } from './reportLater'

/** The events an in-process socket dispatches; shaped like the DOM's `Event`, `MessageEvent`, `CloseEvent`. */
export interface InProcessEvent {
  /** `open`, `message`, `close` or `error`. */
  readonly type: string
  /** The socket. */
  readonly target: unknown
  /** The socket, as on a DOM event. */
  readonly currentTarget: unknown
}
/** A frame from the server. */
export interface InProcessMessageEvent extends InProcessEvent {
  /** Always `message`. */
  readonly type: 'message'
  /** The frame's text. */
  readonly data: string
}
/** The end of a connection. */
export interface InProcessCloseEvent extends InProcessEvent {
  /** Always `close`. */
  readonly type: 'close'
  /** The close code; 1006 when the connection ended without a close handshake, 1005 when none was given. */
  readonly code: number
  /** The close reason, possibly empty. */
  readonly reason: string
  /** False when the connection ended without a close handshake. */
  readonly wasClean: boolean
}
/** A failure (refused, dropped); a close event follows. */
export interface InProcessErrorEvent extends InProcessEvent {
  /** Always `error`. */
  readonly type: 'error'
  /** What happened, e.g. `Unexpected server response: 503`. */
  readonly message: string
}

/** A function, or an object with `handleEvent`, as `addEventListener` takes. */
export type InProcessListener =
  | ((event: any) => void)
  | {
      /** Called with each event. */
      handleEvent(event: any): void
    }

interface Entry {
  readonly type: string
  listener: InProcessListener
  readonly once: boolean
  /** The `on<type>` handler, which keeps the place it was first set at, as in the DOM. */
  readonly handler: boolean
}

/**
 * @internal
 * The listener list of one socket, with the DOM's order: listeners and `on<type>` handlers run in the order
 * they were added. A listener that throws is reported and does not stop the others.
 */
export class Listeners {
  private entries: Entry[] = []

  add(type: string, listener: InProcessListener | null | undefined, options?: boolean | { once?: boolean }): void {
    if (listener == null) return
    if (this.entries.some((e) => !e.handler && e.type === type && e.listener === listener)) return
    const once = typeof options === 'object' && options !== null && options.once === true
    this.entries.push({ type, listener, once, handler: false })
  }

  remove(type: string, listener: InProcessListener | null | undefined): void {
    this.entries = this.entries.filter((e) => e.handler || e.type !== type || e.listener !== listener)
  }

  handler(type: string): ((event: any) => void) | null {
    const entry = this.entries.find((e) => e.handler && e.type === type)
    return (entry?.listener as (event: any) => void) ?? null
  }

  setHandler(type: string, fn: ((event: any) => void) | null): void {
    const entry = this.entries.find((e) => e.handler && e.type === type)
    if (typeof fn !== 'function') this.entries = this.entries.filter((e) => e !== entry)
    else if (entry) entry.listener = fn
    else this.entries.push({ type, listener: fn, once: false, handler: true })
  }

  dispatch(target: unknown, event: Record<string, unknown> & { type: string }): void {
    const full = { ...event, target, currentTarget: target }
    for (const entry of this.entries.filter((e) => e.type === event.type)) {
      if (entry.once) this.remove(entry.type, entry.listener)
      try {
        const { listener } = entry
        if (typeof listener === 'function') listener.call(target, full)
        else listener.handleEvent(full)
      } catch (error) {
        reportLater(error)
      }
    }
  }
}
