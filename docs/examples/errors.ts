import { catchError, firstValueFrom, lastValueFrom, of } from 'rxjs'
import { DexConnectionError, DexInputError, DexSocket } from '../../src'

/** Where each kind of failure shows up; `dropConnections` stands in for the network failing. */
export async function main(url: string, dropConnections: () => void): Promise<string[]> {
  const dex = new DexSocket({ url, reconnect: false })
  const seen: string[] = []

  // Everything that goes wrong without ending a stream: bad frames, server errors, drops.
  dex.errors$.subscribe((error) => seen.push(`errors$: ${error.name}`))

  // Bad input throws at once, and nothing is sent.
  try {
    dex.trades('BNB-BTCB')
  } catch (error) {
    if (error instanceof DexInputError) seen.push(`thrown: ${error.name} (${String(error.value)})`)
  }

  // With reconnection off (or out of attempts), a drop ends the stream with DexConnectionError.
  const heights = dex.blockHeight().pipe(
    catchError((error: unknown) => {
      if (error instanceof DexConnectionError) seen.push(`stream error: ${error.name}`)
      return of(-1)
    }),
  )
  const ended = lastValueFrom(heights)
  await firstValueFrom(heights)
  dropConnections()
  await ended

  dex.close()
  return seen
}
