import { filter, firstValueFrom } from 'rxjs'
import { DexSocket, type ConnectionStatus } from '../../src'

/** Follows block heights across a dropped connection; `dropConnections` stands in for the network failing. */
export async function main(url: string, dropConnections: () => void): Promise<string[]> {
  const dex = new DexSocket({
    url,
    reconnect: { initialDelayMs: 500, maxDelayMs: 30_000 }, // the defaults; `maxAttempts` is unlimited
    staleAfterMs: 90_000, // a periodic stream silent this long counts as dropped
  })
  const log: string[] = []
  const describe = (s: ConnectionStatus): string =>
    s.state === 'reconnecting' ? `reconnecting (attempt ${s.attempt})` : s.state
  dex.status$.subscribe((s) => log.push(`${s.connection}: ${describe(s)}`))

  const heights = dex.blockHeight()
  const subscription = heights.subscribe() // keeps the stream (and its connection) alive throughout
  await firstValueFrom(heights)
  dropConnections()
  const back = await firstValueFrom(dex.status$.pipe(filter((s) => s.state === 'reconnected')))
  const height = await firstValueFrom(heights) // resubscribed once, data flows again
  log.push(`height ${height} after ${back.downtimeMs} ms without data`)

  subscription.unsubscribe()
  dex.close()
  return log
}
