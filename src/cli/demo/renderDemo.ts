import type { Paint, Style } from './ansi'
import type { DemoState } from './DemoState'
import { clock, compactAmount, percent, trimZeros, type TimeZone } from './format'
import { renderBook } from './renderBook'
import { renderTrades } from './renderTrades'
import {
  fitGroups,
  fitSegments,
  paintSegments,
  segmentsWidth,
  spread,
  type Segment,
  type Segments,
} from './segments'

/** @internal How and where to draw. */
export interface RenderOptions {
  readonly columns: number
  readonly rows: number
  readonly paint: Paint
  readonly timeZone: TimeZone
  /** Show the key hints: only an interactive terminal reads keys. */
  readonly interactive: boolean
}

/** The smallest terminal the view is drawn in; below it, a one-line notice. */
export const MIN_COLUMNS = 40
export const MIN_ROWS = 10
/** The trades panel appears beside the book from this width on. */
const SIDE_BY_SIDE = 64
/** marketDepth sends 20 levels. */
const MAX_LEVELS = 20
/** Header, top rule, column header, bottom rule, kline, ticker, footer, plus the spread row. */
const CHROME_ROWS = 8

/**
 * @internal
 * The whole view as lines, at most `columns` wide and `rows` tall: a pure function of the state, so it is
 * tested without a terminal. In 80x24: header, 8 asks and 8 bids with the spread beside the 17 latest
 * trades, the 1m kline, the 24h ticker and a footer.
 */
export function renderDemo(state: DemoState, options: RenderOptions): string[] {
  const { columns, rows, paint } = options
  if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
    const notice = `terminal too small (${columns}x${rows}): need ${MIN_COLUMNS}x${MIN_ROWS}`
    return rows > 0 && columns > 0 ? [paintSegments(fitSegments([[notice, 'yellow']], columns), paint)] : []
  }
  const levels = Math.min(MAX_LEVELS, Math.floor((rows - CHROME_ROWS) / 2))
  const body = 2 * levels + 1
  const bookWidth = columns >= SIDE_BY_SIDE ? Math.floor(columns * 0.55) : columns
  const tradesWidth = columns - bookWidth - 1
  const book = renderBook(state.book, levels, bookWidth)
  const lines: Segments[] = [header(state, columns)]
  if (tradesWidth > 0) {
    const trades = renderTrades(state.trades, body, tradesWidth, options.timeZone)
    lines.push(rule(columns, bookWidth, '┬', ' Order book ', ' Trades '))
    lines.push([...book.header, ['│', 'dim'], ...trades.header])
    for (let i = 0; i < body; i++) lines.push([...book.rows[i], ['│', 'dim'], ...trades.rows[i]])
    lines.push(rule(columns, bookWidth, '┴'))
  } else {
    lines.push(rule(columns, columns, '', ' Order book '), book.header, ...book.rows)
    lines.push(rule(columns, columns, ''))
  }
  lines.push(klineLine(state, columns, options.timeZone), tickerLine(state, columns), footer(state, options))
  return lines.map((line) => paintSegments(fitSegments(line, columns), paint))
}

function header(state: DemoState, width: number): Segment[] {
  const { symbols, symbol } = state
  const index = symbols.indexOf(symbol)
  const position = symbols.length > 1 && index >= 0 ? ` ${index + 1}/${symbols.length}` : ''
  const height = state.height === undefined ? '—' : String(state.height)
  const title = symbol || 'choosing a symbol…'
  const left: Segments = [[' binance-dex-rx ', 'dim'], [title, 'bold'], [position, 'dim']]
  const right: Segments = [['block ', 'dim'], [height, 'cyan'], ['  '], ...badge(state), [' ']]
  return spread(left, right, width)
}

function badge(state: DemoState): Segment[] {
  const { state: s, attempt } = state.connection
  if (s === 'open' || s === 'reconnected') return [['● live', 'green']]
  if (s === 'reconnecting') {
    return [[`◌ reconnecting${attempt === undefined ? '' : ` #${attempt}`}`, 'yellow']]
  }
  if (s === 'closed') return [['✕ closed', 'red']]
  return [['○ connecting', 'yellow']]
}

/** A horizontal rule with an optional joint at `at` and titles over each part. */
function rule(width: number, at: number, joint: string, leftTitle = '', rightTitle = ''): Segment[] {
  const part = (title: string, w: number): string => ('─' + title).padEnd(w, '─').slice(0, Math.max(0, w))
  const right = width - at - joint.length
  return [[part(leftTitle, at) + joint + part(rightTitle, right), 'dim']]
}

function klineLine(state: DemoState, width: number, zone: TimeZone): Segment[] {
  const k = state.kline
  if (k === undefined) return fitSegments([[' 1m  waiting for the kline…', 'dim']], width)
  const direction: Style = Number(k.close) >= Number(k.open) ? 'green' : 'red'
  return fitGroups(
    [
      [[' 1m ', 'dim'], [clock(k.openTime, zone, false), 'dim']],
      [['  O ', 'dim'], [trimZeros(k.open)]],
      [['  H ', 'dim'], [trimZeros(k.high)]],
      [['  L ', 'dim'], [trimZeros(k.low)]],
      [['  C ', 'dim'], [trimZeros(k.close), direction]],
      [['  V ', 'dim'], [compactAmount(k.volume)]],
      [['  n ', 'dim'], [String(k.trades)]],
    ],
    width,
  )
}

function tickerLine(state: DemoState, width: number): Segment[] {
  const t = state.ticker
  if (t === undefined) return fitSegments([[' 24h waiting for the ticker…', 'dim']], width)
  const change = Number(t.priceChangePercent)
  const style: Style = change > 0 ? 'green' : change < 0 ? 'red' : 'dim'
  return fitGroups(
    [
      [[' 24h ', 'dim'], ['last ', 'dim'], [trimZeros(t.lastPrice), 'bold']],
      [['  '], [percent(t.priceChangePercent), style]],
      [['  high ', 'dim'], [trimZeros(t.high)]],
      [['  low ', 'dim'], [trimZeros(t.low)]],
      [['  vol ', 'dim'], [compactAmount(t.volume)]],
      [['  trades ', 'dim'], [String(t.trades)]],
    ],
    width,
  )
}

function footer(state: DemoState, options: RenderOptions): Segment[] {
  const keys: Segments = options.interactive
    ? [[' q', 'bold'], [' quit  ', 'dim'], ['s/tab', 'bold'], [' next symbol', 'dim']]
    : []
  const right: Segments = state.lastError ? [[` ${state.lastError}`, 'red']] : [[state.source, 'dim']]
  const room = options.columns - segmentsWidth(keys)
  // An error longer than the room left still shows its beginning.
  if (segmentsWidth(right) > room) return [...keys, ...fitSegments(right, room)]
  return spread(keys, [...right, [' ']], options.columns)
}
