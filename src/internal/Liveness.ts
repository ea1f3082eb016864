import type { SchedulerLike, Unsubscribable } from 'rxjs'
import type { WireSub } from './subscribeMessages'
import { topicSpec } from './topicTable'

/** @internal What the watchdog needs of the connection's config. */
export interface LivenessConfig {
  /** A connection carrying a periodic stream that stays silent this long is dead. */
  readonly staleAfterMs: number
  /** A Node socket that saw a server ping and then none for this long is dead. */
  readonly pingTimeoutMs: number
  readonly scheduler: SchedulerLike
}

/**
 * @internal
 * The liveness watchdog of one open connection: silence on a periodic stream, or missing server pings,
 * means a dead peer. One self-rescheduling check instead of a timer per frame, so the hot path only stores
 * a timestamp.
 */
export class Liveness {
  private periodic = 0
  private periodicSince = 0
  private lastFrameAt = -Infinity
  private lastPingAt?: number
  private openedAt = 0
  private timer?: Unsubscribable

  constructor(
    private readonly config: LivenessConfig,
    /** The verdict: why the connection is dead, and since when data was missing. */
    private readonly dead: (message: string, silentSince: number) => void,
  ) {}

  /** A subscription joined the connection (periodic ones arm the stale check). */
  added(sub: WireSub): void {
    if (isPeriodic(sub) && this.periodic++ === 0) this.periodicSince = this.config.scheduler.now()
  }

  removed(sub: WireSub): void {
    if (isPeriodic(sub)) this.periodic--
  }

  frame(): void {
    this.lastFrameAt = this.config.scheduler.now()
  }

  ping(): void {
    this.lastPingAt = this.config.scheduler.now()
  }

  /** The socket opened at `openedAt`: watch it until `stop()`. */
  start(openedAt: number): void {
    this.openedAt = openedAt
    this.lastPingAt = undefined
    this.schedule(Math.min(this.config.staleAfterMs, this.config.pingTimeoutMs))
  }

  stop(): void {
    this.timer?.unsubscribe()
    this.timer = undefined
  }

  private schedule(delay: number): void {
    this.timer = this.config.scheduler.schedule(() => this.check(), Math.max(1, delay))
  }

  private check(): void {
    this.timer = undefined
    const { staleAfterMs, pingTimeoutMs, scheduler } = this.config
    const now = scheduler.now()
    let next = staleAfterMs
    if (this.periodic > 0) {
      const since = Math.max(this.lastFrameAt, this.openedAt, this.periodicSince)
      const silent = now - since
      if (silent >= staleAfterMs) return this.dead(`no data for ${silent} ms (stale)`, since)
      next = staleAfterMs - silent
    }
    if (this.lastPingAt !== undefined) {
      const quiet = now - this.lastPingAt
      if (quiet >= pingTimeoutMs) return this.dead(`no server ping for ${quiet} ms`, Math.max(this.lastFrameAt, this.openedAt))
      next = Math.min(next, pingTimeoutMs - quiet)
    } else {
      next = Math.min(next, pingTimeoutMs)
    }
    this.schedule(next)
  }
}

function isPeriodic(sub: WireSub): boolean {
  return topicSpec(sub.topic)?.periodic ?? true
}
