import type { DexError } from '../../errors'
import { DexInputError } from '../../errors'
import { topicsLabelled, type TopicSpec } from '../../internal/topicTable'
import { nextMacrotask } from '../inProcess/Mailbox'
import { Sleeper } from '../longTimeout'
import { TapeClock } from './TapeClock'
import { TapedFrame, tapeError, TapeReader } from './TapeReader'
import { tapeLines, type TapeSource } from './tapeLines'
import { TapeSocket, type TapeSwitchboard } from './TapeSocket'
import { TimeSlices } from './TimeSlices'
import type { TapeEntry, TapeItem } from './tape'

/** @internal The owner of a replay: told when it ends, well or not. */
export interface PlayerOwner {
  end(error?: DexError): void
}

/**
 * @internal
 * Plays a tape to the sockets of one client, in tape time. Before each frame recorded at `t` it opens
 * the sockets made since the last frame and runs the clock's work due up to `t` (a reconnection, a window
 * closing), in due order; so what a pipeline sees depends on the tape alone, not on how busy the machine
 * is or when the event loop got a turn. At `'max'` it runs as fast as the subscribers take the frames, a
 * slice at a time; at a finite speed it waits for the wall clock between frames (and clock work).
 */
export class TapePlayer implements TapeSwitchboard {
  readonly clock = new TapeClock(0)
  private readonly sockets: TapeSocket[] = []
  private pending: TapeSocket[] = []
  private state: 'idle' | 'playing' | 'ended' = 'idle'
  private owner: PlayerOwner | undefined
  private readonly sleeper = new Sleeper()
  private readonly route = new FrameRoute()
  private wallOrigin = 0

  constructor(
    private readonly source: TapeSource,
    private readonly speed: number,
  ) {
    // A tape given as text has its header at hand: the clock reads recorded time from the start.
    if (typeof source === 'string') {
      const end = source.indexOf('\n')
      const start = headerStart(end < 0 ? source : source.slice(0, end))
      if (start !== undefined) this.clock.rebase(start)
    }
  }

  attach(owner: PlayerOwner): void {
    this.owner = owner
  }

  connected(socket: TapeSocket): void {
    if (this.state === 'ended') {
      // Only reachable by a socket made outside the DexSocket, which the end has closed.
      nextMacrotask(() => socket.drop())
      return
    }
    this.pending.push(socket)
    if (this.state === 'idle') {
      // The tape starts with the first subscription, on a later turn, so that everything subscribed
      // together is subscribed before the first frame.
      this.state = 'playing'
      nextMacrotask(() => void this.play())
    } else {
      // Made outside a frame's delivery (while the replay waits for the wall clock or the source): opened
      // now rather than at the next frame. Within a delivery, the replay opens it first, before any frame.
      queueMicrotask(() => this.openPending())
    }
  }

  closed(socket: TapeSocket): void {
    const i = this.sockets.indexOf(socket)
    if (i >= 0) this.sockets.splice(i, 1)
    const j = this.pending.indexOf(socket)
    if (j >= 0) this.pending.splice(j, 1)
  }

  /** Stops the replay (the client was closed): no more frames, and no timer left. */
  stop(): void {
    if (this.state === 'ended') return
    this.state = 'ended'
    this.sleeper.interrupt()
    this.clock.clear()
  }

  private async play(): Promise<void> {
    const reader = new TapeReader()
    const slices = new TimeSlices()
    try {
      this.wallOrigin = performance.now()
      for await (const { lines, cut } of tapeLines(this.source)) {
        for (let i = 0; i < lines.length; i++) {
          if (this.ended) return
          const item = reader.read(lines[i], cut && i === lines.length - 1)
          if (reader.lineNumber === 1) this.begin(reader)
          if (item === undefined) continue
          const t = this.clock.origin + item.at
          if (this.speed === Infinity) this.catchUp(t)
          else await this.paceTo(t)
          if (this.ended) return
          this.deliver(item)
          const pause = slices.pause()
          if (pause) await pause
        }
      }
      reader.finish()
      if (this.ended) return
      this.catchUp(this.clock.now())
      this.finish()
    } catch (error) {
      this.finish(tapeError(error, reader.lineNumber))
    }
  }

  /** Read through a getter: `stop()` may have run during any await of `play`. */
  private get ended(): boolean {
    return this.state === 'ended'
  }

  private begin(reader: TapeReader): void {
    const iso = reader.header?.start
    const start = typeof iso === 'string' ? Date.parse(iso) : NaN
    if (!Number.isFinite(start)) {
      throw new DexInputError('not a tape: line 1 has no "start" time (an ISO 8601 time such as "2019-04-10T00:00:00.000Z")', 1)
    }
    this.clock.rebase(start)
  }

  private finish(error?: DexError): void {
    if (this.state === 'ended') return
    this.state = 'ended'
    this.owner?.end(error)
    // Completions may schedule work for now (an operator's last emission); later work never falls due.
    this.clock.advance(this.clock.now())
    this.clock.clear()
  }

