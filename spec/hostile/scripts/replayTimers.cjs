// A plain Node program (no test runner between it and Node's warnings) replaying, with the BUILT simulator,
// tapes whose next frame is due beyond Node's timer limit: a huge `at` served by DexSimulator, and a tiny
// replayTape speed. It prints one JSON line: what was received, and how many TimeoutOverflowWarnings Node
// raised while the replays waited.
'use strict'
const WebSocket = require('ws')

const [dist] = process.argv.slice(2)
const { DexSimulator, tapeHeaderLine, tapeEntryLine } = require(`${dist}/simulator.cjs`)
const { replayTape } = require(`${dist}/simulator-in-process.cjs`)

const height = (h) => `{"stream":"blockheight","data":{"h":${h}}}`
const tapeOf = (...times) =>
  tapeHeaderLine({ start: '2020-01-01T00:00:00.000Z', url: 'test', streams: ['$all@blockheight'] }) +
  times.map((at, i) => tapeEntryLine({ at, conn: 'market', frame: height(i + 1) })).join('')

let warnings = 0
process.on('warning', (w) => {
  if (w.name === 'TimeoutOverflowWarning') warnings++
})
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function main() {
  const served = []
  const sim = await DexSimulator.start({ replay: { tape: tapeOf(0, 1e13) } })
  const ws = new WebSocket(`${sim.url}ws/$all@blockheight`)
  await new Promise((resolve) => ws.on('message', (data) => served.push(data.toString()) && resolve()))

  const replayed = []
  const { dex, done } = replayTape(tapeOf(0, 1000), { speed: 1e-9 })
  await new Promise((resolve) => dex.blockHeight().subscribe((h) => replayed.push(h) && resolve()))

  // A replay that re-armed an overflowing timer would have warned hundreds of times by now.
  await sleep(300)
  ws.terminate()
  await sim.stop()
  dex.close()
  await done
  process.stdout.write(`${JSON.stringify({ served, replayed, warnings })}\n`)
}
main()
