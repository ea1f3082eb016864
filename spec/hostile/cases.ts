import { MAX_RAW_CHARS } from '../../src/internal/limits'
import type { HostileServer } from './hostileServer'

// What the hostile server does, case by case, and what the client must report. Shared by the in-process
// suite (the real client from src/) and the child-process suite (the built dist/index.cjs), so both hold the
// client to the same expectations.

export const SYMBOL = 'BNB_BTCB-1DE'
/** The victim stream's topic and the healthy stream's topic, both on the market connection. */
export const TOPICS = ['trades', 'blockheight'] as const

const DEPTH = 100_000
const nest = (inner = '0'): string => '['.repeat(DEPTH) + inner + ']'.repeat(DEPTH)

/** A trade frame as text (the 19-digit time does not survive JSON.stringify), with any field replaced. */
export function tradeText(tradeId: string, replace: Readonly<Record<string, string>> = {}): string {
  const fields: Record<string, string> = {
    e: '"trade"',
    E: '7549438',
    s: JSON.stringify(SYMBOL),
    t: JSON.stringify(tradeId),
    p: '"3333.00000000"',
    q: '"0.02611100"',
    b: '"1D518A2563B0CB912AD70DEB7A18CD7ED2FBB7D4-11"',
    a: '"EA1AE716501D1DB0B9F295A30891D9E562828678-12"',
    T: '1554964166437515341',
    sa: '"tbnb1agdww9jsr5wmpw0jjk3s3yweu43g9pnc4p5kg7"',
    ba: '"tbnb1r4gc5ftrkr9ez2khph4h5xxd0mf0hd75jf06gw"',
    tt: '2',
    ...replace,
  }
  return `{${Object.entries(fields)
    .map(([key, value]) => `"${key}":${value}`)
    .join(',')}}`
}

export const tradesFrame = (...elements: string[]): string =>
  `{"stream":"trades","data":[${elements.join(',')}]}`
export const heightFrame = (height: number): string => `{"stream":"blockheight","data":{"h":${height}}}`

/** One error or status event, reduced to what the checks and the table need (the same shape in both suites). */
export interface ErrorSummary {
  readonly name: string
  readonly topic?: string
  readonly connection?: string
  readonly code?: number
  readonly reason?: string
  /** `typeof raw` when it is not a string, else its length. */
  readonly raw?: number | string
  readonly message: string
}

export interface StatusSummary {
  readonly state: string
  readonly attempt?: number
  readonly code?: number
  readonly reason?: string
}

/** The close code and reason of a status event, on the event itself or on its error. */
export function summarizeStatus(status: {
  readonly state: string
  readonly attempt?: number
  readonly error?: object
}): StatusSummary {
  type Close = { code?: unknown; reason?: unknown }
  const own = status as Close
  const carried = (status.error ?? {}) as Close
  const code = typeof own.code === 'number' ? own.code : carried.code
  const reason = typeof own.reason === 'string' ? own.reason : carried.reason
  return {
    state: status.state,
    ...(status.attempt === undefined ? {} : { attempt: status.attempt }),
    ...(typeof code === 'number' ? { code } : {}),
    ...(typeof reason === 'string' ? { reason } : {}),
  }
}

export function summarizeError(error: unknown): ErrorSummary {
  const e = error as Record<string, unknown> & Error
  const pick = <K extends string>(key: K, type: string): Partial<Record<K, unknown>> =>
    typeof e[key] === type ? ({ [key]: e[key] } as Record<K, unknown>) : {}
  return {
    name: String(e?.name),
    ...pick('topic', 'string'),
    ...pick('connection', 'string'),
    ...pick('code', 'number'),
    ...pick('reason', 'string'),
    ...('raw' in (e ?? {}) ? { raw: typeof e.raw === 'string' ? e.raw.length : typeof e.raw } : {}),
    message: String(e?.message).slice(0, 160),
  } as ErrorSummary
}

/** What the client reported while one case ran. */
export interface Observed {
  readonly errors: ErrorSummary[]
  readonly statuses: StatusSummary[]
  readonly trades: string[]
  readonly heights: number[]
}

