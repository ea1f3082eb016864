/** @internal Bytes as upper-case hex, the form of order-id prefixes and transaction hashes on the wire. */
export function upperHex(bytes: readonly number[]): string {
  return bytes
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase()
}
