import { Observable } from 'rxjs'
import type { DexConnectionError, DexError } from '../errors'
import { Connection } from './Connection'
import { FrameRouter, type Channel } from './FrameRouter'
import type { ResolvedOptions } from './resolveOptions'
import type { WireSub } from './subscribeMessages'
import type { TopicSpec } from './topicTable'
import type { ConnectionStatus } from './types'

/** @internal Where a link reports: the socket's public `status$` and `errors$`, and its own end. */
export interface LinkOwner {
  status(status: ConnectionStatus): void
  error(error: DexError): void
  /** The link has nothing left to do (its last observer left, or its connection failed for good). */
  gone(link: Link): void
}

/**
 * @internal
 * One server connection and everything that rides on it: the socket (Connection), the frames' routing
 * (FrameRouter) and the one reference count per topic and key (the router's channels). The first observer of
 * a channel subscribes on the wire, its last unsubscribes, and a link with no channels left closes.
 */
export class Link {
  private readonly router: FrameRouter
  private readonly connection: Connection

  constructor(
    /** `'market'` or the address this link serves. */
    readonly name: string,
    options: ResolvedOptions,
    private readonly owner: LinkOwner,
  ) {
    const report = (error: DexError): void => {
      options.log.warn?.(error.message, { connection: name })
      owner.error(error)
    }
    this.router = new FrameRouter(report)
    this.connection = new Connection(
      { ...options, name, address: name === MARKET ? undefined : name },
      {
        frame: (data) => this.router.dispatch(data),
        status: (status) => owner.status(status),
        error: (error) => owner.error(error),
        failed: (error) => this.fail(error),
        idle: () => owner.gone(this),
      },
    )
  }

  /**
   * The events of `spec` for `key` (a symbol, `$all`, or `''` on an address link); `raw` gives the seed
   * facade's `{stream, data}` messages instead. Cold: each subscription counts once.
   */
  observe<T>(spec: TopicSpec, key: string, raw = false): Observable<T> {
    return new Observable<T>((subscriber) => {
      const channel = this.router.acquire(spec, key)
      // Observe before subscribing on the wire, so no frame can slip past.
      const source = raw ? this.router.rawOf(channel) : channel.events
      const inner = source.subscribe(subscriber as never)
      if (channel.refs === 1) this.connection.add(wireSub(channel))
      return () => {
        inner.unsubscribe()
        if (this.router.release(channel)) this.connection.remove(wireSub(channel))
      }
    })
  }

  /** Ends the connection and completes every stream on it, or errors them with `error`. */
  close(error?: DexError): void {
    this.connection.close()
    this.router.endAll(error)
  }

  private fail(error: DexConnectionError): void {
    this.owner.gone(this)
    this.router.endAll(error)
  }
}

/** @internal The name of the shared market connection. */
export const MARKET = 'market'

function wireSub(channel: Channel): WireSub {
  return channel.spec.kind === 'user' ? { topic: channel.spec.name } : { topic: channel.spec.name, symbol: channel.key }
}
