import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { DIST, requireBuilt } from '../package/nodeChild'
import { CASES, TOPICS, check, heightFrame, tradeText, tradesFrame, type ErrorSummary, type Observed, type StatusSummary } from './cases'
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
    case 'error': bucket.errors.push(line.error!); break
    case 'status': bucket.statuses.push(line.status!); break
    case 'trade': bucket.trades.push(line.id!); break
    case 'height': bucket.heights.push(line.h!); break
    case 'ended': bucket.ended.push(line); break
    case 'silent-error': silent.errors.push(line.error!); break
    case 'silent-status': silent.statuses.push(line.status!); break
    case 'silent-ended': silent.ended.push(line); break
    default:
  }
  for (const waiter of [...waiters]) waiter()
}

/** Resolves once `done` holds; rejects if the child exits first or the case exceeds its bound. */
function until(done: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = (): void => {
      clearTimeout(timer)
      waiters.delete(check)
    }
    const check = (): void => {
      if (done()) {
        stop()
        resolve()
      } else if (gone !== undefined) {
        stop()
        reject(new Error(`${what}: the child ${gone}`))
      }
    }
    const timer = setTimeout(() => {
      stop()
      reject(new Error(`${what}: not within ${CASE_LIMIT_MS} ms`))
    }, CASE_LIMIT_MS)
    waiters.add(check)
    check()
  })
}

/** The gist of a crash on stderr: the thrown error's line and the frame that threw. */
function firstLines(text: string): string {
  const lines = text.split('\n').filter((line) => line.trim() !== '')
  const thrown = lines.findIndex((line) => /^\w*Error\b/.test(line))
  return (thrown < 0 ? lines.slice(0, 2) : lines.slice(thrown, thrown + 2)).map((line) => line.trim()).join(' ')
}

function table(): string {
  const cell = (seen: Observed): string => {
    const errors = seen.errors.map((e) =>
      [e.name, e.topic && `topic=${e.topic}`, e.code !== undefined && `code=${e.code}`, e.reason !== undefined && `reason="${e.reason}"`, e.raw !== undefined && `raw=${e.raw}`]
        .filter(Boolean).join(' '),
    )
    const states = seen.statuses.map((s) => s.state + (s.code !== undefined ? `(${s.code} "${s.reason ?? ''}")` : ''))
    return `errors$: ${errors.join('; ') || '-'} | status$: ${states.join(',') || '-'}`
  }
  const rows = CASES.map((c) => {
    const result = results.get(c.name)
    return `${c.name.padEnd(32)} ${result === undefined ? 'not run' : result.failure ?? cell(result.seen)}`
  })
  rows.push(`${'silent TCP (never upgrades)'.padEnd(32)} ${cell({ ...silent, trades: [], heights: [] })} | ended: ${silent.ended.map((e) => `${e.stream}:${e.error?.name ?? 'complete'}`).join(',') || '-'}`)
  rows.push(`${'child process'.padEnd(32)} exit code ${String(exitCode)}, stderr ${stderr === '' ? 'empty' : firstLines(stderr)}`)
  return rows.join('\n')
}

beforeAll(async () => {
  requireBuilt('index.cjs')
  server = await HostileServer.start()
  silentServer = await SilentServer.start()
  child = spawn(process.execPath, [resolve(__dirname, 'scripts/hostileClient.cjs'), resolve(DIST, 'index.cjs'), server.url])
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

  try {
    await until(() => bucket.statuses.length > 0, 'first status')
  } catch {
    // Reported by the cases below.
  }
  await Promise.race([server.subscribed(TOPICS, 0), exit])

  for (const [i, c] of CASES.entries()) {
    bucket = fresh()
    const record = { seen: bucket, ended: bucket.ended } as { seen: Observed; ended: Line[]; failure?: string }
    results.set(c.name, record)
    if (gone !== undefined) {
      record.failure = `not run: the child ${gone}`
      continue
    }
    const afterTrade = `after-${i}`
    const afterHeight = 1_000 + i
    try {
      const reconnectedFrom = server.accepted
      c.act(server)
      if (c.drops) await Promise.race([server.subscribed(TOPICS, reconnectedFrom), until(() => false, 'resubscribe')])
      server.send(tradesFrame(tradeText(afterTrade)))
      server.send(heightFrame(afterHeight))
      const seen = bucket
      await until(() => seen.heights.includes(afterHeight) && seen.trades.includes(afterTrade), 'healthy frames after the case')
    } catch (error) {
      record.failure = (error as Error).message
    }
  }

  bucket = fresh()
  if (gone === undefined) {
    child.stdin.write(`silent ${silentServer.url}\n`)
    await until(() => silent.ended.length === 2, 'silent server').catch(() => undefined)
    child.stdin.write('done\n')
  }
  await Promise.race([exit, until(() => false, 'exit after done').catch(() => child.kill())])
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
  check(c, result!.seen, `after-${i}`, 1_000 + i)
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
