// The in-process simulator's URLs: built by the simulator, recognised by the client, so that a URL given
// without the simulator's WebSocket class fails at once instead of resolving a host that cannot exist.

/** @internal The host of the `n`th in-process simulator; `.invalid` never resolves (RFC 2606). */
export function inProcessHost(n: number): string {
  return `in-process-${n}.invalid`
}

/** @internal Whether `url` names an in-process simulator's host. */
export function isInProcessUrl(url: string): boolean {
  return /^wss?:\/\/in-process-\d+\.invalid(?::\d+)?(?:[/?#]|$)/i.test(url)
}
