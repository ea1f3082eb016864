import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { DIST, requireBuilt } from '../package/nodeChild'
import {
  CASES,
  TOPICS,
  heightFrame,
  problems,
  reported,
  tradeText,
  tradesFrame,
  type ErrorSummary,
  type Observed,
  type StatusSummary,
} from './cases'
import { HostileServer, SilentServer } from './hostileServer'

// The hostile cases, in turn, against a plain Node process running the BUILT client (dist/index.cjs) with
// no uncaughtException/unhandledRejection handler: it must survive all of them, report each on errors$ and
// status$, keep both streams delivering, and exit 0 with nothing on stderr once closed. Prints the table of
// what the client reported for each case.

/** A bound on a case that never completes (a hang), so the others still run and report. */
const CASE_LIMIT_MS = 10_000

interface Line {
  ev: string
  error?: ErrorSummary
  status?: StatusSummary
  id?: string
  h?: number
  stream?: string
  instanceOf?: boolean
}

interface Silent {
  statuses: StatusSummary[]
  errors: ErrorSummary[]
  ended: Line[]
}

let server: HostileServer
let silentServer: SilentServer
let child: ChildProcessWithoutNullStreams
let stderr = ''
let exit: Promise<number | null>
const results = new Map<string, { seen: Observed; ended: Line[]; failure?: string }>()
const silent: Silent = { statuses: [], errors: [], ended: [] }
let exitCode: number | null | undefined

let bucket: Observed & { ended: Line[] } = fresh()
const waiters = new Set<() => void>()
let gone: string | undefined

function fresh(): Observed & { ended: Line[] } {
  return { errors: [], statuses: [], trades: [], heights: [], ended: [] }
}

function take(line: Line): void {
  switch (line.ev) {
    case 'error':
      bucket.errors.push(line.error!)
      break
    case 'status':
      bucket.statuses.push(line.status!)
      break
    case 'trade':
      bucket.trades.push(line.id!)
      break
    case 'height':
      bucket.heights.push(line.h!)
      break
    case 'ended':
      bucket.ended.push(line)
      break
    case 'silent-error':
      silent.errors.push(line.error!)
      break
    case 'silent-status':
      silent.statuses.push(line.status!)
      break
    case 'silent-ended':
      silent.ended.push(line)
      break
    default:
  }
  for (const waiter of [...waiters]) waiter()
}

/** Resolves once `done` holds (checked on every line from the child and when it exits). */
function when(done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (!done()) return
      waiters.delete(check)
      resolve()
    }
    waiters.add(check)
    check()
  })
}

