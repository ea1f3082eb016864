/** @internal A frame's text, or why it has none. */
export type FrameText = { readonly text: string } | { readonly reason: string; readonly raw: string }

let utf8: TextDecoder | undefined

/**
 * @internal
 * The text of a frame's payload. Servers send text frames, but a binary frame holding UTF-8 JSON is read
 * the same way (Node's `ws` gives a Buffer, browsers an ArrayBuffer); anything else is explained, never thrown.
 */
export function frameText(data: unknown): FrameText {
  if (typeof data === 'string') return { text: data }
  let bytes: Uint8Array | undefined
  if (data instanceof ArrayBuffer) bytes = new Uint8Array(data)
  else if (ArrayBuffer.isView(data)) bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  if (bytes === undefined) {
    const what = data === null ? 'null' : typeof data === 'object' ? (data.constructor?.name ?? 'object') : typeof data
    return { reason: `a frame whose payload is ${what}, not text or bytes`, raw: '' }
  }
  try {
    utf8 ??= new TextDecoder('utf-8', { fatal: true })
    return { text: utf8.decode(bytes) }
  } catch {
    return { reason: `a binary frame of ${bytes.length} bytes that is not UTF-8 text`, raw: hexPreview(bytes) }
  }
}

/** The first bytes in hex, so the error says something about bytes that have no text. */
function hexPreview(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < Math.min(bytes.length, 64); i++) out += bytes[i].toString(16).padStart(2, '0')
  return bytes.length > 64 ? `${out}…` : out
}
