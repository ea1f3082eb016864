// The playground's history figures, in headless Chromium (Debian's; nothing downloaded): for tapes of 10k,
// 100k and 1M frames (bench/historyTape.mjs), the time to open the file, to seek from the start to the end
// and back to the middle (every panel and the default pipeline running), and how late key presses are
// handled while the tape plays at full speed. Every figure is read from what the page itself measured
// (data-open-ms, data-seek-ms, keydown latency) and is a median over rounds where rounds are repeated.
//
//   npm run build && node examples/playground/build.mjs && node bench/playground.mjs [--frames=10000,100000] [--day]
//
// --day also generates a day of tardis.dev cache slices (scripts/tardis-fixture.mjs --minutes 1440), opens all
// 1440 of them in the page, seeks to noon and saves a screenshot as spec/artifacts/history/tardis-day-noon.png.

import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import { writeHistoryTape } from './historyTape.mjs'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '..')
const framesArg = process.argv.find((a) => a.startsWith('--frames='))?.slice('--frames='.length)
const SIZES = framesArg ? framesArg.split(',').map(Number) : [10_000, 100_000, 1_000_000]
const KEYS = 20
const log = (...args) => console.error(...args)
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

const folder = path.join(os.tmpdir(), 'dex-history-bench')
mkdirSync(folder, { recursive: true })
const page = pathToFileURL(path.join(root, 'examples', 'playground', 'index.html')).href
if (!existsSync(path.join(root, 'examples', 'playground', 'lib', 'binance-dex-rx-simulator.umd.min.js'))) {
  throw new Error('run `npm run playground` (or npm run build && node examples/playground/build.mjs) first')
}

log(`machine: ${os.cpus()[0].model}, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`)
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
const rows = []
try {
  if (process.argv.includes('--day')) await tardisDay()
  for (const frames of SIZES) {
    const file = path.join(folder, `${frames}.tape`)
    if (!existsSync(file)) await writeHistoryTape(frames, file)
    const megabytes = statSync(file).size / 1e6
    const rounds = frames >= 1_000_000 ? 1 : 3
    const open = []
    const toEnd = []
    const toMiddle = []
    let latency
    for (let round = 0; round < rounds; round++) {
      const { context, tab, state } = await openTab(file)
      open.push(Number(await tab.$eval('#history', (el) => el.dataset.openMs)))
      // The seeks, as a visitor makes them: a click on the timeline's end, then on its middle.
      const box = await tab.locator('#timeline').boundingBox()
      await tab.mouse.click(box.x + box.width - 1, box.y + box.height / 2)
      await state(['ended', 'paused'])
      toEnd.push(Number(await tab.$eval('#history', (el) => el.dataset.seekMs)))
      await tab.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
      await state(['paused'])
      toMiddle.push(Number(await tab.$eval('#history', (el) => el.dataset.seekMs)))
      if (round === 0) {
        // Full speed from the start; keys pressed while it plays (Shift: nothing else reacts to it).
        await tab.selectOption('#speed', 'max')
        await tab.mouse.click(box.x + 1, box.y + box.height / 2)
        await state(['paused'])
        await tab.evaluate(() => (document.activeElement?.blur(), (window.__lat = []), addEventListener('keydown', (e) => window.__lat.push({ late: performance.now() - e.timeStamp, state: document.querySelector('#history').dataset.state }))))
        await tab.click('#play')
        for (let i = 0; i < KEYS; i++) {
          await tab.keyboard.press('Shift')
          await tab.waitForTimeout(25)
        }
        const seen = await tab.evaluate(() => window.__lat)
        const whilePlaying = seen.filter((k) => k.state === 'playing').map((k) => k.late)
        latency = whilePlaying.length > 0 ? { n: whilePlaying.length, median: median(whilePlaying), max: Math.max(...whilePlaying) } : undefined
      }
      await context.close()
    }
    const row = { frames, megabytes: megabytes.toFixed(1), openMs: median(open), seekToEndMs: median(toEnd), seekToMiddleMs: median(toMiddle), keyMedianMs: latency?.median.toFixed(1), keyMaxMs: latency?.max.toFixed(1), keysWhilePlaying: latency?.n }
    log(JSON.stringify({ ...row, open, toEnd, toMiddle }))
    rows.push(row)
  }
} finally {
  await browser.close()
}
console.log('| frames | tape MB | open ms | seek start→end ms | seek end→middle ms | key latency at max, median / max ms (keys) |')
console.log('|---:|---:|---:|---:|---:|---|')
for (const r of rows) {
  console.log(`| ${r.frames.toLocaleString('en-US')} | ${r.megabytes} | ${r.openMs} | ${r.seekToEndMs} | ${r.seekToMiddleMs} | ${r.keyMedianMs ?? '-'} / ${r.keyMaxMs ?? '-'} (${r.keysWhilePlaying ?? 0}) |`)
}

/** A day of tardis.dev cache slices opened at once, seeked to noon: the screenshot, and its open and seek times. */
async function tardisDay() {
  const out = path.join(folder, 'tardis-day')
  if (!existsSync(out)) execFileSync(process.execPath, [path.join(root, 'scripts', 'tardis-fixture.mjs'), '--minutes', '1440', '--out', out], { stdio: 'inherit' })
  const files = []
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name))
      else if (entry.name.endsWith('.json.gz')) files.push(path.join(dir, entry.name))
    }
  }
  walk(path.join(out, 'cache'))
  const { context, tab, state } = await openTab(files)
  const box = await tab.locator('#timeline').boundingBox()
  await tab.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
  await state(['paused'])
  await tab.waitForFunction(() => document.body.dataset.drawn === 'true')
  const figures = await tab.$eval('#history', (el) => ({ frames: el.dataset.frames, openMs: el.dataset.openMs, seekMs: el.dataset.seekMs, recorded: document.querySelector('#recorded').textContent }))
  const shot = path.join(root, 'spec', 'artifacts', 'history', 'tardis-day-noon.png')
  mkdirSync(path.dirname(shot), { recursive: true })
  await tab.screenshot({ path: shot })
  log(`tardis day: ${files.length} slices, ${figures.frames} frames, opened in ${figures.openMs} ms, seek to the middle ${figures.seekMs} ms, at ${figures.recorded}; screenshot ${shot}`)
  await context.close()
}

/** A fresh tab on the playground with `files` opened through its file input, once the page is at their start. */
async function openTab(files) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
  const tab = await context.newPage()
  await tab.goto(page)
  await tab.waitForSelector('#tape li')
  await tab.setInputFiles('#open-file', files)
  const state = (s) => tab.waitForFunction((want) => want.includes(document.querySelector('#history').dataset.state), s, { timeout: 1_800_000 })
  await state(['paused'])
  return { context, tab, state }
}
