import type { Subject } from 'rxjs'
import { topicDecoder, type DexEvent, type TopicDecoder } from '../codecs'
import { DexDecodeError, DexServerError, type DexError } from '../errors'
import { parseFrame } from './parseFrame'
import { parseFrameAt } from './parseFrameAt'
import { Fanout } from './Fanout'
import { isUserTopic } from './topics'

/** @internal A frame as the seed's callbacks saw it: the envelope, with this channel's share of the data. */
export interface RawMessage {
  readonly stream: string
  readonly data: unknown
}

/** @internal Observers of one topic and key, counted so the wire subscription lives exactly as long as they do. */
export class Channel {
  readonly events = new Fanout<unknown>()
  refs = 0
  private rawSubject?: Subject<RawMessage>
  constructor(
    readonly topic: string,
    readonly key: string,
    /** The router's topics with raw observers: their frames must be parsed exactly, unknown fields too. */
    private readonly rawTopics: Set<string>,
  ) {}

  /** Raw-message observers (the seed facade); created on demand so typed streams pay nothing for it. */
  get raw(): Subject<RawMessage> | undefined {
    return this.rawSubject
  }

  set raw(subject: Subject<RawMessage> | undefined) {
    this.rawSubject = subject
    if (subject) this.rawTopics.add(this.topic)
  }
}

const DEEPER_DEPTHS = ['marketDepth100', 'marketDepth500', 'marketDepth1000']
/** Array topics delivered whole to their one `$all` channel, not element by element by symbol. */
const isWholeMarket = (stream: string): boolean => stream === 'allTickers' || stream === 'allMiniTickers'
const STREAM_PREFIX = '{"stream":"'

/**
 * @internal
 * Turns one connection's frames into events on its channels. Frames name the topic, not the symbol, so
 * market events are routed by the symbol inside their data; user connections carry one address, so their
 * events go to the topic's only channel. Everything that cannot be delivered is reported, never thrown.
 */
export class FrameRouter {
  private readonly topics = new Map<string, Map<string, Channel>>()
  private readonly rawTopics = new Set<string>()

  constructor(private readonly report: (error: DexError) => void) {}

  get size(): number {
    return this.topics.size
  }

  acquire(topic: string, key: string): Channel {
    let byKey = this.topics.get(topic)
    if (!byKey) this.topics.set(topic, (byKey = new Map()))
    let channel = byKey.get(key)
    if (!channel) byKey.set(key, (channel = new Channel(topic, key, this.rawTopics)))
    channel.refs++
    return channel
  }

  /** Returns true when that was the channel's last observer (so the wire subscription should go). */
  release(channel: Channel): boolean {
    if (--channel.refs > 0) return false
    const byKey = this.topics.get(channel.topic)
    if (byKey?.get(channel.key) !== channel) return false
    byKey.delete(channel.key)
    if (byKey.size === 0) {
      this.topics.delete(channel.topic)
      this.rawTopics.delete(channel.topic)
    }
    return true
  }

  /** Ends every channel: with an error when the connection failed, else completes them. */
  endAll(error?: DexError): void {
    const channels = [...this.topics.values()].flatMap((byKey) => [...byKey.values()])
    this.topics.clear()
    this.rawTopics.clear()
    for (const channel of channels) {
      for (const out of channel.raw ? [channel.events, channel.raw] : [channel.events]) {
        if (error) out.error(error)
        else out.complete()
      }
    }
  }

