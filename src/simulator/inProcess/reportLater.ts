/**
 * @internal
 * What the platform does with an exception thrown by an event handler: report it, asynchronously, without
 * stopping the dispatch (a browser logs it and fires `error` on the window; Node treats it as uncaught).
 */
export function reportLater(error: unknown): void {
  queueMicrotask(() => {
    throw error
  })
}
