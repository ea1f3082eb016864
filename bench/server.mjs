// The benchmark's loopback server, run in its own process (bench/run.mjs forks it) so that it has a core of its
// own. It answers subscribe messages like the real server, and once a connection has subscribed to everything
// its scenario expects, it writes the scenario's frames, pre-encoded as WebSocket frames, straight to the TCP
// socket: one Buffer per cycle, written `cycles` times, so the client is the only bottleneck.
//
// URL: ws://127.0.0.1:<port>/<scenario>/<cycles>/ws (DexSocket appends the /ws to its `url` option).

import { WebSocketServer } from 'ws'
import { connectionOf, scenario } from './frames.mjs'

/** An unmasked text frame, as servers send them (RFC 6455 section 5.2). */
function wsFrame(text) {
  const payload = Buffer.from(text, 'utf8')
  const n = payload.length
  const head = n < 126 ? Buffer.from([0x81, n]) : n < 65536 ? Buffer.alloc(4) : Buffer.alloc(10)
  if (n >= 126 && n < 65536) {
    head[0] = 0x81
    head[1] = 126
    head.writeUInt16BE(n, 2)
  } else if (n >= 65536) {
    head[0] = 0x81
    head[1] = 127
    head.writeBigUInt64BE(BigInt(n), 2)
  }
  return Buffer.concat([head, payload])
}

const encoded = new Map()

function cycleBuffer(name, conn) {
  const key = `${name}/${conn}`
  let buf = encoded.get(key)
  if (!buf) encoded.set(key, (buf = Buffer.concat(scenario(name)[conn].texts.map(wsFrame))))
  return buf
}

function drained(socket) {
  return new Promise((resolve) => {
    const done = () => {
      socket.off('drain', done).off('close', done)
      resolve()
    }
    socket.on('drain', done).on('close', done)
  })
}

async function burst(socket, buf, cycles) {
  for (let i = 0; i < cycles; i++) {
    if (socket.destroyed) return
    if (!socket.write(buf)) await drained(socket)
  }
}

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false })

wss.on('connection', (ws, req) => {
  const [, name, cyclesText] = (req.url ?? '').split('/')
  const cycles = Number(cyclesText)
  const s = scenario(name)
  const subscribed = new Set()
  let conn
  let started = false
  ws.on('error', () => {})
  ws.on('message', (raw) => {
    let msg
    try {
      msg = JSON.parse(String(raw))
    } catch {
      return
    }
    if (msg.method === 'close') return ws.terminate()
    if (msg.method !== 'subscribe' || started) return
    conn ??= connectionOf(msg.topic)
    for (const key of msg.symbols ?? [msg.address]) subscribed.add(`${msg.topic} ${key}`)
    const wanted = s[conn].subscriptions
    if (!wanted.every(({ topic, key }) => subscribed.has(`${topic} ${key}`))) return
    started = true
    // From here on the socket is ours: the server sends nothing else, so no frame of ws's can interleave.
    void burst(ws._socket, cycleBuffer(name, conn), cycles)
  })
})

wss.on('listening', () => {
  // Encode every scenario before the first client connects, so no round pays for it.
  for (const name of ['mix', 'fanout', 'symbols200']) for (const conn of ['market', 'user']) if (scenario(name)[conn]) cycleBuffer(name, conn)
  process.send?.({ port: wss.address().port })
})

process.on('disconnect', () => process.exit(0))