  dispatch(raw: string): void {
    if (this.quick(raw)) return
    let frame: unknown
    try {
      frame = parseFrame(raw)
    } catch (e) {
      const reason = (e as Error).message
      return this.report(new DexDecodeError(`Malformed JSON frame: ${reason}`, undefined, reason, raw))
    }
    if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) {
      return this.reject(undefined, 'frame is not a JSON object', raw)
    }
    const { stream, data, error } = frame as { stream?: unknown; data?: unknown; error?: unknown }
    if (error !== undefined) {
      return this.report(new DexServerError(`Server error: ${describe(error)}`, error, raw))
    }
    if (typeof stream !== 'string' || data === undefined) {
      return this.reject(typeof stream === 'string' ? stream : undefined, 'expected a {"stream", "data"} envelope', raw)
    }
    const decoder = topicDecoder(stream)
    if (!decoder) return this.reject(stream, `unknown stream "${stream}"`, raw)
    // Frames may still arrive for a topic just unsubscribed; nobody asked for them.
    if (!this.wants(stream)) return
    this.deliverData(stream, decoder, data, raw, true)
  }

  /**
   * The usual frame, `{"stream":<a subscribed topic without raw observers>,"data":…}`: read by the topic's
   * canonical reader when the server wrote it in its usual form, else parsed without the exact scan (see
   * parseFrameAt). Anything else, and any frame neither can vouch for, is left to the exact route (returns
   * false) before a single event is delivered.
   */
  private quick(raw: string): boolean {
    if (!raw.startsWith(STREAM_PREFIX)) return false
    const end = raw.indexOf('"', STREAM_PREFIX.length)
    if (end < 0) return false
    const stream = raw.slice(STREAM_PREFIX.length, end)
    if (!this.wants(stream) || this.rawTopics.has(stream)) return false
    if (stream === 'marketDepth' && DEEPER_DEPTHS.some((deeper) => this.rawTopics.has(deeper))) return false
    const decoder = topicDecoder(stream)
    if (!decoder) return false
    const events = decoder.canonical?.read(raw, end + 1)
    if (events !== undefined) {
      this.emit(stream, decoder.array, events)
      return true
    }
    let frame: unknown
    try {
      frame = parseFrameAt(raw, decoder.exact)
    } catch {
      return false
    }
    if (frame === undefined) return false
    const { stream: named, data, error } = frame as { stream?: unknown; data?: unknown; error?: unknown }
    if (named !== stream || error !== undefined || data === undefined) return false
    this.deliverData(stream, decoder, data, raw, false)
    return true
  }

  /** Routes events a canonical reader has already decoded (so never for topics with raw observers). */
  private emit(stream: string, array: boolean, events: DexEvent | DexEvent[]): void {
    if (!array) {
      this.route(stream, events as DexEvent)?.events.next(events)
      return
    }
    const list = events as DexEvent[]
    if (isWholeMarket(stream)) {
      this.topics.get(stream)?.get('$all')?.events.next(list)
      return
    }
    for (let i = 0; i < list.length; i++) this.route(stream, list[i])?.events.next(list[i])
  }

  /** `exact` false: `data` came from the quick route, whose rounded numbers must not reach a failure reason. */
  private deliverData(stream: string, decoder: TopicDecoder<DexEvent>, data: unknown, raw: string, exact: boolean): void {
    if (!decoder.array) {
      const channel = this.deliver(stream, decoder, data, raw, exact)
      if (channel?.raw) channel.raw.next({ stream, data })
      return
    }
    if (!Array.isArray(data)) return this.reject(stream, 'data: expected an array', raw)
    if (isWholeMarket(stream)) return this.deliverAll(stream, decoder, data, raw, exact)
    // Raw observers get the elements routed to them, as a single-symbol stream of the seed would have.
    let shares: Map<Channel, unknown[]> | undefined
    for (let i = 0; i < data.length; i++) {
      const channel = this.deliver(stream, decoder, data[i], raw, exact, i)
      if (!channel?.raw) continue
      shares ??= new Map()
      const share = shares.get(channel)
      if (share) share.push(data[i])
      else shares.set(channel, [data[i]])
    }
    if (shares) for (const [channel, share] of shares) channel.raw?.next({ stream, data: share })
  }

  /** Decodes and routes one event; returns the channel it went to. */
  private deliver(
    stream: string,
    decoder: TopicDecoder<DexEvent>,
    data: unknown,
    raw: string,
    exact: boolean,
    index?: number,
  ): Channel | undefined {
    let result = decoder.decode(data)
    if (result._tag === 'Left' && !exact) result = decoder.decode(exactData(raw, index))
    if (result._tag === 'Left') {
      this.reject(stream, at(index, result.left), raw)
      return undefined
    }
    const event = result.right
    const channel = this.route(stream, event)
    channel?.events.next(event)
    return channel
  }

  private deliverAll(stream: string, decoder: TopicDecoder<DexEvent>, data: unknown[], raw: string, exact: boolean): void {
    const events: DexEvent[] = []
    for (let i = 0; i < data.length; i++) {
      let result = decoder.decode(data[i])
      if (result._tag === 'Left' && !exact) result = decoder.decode(exactData(raw, i))
      if (result._tag === 'Left') this.reject(stream, at(i, result.left), raw)
      else events.push(result.right)
    }
    const channel = this.topics.get(stream)?.get('$all')
    channel?.events.next(events)
    channel?.raw?.next({ stream, data })
  }

  private route(stream: string, event: DexEvent): Channel | undefined {
    const byKey = this.topics.get(stream)
    if (isUserTopic(stream)) return byKey?.get('')
    if (typeof event === 'number') return byKey?.get('$all')
    const symbol = (event as { symbol: string }).symbol
    const channel = byKey?.get(symbol) ?? byKey?.get(symbol.toUpperCase())
    if (channel || stream !== 'marketDepth') return channel
    // Real servers' label for marketDepth100/500/1000 frames is undocumented; accept plain "marketDepth".
    for (const deeper of DEEPER_DEPTHS) {
      const found = this.topics.get(deeper)?.get(symbol.toUpperCase())
      if (found) return found
    }
    return undefined
  }

  /** Someone observes the topic (a "marketDepth" frame may be for a deeper depth, see route). */
  private wants(stream: string): boolean {
    return this.topics.has(stream) || (stream === 'marketDepth' && this.hasDeeperDepth())
  }

  private hasDeeperDepth(): boolean {
    return DEEPER_DEPTHS.some((topic) => this.topics.has(topic))
  }

  private reject(topic: string | undefined, reason: string, raw: string): void {
    const what = topic === undefined ? 'a frame' : `a "${topic}" frame`
    this.report(new DexDecodeError(`Could not decode ${what}: ${reason}`, topic, reason, raw))
  }
}

/**
 * A rejected element of a quick-route frame, parsed again exactly: an unsafe integer in the wrong field
 * must read `1554890366040313451n` in the reason, as on the exact route, not its rounded number.
 */
function exactData(raw: string, index: number | undefined): unknown {
  const { data } = parseFrame(raw) as { data: unknown }
  return index === undefined ? data : (data as unknown[])[index]
}

function at(index: number | undefined, reason: string): string {
  return index === undefined ? reason : `element ${index}: ${reason}`
}

function describe(error: unknown): string {
  if (typeof error === 'string') return error
  const inner = (error as { error?: unknown; message?: unknown } | null)?.error ?? (error as { message?: unknown } | null)?.message
  return typeof inner === 'string' ? inner : JSON.stringify(error)
}
