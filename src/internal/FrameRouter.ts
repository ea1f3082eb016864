import { Subject } from 'rxjs'
import type { DexEvent, TopicDecoder } from '../codecs'
import { DexDecodeError, DexServerError, type DexError } from '../errors'
import type { RawMessage } from '../facade/types'
import { Fanout } from './Fanout'
import { frameText } from './frameText'
import { excerpt } from './limits'
import { FrameTooDeep, parseFrame } from './parseFrame'
import { ALL, labelRoute, type TopicSpec } from './topicTable'

/** @internal Observers of one topic and key, counted so the wire subscription lives exactly as long as they do. */
export class Channel {
  readonly events = new Fanout<unknown>()
  refs = 0
  /** Raw-message observers (the seed facade); made by the router on demand so typed streams pay nothing for it. */
  raw?: Subject<RawMessage>
  constructor(
    readonly spec: TopicSpec,
    readonly key: string,
  ) {}
}

const STREAM_PREFIX = '{"stream":"'

/**
 * @internal
 * Turns one connection's frames into events on its channels. Frames name the topic, not the symbol, so
 * market events are routed by the symbol inside their data; user connections carry one address, so their
 * events go to the topic's only channel, and whole-market topics to their `$all` channel.
 *
 * Two decode routes: a frame in the server's usual form is read straight to events by its topic's
 * canonical reader; every other frame is parsed once, losslessly (parseFrame), and decoded by io-ts.
 * Nothing in here throws to the caller: whatever cannot be delivered becomes one error, with a true label
 * and a bounded excerpt of the frame.
 */
export class FrameRouter {
  private readonly topics = new Map<string, Map<string, Channel>>()
  private readonly rawTopics = new Set<string>()

  constructor(private readonly report: (error: DexError) => void) {}

  acquire(spec: TopicSpec, key: string): Channel {
    let byKey = this.topics.get(spec.name)
    if (!byKey) this.topics.set(spec.name, (byKey = new Map()))
    let channel = byKey.get(key)
    if (!channel) byKey.set(key, (channel = new Channel(spec, key)))
    channel.refs++
    return channel
  }

  /** The raw-message subject of an acquired channel; its topic's frames take the exact route from now on. */
  rawOf(channel: Channel): Subject<RawMessage> {
    if (channel.raw === undefined) {
      channel.raw = new Subject<RawMessage>()
      this.rawTopics.add(channel.spec.name)
    }
    return channel.raw
  }

