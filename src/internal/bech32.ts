// BIP-173 bech32, the checksummed address format of Binance Chain (`bnb1…`, `tbnb1…`).
// Hand-written rather than a dependency: it is forty lines, and it must stay free of Node built-ins.

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'
const GENERATORS = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]

function polymod(values: readonly number[]): number {
  let chk = 1
  for (const v of values) {
    const top = chk >>> 25
    chk = ((chk & 0x1ffffff) << 5) ^ v
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GENERATORS[i]
  }
  return chk
}

function hrpExpand(hrp: string): number[] {
  const out: number[] = []
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) >>> 5)
  out.push(0)
  for (let i = 0; i < hrp.length; i++) out.push(hrp.charCodeAt(i) & 31)
  return out
}

/** @internal The decoded parts of a valid bech32 string, or a reason it is not one. */
export type Bech32Result = { ok: true; hrp: string; words: number[] } | { ok: false; reason: string }

/** @internal */
export function bech32Decode(text: string): Bech32Result {
  if (text.length < 8 || text.length > 90) return { ok: false, reason: 'length must be 8 to 90 characters' }
  if (text !== text.toLowerCase() && text !== text.toUpperCase()) return { ok: false, reason: 'mixed case' }
  const lower = text.toLowerCase()
  const sep = lower.lastIndexOf('1')
  if (sep < 1 || sep + 7 > lower.length) return { ok: false, reason: 'no separator "1" before a 6-character checksum' }
  const hrp = lower.slice(0, sep)
  const words: number[] = []
  for (let i = sep + 1; i < lower.length; i++) {
    const w = CHARSET.indexOf(lower[i])
    if (w === -1) return { ok: false, reason: `invalid character "${lower[i]}"` }
    words.push(w)
  }
  if (polymod([...hrpExpand(hrp), ...words]) !== 1) return { ok: false, reason: 'checksum mismatch' }
  return { ok: true, hrp, words: words.slice(0, -6) }
}

/** @internal Encodes 5-bit words under a human-readable prefix. */
export function bech32Encode(hrp: string, words: readonly number[]): string {
  const mod = polymod([...hrpExpand(hrp), ...words, 0, 0, 0, 0, 0, 0]) ^ 1
  let out = hrp + '1'
  for (const w of words) out += CHARSET[w]
  for (let i = 0; i < 6; i++) out += CHARSET[(mod >>> (5 * (5 - i))) & 31]
  return out
}

/** @internal Regroups bits, e.g. 8-bit address bytes into 5-bit bech32 words. */
export function convertBits(data: readonly number[], from: number, to: number, pad: boolean): number[] {
  let acc = 0
  let bits = 0
  const out: number[] = []
  const max = (1 << to) - 1
  for (const value of data) {
    acc = (acc << from) | value
    bits += from
    while (bits >= to) {
      bits -= to
      out.push((acc >>> bits) & max)
    }
  }
  if (pad && bits > 0) out.push((acc << (to - bits)) & max)
  return out
}

/** @internal Builds a Binance Chain address from its 20 account bytes. */
export function addressFromBytes(hrp: 'bnb' | 'tbnb', bytes: readonly number[]): string {
  return bech32Encode(hrp, convertBits(bytes, 8, 5, true))
}
