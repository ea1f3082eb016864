/** Polls `cond` until it holds; fails naming `what`, so a hang reads as the missing fact, not a timeout. */
export async function until(cond: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

let nextId = 0

/**
 * A trade in the wire format, as the server sends it: short keys, decimals as strings, the nanosecond time
 * as a bigint (the simulator writes it as an exact integer).
 */
export function trade(symbol: string, price: string, quantity = '1.00000000') {
  const id = nextId++
  return {
    e: 'trade',
    E: 1000 + id,
    s: symbol,
    t: `${1000 + id}-0`,
    p: price,
    q: quantity,
    b: 'BUYER-1',
    a: 'SELLER-1',
    T: 1554964166437515341n + BigInt(id),
    sa: 'tbnb1agdww9jsr5wmpw0jjk3s3yweu43g9pnc4p5kg7',
    ba: 'tbnb1r4gc5ftrkr9ez2khph4h5xxd0mf0hd75jf06gw',
  }
}
