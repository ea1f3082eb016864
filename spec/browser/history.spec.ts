import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { ENGINES, useEnginePage, type EngineName } from './helpers/engines'
import { buildPlayground } from './helpers/playground'
import { EXAMPLE_TAPE, pageFile, referenceAt, tapeOf, tardisSliceFiles, type PageFile, type ReferenceState } from './helpers/historyReference'

// History in the playground, in Chromium, Firefox and WebKit: the page, opened from file://, is given the
// committed example tape and the tardis.dev-format fixture (six one-minute cache slices, gzipped, latest
// first) through its file input; it plays them at full speed (?speed=max), then is seeked by clicks on the
// timeline to the middle and to the end. At each stop the trade shown last and the order book shown are the
// ones replayTape gives in Node over the same lines up to the same position. Nothing but file: is loaded.

const ARTIFACTS = join(__dirname, '..', 'artifacts', 'history')
const LEVELS = 14
/** Launching a browser and replaying are slow on a loaded machine; nothing here waits on a clock. */
const SLOW = 300_000

let playground: string

beforeAll(() => {
  playground = buildPlayground()
  mkdirSync(ARTIFACTS, { recursive: true })
})

// ----------------------------------------------------------------------------------------------------------
// in the page (each function is sent as its source: self-contained)
// ----------------------------------------------------------------------------------------------------------

/** Gives the page's file input these files, as a visitor picking them would. */
function openFiles(files: PageFile[]): boolean {
  const transfer = new DataTransfer()
  for (const { name, base64 } of files) {
    const text = atob(base64)
    const bytes = new Uint8Array(text.length)
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i)
    transfer.items.add(new File([bytes], name))
  }
  const input = document.querySelector('#open-file') as HTMLInputElement
  input.files = transfer.files
  input.dispatchEvent(new Event('change'))
  return true
}

/** A press and release on the timeline at `fraction` of its width. */
function clickTimeline(fraction: number): boolean {
  const timeline = document.querySelector('#timeline') as HTMLElement
  const box = timeline.getBoundingClientRect()
  const init = { clientX: box.left + box.width * fraction, clientY: box.top + box.height / 2, bubbles: true, pointerId: 1, isPrimary: true }
  timeline.dispatchEvent(new PointerEvent('pointerdown', init))
  timeline.dispatchEvent(new PointerEvent('pointerup', init))
  return true
}

interface Shown extends ReferenceState {
  readonly state: string
  readonly position: number
  readonly symbol: string
  readonly recorded: string
  readonly foreign: string[]
  /** Whether every change so far has been drawn. */
  readonly drawn: boolean
}

function shown(): Shown {
  const history = document.querySelector('#history') as HTMLElement
  const rows = (side: string): string[][] =>
    Array.from(document.querySelectorAll<HTMLElement>(`#book .${side} > div`)).map((row) => [row.dataset.price ?? '', row.dataset.quantity ?? ''])
  const top = document.querySelector<HTMLElement>('#tape li')
  const sync = (document.querySelector('#book') as HTMLElement).dataset.sync
  return {
    state: history.dataset.state ?? '',
    position: Number(history.dataset.position),
    symbol: (document.querySelector('#symbol') as HTMLSelectElement).value,
    recorded: (document.querySelector('#recorded') as HTMLElement).textContent ?? '',
    lastTrade: top ? { id: top.dataset.id ?? '', price: top.firstElementChild?.textContent ?? '' } : undefined,
    bids: rows('bids'),
    // Asks are listed best last, right above the spread.
    asks: rows('asks').reverse(),
    inSync: sync === undefined ? undefined : sync === 'in-sync',
    drawn: document.body.dataset.drawn === 'true',
    foreign: performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((url) => !/^(file|data):/.test(url)),
  }
}

/** Stopped in one of `states`, with the panels drawn as they stand. */
const stoppedIn = (states: string[]) => (value: Shown) => states.includes(value.state) && value.drawn

// ----------------------------------------------------------------------------------------------------------

const SOURCES: [string, () => string[]][] = [
  ['the example tape', () => [EXAMPLE_TAPE]],
  ['tardis.dev cache slices', tardisSliceFiles],
]

describe.each(ENGINES)('%s', (engine: EngineName) => {
  const page = useEnginePage(engine, SLOW)

  it.each(SOURCES)('plays %s at max, seeks to the middle and the end, showing what replayTape gives there', async (name, paths) => {
    const files = paths()
    const tape = await tapeOf(files)
    await page.goto(`${playground}?speed=max`)
    await page.waitFor('the live market first', () => document.querySelector('#tape li') !== null, null)
    await page.evaluate(openFiles, files.map(pageFile))

    const expectAt = async (what: string, states: string[]): Promise<Shown> => {
      const seen = await page.waitFor(`${name}: ${what}`, shown, null, stoppedIn(states))
      const reference = await referenceAt(tape, seen.symbol, seen.position, LEVELS)
      expect({ lastTrade: seen.lastTrade, bids: seen.bids, asks: seen.asks, inSync: seen.inSync }).toEqual(reference)
      return seen
    }

    // ?speed=max: the file plays to its end on opening.
    const end = await expectAt('at the end of the first play', ['ended'])
    expect(end.position).toBe(tape.ats.at(-1))
    expect(end.lastTrade).toBeDefined()
    expect(end.inSync).toBe(true)
    expect(end.recorded).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC$/)

    await page.evaluate(clickTimeline, 0.5)
    const middle = await expectAt('after a seek to the middle', ['paused'])
    expect(middle.position).toBeGreaterThan(0)
    expect(middle.position).toBeLessThan(tape.ats.at(-1) as number)
    if (name.startsWith('tardis')) await page.screenshot(join(ARTIFACTS, `${engine}-tardis-middle.png`))

    await page.evaluate(clickTimeline, 1)
    const again = await expectAt('after a seek to the end', ['ended'])
    expect(again.lastTrade).toEqual(end.lastTrade)
    expect(again.foreign).toEqual([])
    expect(await page.errors()).toEqual([])
  }, SLOW)
})
