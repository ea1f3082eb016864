// What a failed file or socket operation tells a CLI user: Node's error codes are names for programs, so the
// common ones are said in words, with the code after them for searching.

const WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EIO: 'the device reported an input/output error',
  EPIPE: 'the reader at the other end went away',
  EADDRINUSE: 'the address is already in use',
  EADDRNOTAVAIL: 'the address is not one of this machine',
}

/** @internal `error` as a short reason: words and code for a known system error, else its message. */
export function systemErrorText(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (typeof code === 'string') return WORDS[code] ? `${WORDS[code]} (${code})` : code
  return error instanceof Error ? error.message : String(error)
}