/** `work`, unless the child exits first or it takes longer than a case may (then rejects, saying which). */
function within<T>(work: Promise<T>, what: string, exitFails = true): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  let onExit = (): void => undefined
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${CASE_LIMIT_MS} ms`)), CASE_LIMIT_MS)
    onExit = () => {
      if (exitFails && gone !== undefined) reject(new Error(`${what}: the child ${gone}`))
    }
    waiters.add(onExit)
    onExit()
  })
  return Promise.race([work, limit]).finally(() => {
    clearTimeout(timer)
    waiters.delete(onExit)
  })
}

/** The gist of a crash on stderr: the thrown error's line and the frame that threw. */
function firstLines(text: string): string {
  const lines = text.split('\n').filter((line) => line.trim() !== '')
  const thrown = lines.findIndex((line) => /^\w*Error\b/.test(line))
  return (thrown < 0 ? lines.slice(0, 2) : lines.slice(thrown, thrown + 2))
    .map((line) => line.trim())
    .join(' ')
}

function table(): string {
  const rows = CASES.map((c) => {
    const result = results.get(c.name)
    return `${c.name.padEnd(32)} ${result === undefined ? 'not run' : (result.failure ?? reported(result.seen))}`
  })
  rows.push(
    `${'silent TCP (never upgrades)'.padEnd(32)} ${reported({ ...silent, trades: [], heights: [] })} | ended: ${silent.ended.map((e) => `${e.stream}:${e.error?.name ?? 'complete'}`).join(',') || '-'}`,
  )
  rows.push(
    `${'child process'.padEnd(32)} exit code ${String(exitCode)}, stderr ${stderr === '' ? 'empty' : firstLines(stderr)}`,
  )
  return rows.join('\n')
}

beforeAll(async () => {
  requireBuilt('index.cjs')
  server = await HostileServer.start()
  silentServer = await SilentServer.start()
  child = spawn(process.execPath, [
    resolve(__dirname, 'scripts/hostileClient.cjs'),
    resolve(DIST, 'index.cjs'),
    server.url,
  ])
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
  exit = new Promise((done) =>
    child.on('exit', (code, signal) => {
      gone = `exited with code ${code} (signal ${signal}); stderr: ${firstLines(stderr)}`
      exitCode = code
      for (const waiter of [...waiters]) waiter()
      done(code)
    }),
  )
  createInterface({ input: child.stdout }).on('line', (text) => take(JSON.parse(text) as Line))

  const started = await within(server.subscribed(TOPICS, 0), 'first subscriptions').then(
    () => undefined,
    (error: Error) => error.message,
  )

  for (const [i, c] of CASES.entries()) {
    bucket = fresh()
    const record = { seen: bucket, ended: bucket.ended } as {
      seen: Observed
      ended: Line[]
      failure?: string
    }
    results.set(c.name, record)
    if (started !== undefined || gone !== undefined) {
      record.failure = `not run: ${started ?? `the child ${gone}`}`
      continue
    }
    const afterTrade = `after-${i}`
    const afterHeight = 1_000 + i
    try {
      const reconnectedFrom = server.accepted
      c.act(server)
      if (c.drops) await within(server.subscribed(TOPICS, reconnectedFrom), 'resubscribing after the close')
      server.send(tradesFrame(tradeText(afterTrade)))
      server.send(heightFrame(afterHeight))
      const seen = bucket
      await within(
        when(() => seen.heights.includes(afterHeight) && seen.trades.includes(afterTrade)),
        'healthy frames after the case',
      )
    } catch (error) {
      record.failure = (error as Error).message
    }
  }

  bucket = fresh()
  if (gone === undefined) {
    child.stdin.write(`silent ${silentServer.url}\n`)
    await within(
      when(() => silent.ended.length === 2),
      'silent server',
    ).catch(() => undefined)
    child.stdin.write('done\n')
  }
  // A process that does not end once everything is closed left something running: kill it (exit code null).
  await within(exit, 'exit after done', false).catch(() => child.kill())
  await exit
  console.log(`hostile server -> what the built client reported\n${table()}`)
}, 240_000)

afterAll(async () => {
  await server?.stop()
  await silentServer?.stop()
})

test.each(CASES.map((c, i) => [c.name, c, i] as const))('%s', (name, c, i) => {
  const result = results.get(name)
  expect(result?.failure).toBeUndefined()
  expect(problems(c, result!.seen, `after-${i}`, 1_000 + i)).toEqual([])
  expect(result!.ended).toEqual([])
})

test('a server that never answers the upgrade: failed attempts, then both streams end with DexConnectionError', () => {
  expect(silent.ended.map((e) => [e.error?.name, e.instanceOf])).toEqual([
    ['DexConnectionError', true],
    ['DexConnectionError', true],
  ])
  const states = silent.statuses.map((s) => s.state)
  expect(states[0]).toBe('connecting')
  expect(states).toContain('reconnecting')
  expect(states).not.toContain('open')
  expect(silentServer.accepted).toBeGreaterThanOrEqual(2)
})

test('the process with no handlers survives everything and exits 0 with nothing on stderr', () => {
  expect(stderr).toBe('')
  expect(exitCode).toBe(0)
})
