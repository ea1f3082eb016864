import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { DIST, requireBuilt } from '../package/nodeChild'
import { TOPICS, bomb, heightFrame, tradeText, tradesFrame, type ErrorSummary } from './cases'
import { HostileServer } from './hostileServer'

// Decompression bombs against the BUILT client in a process of its own, so its peak memory is its own: each
// frame is tens of KB on the wire and 96 MiB inflated. The client must refuse each at maxMessageBytes (a 1009
// close naming the bound, then a reconnect) and its peak RSS must stay far below one inflated frame.

const BOMBS = 5
const MiB = 1024 * 1024
const INFLATED = 96 * MiB
/** Far above what reading up to the 4 MiB bound costs, far below one inflated frame. */
const GROWTH_LIMIT = 48 * MiB

interface Line {
  ev: string
  error?: ErrorSummary
  maxRss?: number
  h?: number
}

let server: HostileServer
let child: ChildProcessWithoutNullStreams
let stderr = ''
const lines: Line[] = []
const waiters = new Set<() => void>()
let exit: Promise<number | null>

function next(ev: string, from: number): Promise<Line> {
  return new Promise((done) => {
    const check = (): void => {
      const line = lines.slice(from).find((l) => l.ev === ev)
      if (line === undefined) return
      waiters.delete(check)
      done(line)
    }
    waiters.add(check)
    check()
  })
}

async function maxRss(): Promise<number> {
  const from = lines.length
  child.stdin.write('rss\n')
  return (await next('rss', from)).maxRss!
}

beforeAll(async () => {
  requireBuilt('index.cjs')
  server = await HostileServer.start()
  child = spawn(process.execPath, [
    resolve(__dirname, 'scripts/hostileClient.cjs'),
    resolve(DIST, 'index.cjs'),
    server.url,
  ])
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text))
  exit = new Promise((done) => child.on('exit', (code) => done(code)))
  createInterface({ input: child.stdout }).on('line', (text) => {
    lines.push(JSON.parse(text) as Line)
    for (const waiter of [...waiters]) waiter()
  })
  await server.subscribed(TOPICS, 0)
})

afterAll(async () => {
  child?.kill()
  await server?.stop()
})

test(`${BOMBS} deflate bombs: each closed with 1009 at the bound, memory stays near the bound, streams go on`, async () => {
  const frame = bomb(INFLATED)
  const before = await maxRss()
  for (let i = 0; i < BOMBS; i++) {
    const accepted = server.accepted
    server.send(frame)
    await server.subscribed(TOPICS, accepted)
    // A frame delivered after each reconnect, as a live server sends: the client counts failures in a row.
    const from = lines.length
    server.send(heightFrame(4000 + i))
    await next('height', from)
  }
  const from = lines.length
  server.send(tradesFrame(tradeText('after-bombs')))
  await next('trade', from)
  const after = await maxRss()

  const errors = lines.filter((l) => l.ev === 'error').map((l) => l.error!)
  expect(errors).toHaveLength(BOMBS)
  for (const error of errors) {
    expect(error).toEqual(expect.objectContaining({ name: 'DexConnectionError', code: 1009 }))
    expect(error.message).toContain('maxMessageBytes (4194304 bytes)')
  }
  expect(lines.filter((l) => l.ev === 'ended')).toEqual([])
  console.log(
    `${BOMBS} bombs of ${INFLATED / MiB} MiB inflated: peak RSS ${(before / MiB).toFixed(0)} -> ${(after / MiB).toFixed(0)} MiB`,
  )
  expect(after - before).toBeLessThan(GROWTH_LIMIT)

  child.stdin.write('done\n')
  expect(await exit).toBe(0)
  expect(stderr).toBe('')
}, 60_000)
