import { reportLater } from './reportLater'

/**
 * @internal
 * The in-process simulator's wire: every frame, open and close travels as a task here, run in posting
 * order on a later macrotask, as a real socket delivers. Tasks posted while a batch runs wait for the next
 * one, so two peers answering each other cannot starve the event loop.
 */
export class Mailbox {
  private queue: (() => void)[] = []
  private scheduled = false

  post(task: () => void): void {
    this.queue.push(task)
    if (this.scheduled) return
    this.scheduled = true
    nextMacrotask(() => this.drain())
  }

  private drain(): void {
    this.scheduled = false
    const batch = this.queue
    this.queue = []
    for (const task of batch) {
      try {
        task()
      } catch (error) {
        // A task only throws when a user's event handler did; the rest of the batch must still run.
        reportLater(error)
      }
    }
  }
}

/**
 * @internal
 * Resolved on every call rather than once, so a test that installs fake timers later is honoured.
 * `setImmediate` (Node, Bun) first; then a `MessageChannel` (browsers, workers, Deno), which, unlike a
 * nested `setTimeout(0)`, is not clamped to 4 ms.
 */
export function nextMacrotask(run: () => void): void {
  if (typeof setImmediate === 'function') {
    setImmediate(run)
  } else if (typeof MessageChannel === 'function') {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      run()
    }
    channel.port2.postMessage(undefined)
  } else {
    setTimeout(run, 0)
  }
}