  /** Opens new sockets and runs clock work due by `t`, in due order, then stands at `t`. */
  private catchUp(t: number): void {
    do this.openPending()
    while (this.clock.runNext(t))
    this.clock.advance(t)
    this.openPending()
  }

  /** `catchUp` on the wall clock: each piece of clock work, and then `t`, waits for its time. */
  private async paceTo(t: number): Promise<void> {
    for (;;) {
      this.openPending()
      const next = this.clock.nextDue()
      await this.sleepUntil(next !== undefined && next < t ? next : t)
      if (this.state === 'ended') return
      if (!this.clock.runNext(t)) break
    }
    this.clock.advance(t)
    this.openPending()
  }

  private sleepUntil(tapeTime: number): Promise<void> | undefined {
    return this.sleeper.until(this.wallOrigin + (tapeTime - this.clock.origin) / this.speed)
  }

  private openPending(): void {
    while (this.pending.length > 0) {
      const opening = this.pending
      this.pending = []
      for (const socket of opening) {
        if (socket.readyState !== 0) continue
        this.sockets.push(socket)
        socket.open()
      }
    }
  }

  private deliver(item: TapeItem): void {
    const sockets = this.sockets
    if (sockets.length === 0) return
    if ('disconnect' in item) {
      const conn = item.conn.toLowerCase()
      for (const socket of [...sockets]) {
        if ((socket.address ?? 'market') === conn) socket.drop()
      }
      return
    }
    const route = this.route
    route.read(item)
    if (route.specs.length === 0) return
    // Copied only if a subscriber's handler closes a socket mid-delivery.
    const list = sockets.length === 1 ? sockets : [...sockets]
    let text: string | undefined
    for (let i = 0; i < list.length; i++) {
      if (list[i].wants(route.specs, item.conn, route.symbols)) list[i].receive((text ??= item.frame))
    }
  }
}

const NONE: readonly TopicSpec[] = []
const PREFIX = '{"stream":"'
const ESCAPED_PREFIX = '{\\"stream\\":\\"'
const SYMBOL = /"(?:s|symbol)":"([^"\\]*)"/g
const ESCAPED_SYMBOL = /\\"(?:s|symbol)\\":\\"([^"\\]*)\\"/g

/**
 * What the frame being played is for: the topics its label routes to (aliases included), and the symbols it
 * names, read from its text without parsing it. A frame read from the tape line in the recorder's form is
 * read as it stands escaped in the line, so a frame nobody subscribed to is never even unescaped; a frame in
 * another form (spacing, key order) is parsed for its label. One per replay, reused for every frame.
 */
class FrameRoute {
  specs: readonly TopicSpec[] = NONE
  private text = ''
  private from = 0
  private escaped = false
  private named: string[] | undefined

  read(entry: TapeEntry): void {
    this.named = undefined
    if (entry instanceof TapedFrame) {
      const label = labelAt(entry.line, entry.literal + 1, ESCAPED_PREFIX, '\\"')
      if (label !== undefined) return this.set(topicsLabelled(label), entry.line, entry.literal + 1, true)
    }
    const text = entry.frame
    const label = labelAt(text, 0, PREFIX, '"') ?? parsedLabel(text)
    this.set(label === undefined ? NONE : topicsLabelled(label), text, 0, false)
  }

  /**
   * The symbols the frame names, upper case, read once per frame and only if a subscriber needs them. A
   * frame of one event names its symbol first (a kline names it again inside), so only an array frame is
   * read to its end.
   */
  readonly symbols = (): readonly string[] => {
    if (this.named !== undefined) return this.named
    const pattern = this.escaped ? ESCAPED_SYMBOL : SYMBOL
    const found: string[] = []
    const one = this.specs.length > 0 && !this.specs[0].array
    pattern.lastIndex = this.from
    for (let m = pattern.exec(this.text); m !== null; m = pattern.exec(this.text)) {
      const symbol = m[1].toUpperCase()
      if (!found.includes(symbol)) found.push(symbol)
      if (one) break
    }
    return (this.named = found)
  }

  private set(specs: readonly TopicSpec[], text: string, from: number, escaped: boolean): void {
    this.specs = specs
    this.text = text
    this.from = from
    this.escaped = escaped
  }
}

function labelAt(text: string, from: number, prefix: string, quote: string): string | undefined {
  if (!text.startsWith(prefix, from)) return undefined
  const start = from + prefix.length
  const end = text.indexOf(quote, start)
  const label = end < 0 ? undefined : text.slice(start, end)
  return label === undefined || label.includes('\\') ? undefined : label
}

function parsedLabel(text: string): string | undefined {
  try {
    const stream = (JSON.parse(text) as { stream?: unknown } | null)?.stream
    return typeof stream === 'string' ? stream : undefined
  } catch {
    return undefined
  }
}

/** The `start` of a header line, in ms since the epoch, if it has a readable one. */
function headerStart(line: string): number | undefined {
  try {
    const start = (JSON.parse(line) as { start?: unknown } | null)?.start
    const ms = typeof start === 'string' ? Date.parse(start) : NaN
    return Number.isFinite(ms) ? ms : undefined
  } catch {
    return undefined
  }
}