  /** Returns true when that was the channel's last observer (so the wire subscription should go). */
  release(channel: Channel): boolean {
    if (--channel.refs > 0) return false
    const byKey = this.topics.get(channel.spec.name)
    if (byKey?.get(channel.key) !== channel) return false
    byKey.delete(channel.key)
    if (byKey.size === 0) {
      this.topics.delete(channel.spec.name)
      this.rawTopics.delete(channel.spec.name)
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

  /** One frame's payload as the socket gave it (text, or bytes holding text). */
  dispatch(data: unknown): void {
    try {
      const text = frameText(data)
      if ('reason' in text) return this.reject(undefined, text.reason, text.raw)
      if (!this.quick(text.text)) this.exact(text.text)
    } catch (e) {
      // Unreachable by design; kept so that a defect here is reported, not thrown into the socket's handler.
      const reason = e instanceof Error ? e.message : String(e)
      this.report(new DexDecodeError(`Could not route a frame: ${reason}`, undefined, reason, ''))
    }
  }

  /**
   * The usual frame, `{"stream":<a wanted topic without raw observers>,"data":…}` in the server's own form,
   * read by the topic's canonical reader; false when the frame needs the exact route.
   */
  private quick(raw: string): boolean {
    const label = leadingLabel(raw)
    if (label === undefined) return false
    const route = labelRoute(label)
    if (route === undefined || !this.wants(route.specs) || this.hasRaw(route.specs)) return false
    const events = route.decoder?.canonical?.read(raw, STREAM_PREFIX.length + label.length + 1)
    if (events === undefined) return false
    this.deliver(route.specs, events)
    return true
  }

  private exact(raw: string): void {
    let frame: unknown
    try {
      frame = parseFrame(raw)
    } catch (e) {
      if (e instanceof FrameTooDeep) {
        // Unreadable as a tree, but its leading label still says which stream lost a frame.
        const label = leadingLabel(raw)
        const known = label !== undefined && labelRoute(label) !== undefined ? label : undefined
        return this.reject(known, `the frame is ${e.message}`, raw)
      }
      const reason = (e as Error).message
      return this.report(new DexDecodeError(`Malformed JSON frame: ${reason}`, undefined, reason, excerpt(raw)))
    }
    if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) {
      return this.reject(undefined, 'frame is not a JSON object', raw)
    }
    const { stream, data, error } = frame as { stream?: unknown; data?: unknown; error?: unknown }
    if (error !== undefined) {
      return this.report(new DexServerError(`Server error: ${describe(error)}`, error, excerpt(raw)))
    }
    if (typeof stream !== 'string' || data === undefined) {
      return this.reject(typeof stream === 'string' ? stream : undefined, 'expected a {"stream", "data"} envelope', raw)
    }
    const route = labelRoute(stream)
    if (route === undefined) return this.reject(stream, `unknown stream "${stream}"`, raw)
    const { specs } = route
    // Frames may still arrive for a topic just unsubscribed; nobody asked for them.
    if (!this.wants(specs)) return
    const { array } = specs[0]
    // The label's own decoder: an alias label (tardis's depthSnapshot) has a shape of its own.
    const decoder = route.decoder as TopicDecoder<DexEvent>
    if (array && !Array.isArray(data)) return this.reject(stream, 'data: expected an array', raw)
    this.deliver(specs, data, (value, index) => this.decode(stream, decoder, value, raw, index), { stream, data })
  }

  /**
   * The one routing of a frame's events to channels, for both decode routes. `payload` is the frame's event,
   * or for an array topic the list of its elements; on the exact route, `decode` turns each into its event
   * (undefined when it was rejected). `exact` is the frame as parsed, for raw observers.
   */
  private deliver(
    specs: readonly TopicSpec[],
    payload: unknown,
    decode?: (value: unknown, index?: number) => unknown,
    exact?: RawMessage,
  ): void {
    const { array, kind } = specs[0]
    if (!array || kind === 'all') {
      // A whole-market array is one event: the list of its elements that decoded.
      const event = !decode
        ? payload
        : array
          ? (payload as unknown[]).map((value, i) => decode(value, i)).filter((e) => e !== undefined)
          : decode(payload)
      if (event === undefined) return
      const channel = this.route(specs, event)
      channel?.events.next(event)
      if (exact) channel?.raw?.next(exact)
      return
    }
    const list = payload as unknown[]
    if (!decode) {
      // The canonical route, the hot one: events as read, and no raw observers (quick() leaves those frames).
      for (let i = 0; i < list.length; i++) this.route(specs, list[i])?.events.next(list[i])
      return
    }
    // Raw observers get the elements routed to them, as a single-symbol stream of the seed would have.
    let shares: Map<Channel, unknown[]> | undefined
    for (let i = 0; i < list.length; i++) {
      const event = decode(list[i], i)
      if (event === undefined) continue
      const channel = this.route(specs, event)
      channel?.events.next(event)
      if (!exact || !channel?.raw) continue
      shares ??= new Map()
      const share = shares.get(channel)
      if (share) share.push(list[i])
      else shares.set(channel, [list[i]])
    }
    if (shares) for (const [channel, share] of shares) channel.raw?.next({ stream: exact!.stream, data: share })
  }

  private decode(
    stream: string,
    decoder: TopicDecoder<DexEvent>,
    element: unknown,
    raw: string,
    index?: number,
  ): DexEvent | undefined {
    const result = decoder.decode(element)
    if (result._tag === 'Right') return result.right
    this.reject(stream, index === undefined ? result.left : `element ${index}: ${result.left}`, raw)
    return undefined
  }

  /** The channel an event goes to: the first of the label's topics with an observer for its key. */
  private route(specs: readonly TopicSpec[], event: unknown): Channel | undefined {
    const { kind } = specs[0]
    const key = kind === 'user' ? '' : kind === 'all' ? ALL : (event as { symbol: string }).symbol
    for (let i = 0; i < specs.length; i++) {
      const byKey = this.topics.get(specs[i].name)
      if (byKey === undefined) continue
      const channel = byKey.get(key) ?? (kind === 'market' ? byKey.get(key.toUpperCase()) : undefined)
      if (channel) return channel
    }
    return undefined
  }

  private wants(specs: readonly TopicSpec[]): boolean {
    for (let i = 0; i < specs.length; i++) if (this.topics.has(specs[i].name)) return true
    return false
  }

  private hasRaw(specs: readonly TopicSpec[]): boolean {
    if (this.rawTopics.size === 0) return false
    for (let i = 0; i < specs.length; i++) if (this.rawTopics.has(specs[i].name)) return true
    return false
  }

  private reject(topic: string | undefined, reason: string, raw: string): void {
    const what = topic === undefined ? 'a frame' : `a "${topic}" frame`
    this.report(new DexDecodeError(`Could not decode ${what}: ${reason}`, topic, reason, excerpt(raw)))
  }
}

/** The `stream` of a frame that starts the way servers write it, `{"stream":"<label>"`. */
function leadingLabel(raw: string): string | undefined {
  if (!raw.startsWith(STREAM_PREFIX)) return undefined
  const end = raw.indexOf('"', STREAM_PREFIX.length)
  return end < 0 ? undefined : raw.slice(STREAM_PREFIX.length, end)
}

/** An error frame's value in one short line: the server's own text when there is one. */
function describe(error: unknown): string {
  const inner = typeof error === 'object' && error !== null ? ((error as { error?: unknown; message?: unknown }).error ?? (error as { message?: unknown }).message) : error
  const text = typeof inner === 'string' ? inner : JSON.stringify(error) ?? String(error)
  return text.length > 200 ? `${text.slice(0, 200)}…` : text
}