export interface HostileCase {
  readonly name: string
  /** Does the rude thing. */
  act(server: HostileServer): void
  /** True for a close: the client must reconnect and re-subscribe before the healthy frames go out. */
  readonly drops?: true
  /** What errors$ must carry (exactly one such error for a frame; at least one for a close). */
  readonly error?: {
    /** The class it must be; a frame too deep to read may fairly be either of two. */
    readonly name: string | readonly string[]
    /** The topic it must carry (none when absent), or, as `[topic]`, may carry: a frame rejected for its depth
     * before it is read need not name its stream, but must not name a wrong one. */
    readonly topic?: string | readonly [string]
    readonly code?: number
    readonly reason?: string
    /** Text every such error's message must contain. */
    readonly mentions?: string
  }
  /** A trade the hostile frame itself carries that must be delivered. */
  readonly delivers?: string
  /** The frame is valid JSON, only too deep: its label must not call it malformed. */
  readonly validJson?: true
}

const MiB = 1024 * 1024

/** A frame of `inflated` bytes that permessage-deflate shrinks about a thousandfold. */
export const bomb = (inflated: number): string => tradesFrame(tradeText('bomb', { p: `"${'0'.repeat(inflated)}"` }))
let bombText: string | undefined
// Built once, when first sent: building it is most of the case's cost.
const BOMB = (): string => (bombText ??= bomb(96 * MiB))

/** A message past the client's maxMessageBytes: a 1009 close naming the bound, then a reconnect. */
const TOO_BIG = {
  drops: true,
  error: { name: 'DexConnectionError', code: 1009, reason: '', mentions: 'maxMessageBytes (4194304 bytes)' },
} as const

const close = (code: number, reason: string): HostileCase => ({
  name: `close ${code} "${reason}"`,
  act: (server) => server.close(code, reason),
  drops: true,
  error: { name: 'DexConnectionError', code, reason },
})

export const CASES: readonly HostileCase[] = [
  {
    name: 'binary frame, valid JSON',
    act: (server) => server.send(Buffer.from(tradesFrame(tradeText('binary-1')), 'utf8'), true),
    delivers: 'binary-1',
  },
  {
    name: 'binary frame, junk',
    act: (server) =>
      server.send(Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, 0x7b, 0x22, 0xa0, 0xa1]), true),
    error: { name: 'DexDecodeError' },
  },
  {
    name: 'nested 1e5: top level',
    act: (server) => server.send(nest()),
    error: { name: 'DexDecodeError' },
    validJson: true,
  },
  {
    name: 'nested 1e5: inside data',
    act: (server) => server.send(`{"stream":"trades","data":${nest()}}`),
    error: { name: 'DexDecodeError', topic: 'trades' },
    validJson: true,
  },
  {
    // The good trade beside the bad element may be lost with the frame: one too deep is rejected whole.
    name: "nested 1e5: bad element's key",
    act: (server) => server.send(tradesFrame(tradeText('beside-bad'), tradeText('bad', { p: nest('"1"') }))),
    error: { name: 'DexDecodeError', topic: 'trades' },
    validJson: true,
  },
  {
    // A server error frame (DexServerError) if the client reads that far; a frame too deep to read otherwise.
    name: 'nested 1e5: error frame',
    act: (server) => server.send(`{"error":${nest()}}`),
    error: { name: ['DexServerError', 'DexDecodeError'] },
    validJson: true,
  },
  {
    // Under the default maxMessageBytes: read, rejected, and only an excerpt kept.
    name: '2 MB frame',
    act: (server) => server.send(tradesFrame(tradeText('huge', { p: `"${'x'.repeat(2 * MiB)}"` }))),
    error: { name: 'DexDecodeError', topic: 'trades' },
  },
  {
    name: '16 MB frame',
    act: (server) => server.send(tradesFrame(tradeText('huge', { p: `"${'x'.repeat(16 * MiB)}"` }))),
    ...TOO_BIG,
  },
  {
    // About 64 KB on the wire: a client that inflated it whole would hold 96 MiB for one frame.
    name: 'deflate bomb, 96 MiB inflated',
    act: (server) => server.send(BOMB()),
    ...TOO_BIG,
  },
  close(1000, 'keepAlive expired'),
  close(1001, 'going away'),
  close(1011, 'internal error'),
  close(4000, 'custom reason'),
]

