/** What JSON.parse would have made of a parsed value: bigints rounded to numbers (`__proto__` keys kept as own). */
export function lossy(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v)
  if (Array.isArray(v)) return v.map(lossy)
  if (typeof v !== 'object' || v === null) return v
  const out: Record<string, unknown> = {}
  for (const [k, x] of Object.entries(v)) {
    Object.defineProperty(out, k, { value: lossy(x), enumerable: true, writable: true, configurable: true })
  }
  return out
}
