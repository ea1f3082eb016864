// A child of bench/replay.mjs: replays the tape file given, reports its peak RSS (sampled) as one JSON line.
//   node bench/replayRss.mjs replayTape|simulator <file>
import { createReadStream } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import WebSocket from 'ws'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const [how, file] = process.argv.slice(2)
const SYMBOL = 'SYM00-A00_BNB'
let peakRss = process.memoryUsage().rss
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20)
const started = performance.now()
let events = 0
let closeCode

if (how === 'replayTape') {
  const { replayTape } = await import(path.join(root, 'dist/simulator-in-process.js'))
  const { dex, done } = replayTape(createReadStream(file))
  dex.trades(SYMBOL).subscribe(() => events++)
  dex.marketDiff(SYMBOL).subscribe(() => events++)
  await done
} else {
  const { DexSimulator } = await import(path.join(root, 'dist/simulator.js'))
  let ended
  const end = new Promise((resolve) => (ended = resolve))
  const sim = await DexSimulator.start({ replay: { tape: () => createReadStream(file), speed: 1e6, onEnd: ended } })
  const ws = new WebSocket(`${sim.url}ws/${SYMBOL}@trades`)
  ws.on('message', () => events++)
  // A client in the same process as a full-speed replay falls behind and is dropped as a slow reader
  // (1006); the tape plays on to its end all the same, which is what is measured.
  ws.on('close', (code) => (closeCode = code))
  await end
  ws.terminate()
  await sim.stop()
}
clearInterval(sampler)
peakRss = Math.max(peakRss, process.memoryUsage().rss)
console.log(JSON.stringify({ peakRss, events, ms: performance.now() - started, closeCode }))
