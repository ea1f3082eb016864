import type { Observable, Subscription } from 'rxjs'
import { DexConnectionError, type DexError } from '../errors'
import { stringifyFrame } from '../internal/parseFrame'
import type { RawMessage, StreamHandle } from './types'

/** @internal A callback with its socket already bound: what the delivery modes call with each message. */
export type Deliver = (message: RawMessage) => void

// The two delivery modes of the seed's `fetch*` calls. Failures are delivered (a rejected Promise, the
// handle's `error`) or printed, never thrown from a socket event: they would surface far from their cause.

/** @internal The seed's default callback: print the frame as JSON text, with exact 19-digit integers. */
export function printMessage(message: RawMessage): void {
  console.log(stringifyFrame(message))
}

/**
 * @internal
 * One-off: resolves with the first message, after handing it to the callback (or printing it), and releases
 * the subscription at once. Rejects with the `DexError` that ended the stream, with `DexConnectionError` when
 * the socket was closed first, or with whatever the callback threw.
 */
export function fetchOnce(
  source: Observable<RawMessage>,
  callback: Deliver | undefined,
): Promise<RawMessage> {
  const promise = new Promise<RawMessage>((resolve, reject) => {
    let settled = false
    let subscription: Subscription | undefined
    const settle = (finish: () => void): void => {
      if (settled) return
      settled = true
      subscription?.unsubscribe()
      finish()
    }
    subscription = source.subscribe({
      next: (message) =>
        settle(() => {
          try {
            ;(callback ?? printMessage)(message)
            resolve(message)
          } catch (error) {
            reject(error)
          }
        }),
      error: (error: DexError) => settle(() => reject(error)),
      complete: () =>
        settle(() => reject(new DexConnectionError('BinanceChainSocket was closed before the first message arrived'))),
    })
    if (settled) subscription.unsubscribe()
  })
  // A fire-and-forget call (the seed's style) must not crash Node with an unhandled rejection; without a
  // callback the failure is printed instead, as the seed's default error handler did.
  promise.catch((error: unknown) => {
    if (!callback) console.error(error)
  })
  return promise
}

/**
 * @internal
 * Long-lived: hands every message to the callback (or prints it) until the handle or the socket is closed.
 * A throwing callback is reported and the stream goes on; a failure ends the stream and is printed.
 */
export function fetchForever(
  source: Observable<RawMessage>,
  callback: Deliver | undefined,
): StreamHandle {
  return new LongLivedStream(source, callback)
}

class LongLivedStream implements StreamHandle {
  private ended = false
  private failure: DexError | undefined
  private readonly subscription: Subscription

  constructor(source: Observable<RawMessage>, callback: Deliver | undefined) {
    const deliver = callback ?? printMessage
    this.subscription = source.subscribe({
      next: (message) => {
        try {
          deliver(message)
        } catch (error) {
          console.error(`BinanceChainSocket: the callback for a "${message.stream}" message threw`, error)
        }
      },
      error: (error: DexError) => {
        this.ended = true
        this.failure = error
        console.error(error)
      },
      complete: () => {
        this.ended = true
      },
    })
  }

  get closed(): boolean {
    return this.ended
  }

  get error(): DexError | undefined {
    return this.failure
  }

  close(): void {
    this.ended = true
    this.subscription.unsubscribe()
  }
}
