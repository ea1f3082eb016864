// Bounds on what a hostile or broken server can make the client hold or walk.

/**
 * @internal
 * Errors carry at most this many characters of the offending frame (ending in `…` and the full length when cut), so a
 * 16 MB frame does not become a 16 MB error message kept by every logger and observer.
 */
export const MAX_RAW_CHARS = 4096

/**
 * @internal
 * Frames nested deeper than this are rejected before any recursive walk. Real frames nest at most five
 * levels (a transfer's coins); the bound leaves room for any future field while keeping every walk far
 * from the engine's stack limit.
 */
export const MAX_DEPTH = 64

/**
 * @internal
 * The default bound on one inbound message, after decompression (`maxMessageBytes`). The largest real frame
 * is an `allTickers` array at about 400 bytes a market; a thousand markets (more than the chain ever listed)
 * make 400 KB, and `marketDepth1000` is far smaller. Ten times that leaves room for longer fields, while a
 * compressed frame that inflates to gigabytes still stops here.
 */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024

/** @internal `raw`, cut to {@link MAX_RAW_CHARS}, saying how long it was when cut. */
export function excerpt(raw: string): string {
  if (raw.length <= MAX_RAW_CHARS) return raw
  const tail = `… (${raw.length} characters)`
  return raw.slice(0, MAX_RAW_CHARS - tail.length) + tail
}