/**
 * What is wrong with what the client reported for one case (empty when all is well), every problem at once so
 * a failing case shows its whole diagnosis. `afterTrade` and `afterHeight` are the healthy frames sent after the
 * hostile one; the caller waited for both, so the hostile frame was handled before.
 */
export function problems(c: HostileCase, seen: Observed, afterTrade: string, afterHeight: number): string[] {
  const found: string[] = []
  const show = (value: unknown): string => JSON.stringify(value)
  if (!seen.heights.includes(afterHeight)) found.push('the healthy stream stopped delivering')
  if (!seen.trades.includes(afterTrade)) found.push('the victim stream stopped delivering')
  if (c.delivers !== undefined && !seen.trades.includes(c.delivers))
    found.push(`trade ${c.delivers} was not delivered`)
  for (const error of seen.errors) {
    if (error.raw !== undefined && !(typeof error.raw === 'number' && error.raw <= MAX_RAW_CHARS)) {
      found.push(
        `${error.name}.raw is ${typeof error.raw === 'number' ? `${error.raw} chars` : `a ${error.raw}`}, over ${MAX_RAW_CHARS}`,
      )
    }
  }
  const want = c.error
  if (want === undefined) {
    if (seen.errors.length > 0) found.push(`errors$ reported ${show(seen.errors)}, expected nothing`)
    return found
  }
  const names: readonly string[] = typeof want.name === 'string' ? [want.name] : want.name
  const topicFits = (topic: string | undefined): boolean =>
    typeof want.topic === 'object' ? topic === undefined || topic === want.topic[0] : topic === want.topic
  const matches = (error: ErrorSummary): boolean =>
    names.includes(error.name) &&
    (c.drops
      ? error.connection === 'market' && error.code === want.code && error.reason === want.reason
      : topicFits(error.topic))
  if (want.mentions !== undefined) {
    const { mentions } = want
    if (!seen.errors.some((error) => names.includes(error.name) && error.message.includes(mentions)))
      found.push(`no ${names.join('/')} message names ${mentions}: ${show(seen.errors)}`)
  }
  if (c.drops) {
    if (seen.errors.length === 0 || !seen.errors.every(matches)) {
      found.push(
        `errors$ reported ${show(seen.errors)}, expected ${names.join('/')}s on "market" with code ${want.code} and reason "${want.reason}"`,
      )
    }
    if (!seen.statuses.some((s) => s.code === want.code && s.reason === want.reason)) {
      found.push(
        `no status$ event carries code ${want.code} and reason "${want.reason}": ${show(seen.statuses)}`,
      )
    }
    const states = seen.statuses.map((s) => s.state)
    if (!states.includes('reconnecting') || !states.includes('reconnected'))
      found.push(`status$ went ${show(states)}`)
    return found
  }
  if (seen.errors.length !== 1 || !matches(seen.errors[0])) {
    found.push(
      `errors$ reported ${show(seen.errors)}, expected one ${names.join(' or ')} with topic ${show(want.topic ?? '(none)')}`,
    )
  } else {
    const [error] = seen.errors
    if (typeof error.raw !== 'number') found.push(`${error.name} carries no raw text`)
    if (c.validJson && /malformed/i.test(`${error.message} ${error.reason ?? ''}`)) {
      found.push(`valid JSON labelled malformed: "${error.message}"`)
    }
  }
  return found
}

/** One line of the hostile table: what errors$ and status$ said. */
export function reported(seen: Observed): string {
  const errors = seen.errors.map((e) =>
    [
      e.name,
      e.topic !== undefined && `topic=${e.topic}`,
      e.code !== undefined && `code=${e.code}`,
      e.reason !== undefined && `reason="${e.reason}"`,
      e.raw !== undefined && `raw=${e.raw}`,
    ]
      .filter(Boolean)
      .join(' '),
  )
  const states = seen.statuses.map(
    (s) => s.state + (s.code !== undefined ? `(${s.code} "${s.reason ?? ''}")` : ''),
  )
  return `errors$: ${errors.join('; ') || '-'} | status$: ${states.join(',') || '-'}`
}
