/**
 * @internal
 * Binance shut the public Binance DEX (Binance Chain) WebSocket service down in 2023; its hosts no longer
 * answer, and a bare "ENOTFOUND" or "connection refused" does not say so. The hosts are `dex.binance.org`,
 * `testnet-dex.binance.org` and the regional `dex-*.binance.org` ones.
 */
const RETIRED_HOST = /^[a-z0-9-]*dex[a-z0-9-]*\.binance\.org$/i

/**
 * @internal
 * What to append to a failed connection's message when `url` is on a retired public host: that the
 * service is gone and how to run the local simulator instead. `undefined` for any other host.
 */
export function retiredServiceHint(url: string): string | undefined {
  let host: string
  try {
    host = new URL(url).hostname
  } catch {
    return undefined
  }
  if (!RETIRED_HOST.test(host)) return undefined
  return (
    ` (${host}: the public Binance DEX service was shut down in 2023; run a local simulated market with` +
    ' `npx binance-dex-rx simulate` and connect to the URL it prints: the `url` option of DexSocket,' +
    ' `--url` on the command line)'
  )
}
