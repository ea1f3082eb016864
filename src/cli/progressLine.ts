import type { ConnectionStatus } from '../internal/types'

/**
 * @internal
 * The stderr line `stream` prints for a connection status, so a slow or failing connection is never a
 * silent wait; `undefined` for `closed`, whose error the command prints itself.
 * @param url the server API base, as the user gave it (or the network's default)
 * @param maxAttempts failed attempts in a row before the command gives up (`Infinity`: never)
 */
export function progressLine(status: ConnectionStatus, url: string, maxAttempts: number): string | undefined {
  switch (status.state) {
    case 'connecting':
      return `connecting to ${url} …`
    case 'open':
      return `connected to ${url}`
    case 'reconnecting': {
      const of = Number.isFinite(maxAttempts) ? ` of ${maxAttempts}` : ''
      return `connection failed or lost; reconnecting in ${status.delayMs} ms (attempt ${status.attempt}${of})`
    }
    case 'reconnected':
      return `reconnected after ${status.downtimeMs} ms without data`
    case 'closed':
      return undefined
  }
}
