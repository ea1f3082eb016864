// The dashboard: one DexSocket from the UMD bundle (global `BinanceDexRx`, with rxjs's UMD as global `rxjs`),
// feeding five panels. Everything live comes from the WebSocket streams; the only HTTP request is the candle
// history (`GET /api/v1/klines` on the same host), since the stream sends only the current candle. In the
// no-server mode the history comes from the simulated market in the page instead.
import { CandleChart } from './CandleChart.js'
import { ConnectionPanel } from './ConnectionPanel.js'
import { precisionOf } from './decimal.js'
import { DepthChart } from './DepthChart.js'
import { MarketList } from './MarketList.js'
import { OrderBookPanel } from './OrderBookPanel.js'
import { StreamStats } from './StreamStats.js'
import { TickerBar } from './TickerBar.js'
import { TradeTape } from './TradeTape.js'

const { DexSocket, KlineInterval } = globalThis.BinanceDexRx
const { Subscription } = globalThis.rxjs

const BOOK_LEVELS = 20
const INTERVALS = [...new Set(Object.values(KlineInterval))]
const $ = (selector) => document.querySelector(selector)

// ---------------------------------------------------------------------------------------------------------
// settings: ?url=&symbol=&interval=, else the URL the server put in <meta name="dex-url">
// ---------------------------------------------------------------------------------------------------------

const query = new URLSearchParams(location.search)
const settings = {
  url: query.get('url') || $('meta[name="dex-url"]')?.content || 'ws://127.0.0.1:8090/api/',
  symbol: query.get('symbol')?.toUpperCase() || undefined,
  interval: INTERVALS.includes(query.get('interval')) ? query.get('interval') : '1m',
}

function remember() {
  const q = new URLSearchParams({ url: settings.url, interval: settings.interval })
  if (settings.symbol) q.set('symbol', settings.symbol)
  history.replaceState(null, '', `?${q}`)
}

// ---------------------------------------------------------------------------------------------------------
// panels
// ---------------------------------------------------------------------------------------------------------

const connection = new ConnectionPanel({
  pill: $('#status'),
  log: $('#conn-log'),
  drops: $('#drops'),
  errors: $('#error-count'),
})
const markets = new MarketList($('#markets'), (symbol) => selectSymbol(symbol))
const ticker = new TickerBar($('#ticker'))
const book = new OrderBookPanel($('#book'), BOOK_LEVELS)
const tape = new TradeTape($('#trades'))
const chart = new CandleChart($('#chart'), $('#ohlc'))
const depth = new DepthChart($('#depth'))
const blockHeight = $('#block-height')
const stats = new StreamStats($('#streams'))

let dex
let session = new Subscription()
let market = new Subscription()
let klines = new Subscription()
let precision = { price: 2, quantity: 0 }

/** Prices and quantities are shown with the finest decimals seen so far for the symbol (never fewer). */
function learn(levels) {
  const seen = precisionOf(levels, precision.price)
  if (seen.price === precision.price && seen.quantity <= precision.quantity) return
  precision = { price: seen.price, quantity: Math.max(seen.quantity, precision.quantity) }
  chart.setPrecision(precision)
  tape.setPrecision(precision)
}

const report = (what) => (error) => connection.entry('error', `${what} stopped: ${error.message}`)

// ---------------------------------------------------------------------------------------------------------
// wiring
// ---------------------------------------------------------------------------------------------------------

// No-server mode: the URL `in-process` streams from a simulated market running in this page, loaded on demand
// from the in-process simulator's UMD bundle (global `BinanceDexRxSimulator`).
const IN_PROCESS = 'in-process'
const HISTORY_MS = 60 * 60_000
let simulator

function loadSimulator() {
  if (globalThis.BinanceDexRxSimulator) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const script = document.createElement('script')
    script.src = 'lib/binance-dex-rx-simulator.umd.min.js'
    script.onload = resolve
    script.onerror = () => reject(new Error(`could not load ${script.src}`))
    document.head.append(script)
  })
}

function socketOptions(url) {
  if (url !== IN_PROCESS) return { url }
  // Some market history first, so that the chart opens with candles as it does against a server's REST.
  simulator ??= globalThis.BinanceDexRxSimulator.startInProcess({ market: {}, warmUpMs: HISTORY_MS })
  return { url: simulator.url, WebSocketCtor: simulator.WebSocket }
}

function open(url) {
  if (url !== IN_PROCESS) return connect(url)
  loadSimulator().then(
    () => connect(url),
    (error) => connection.entry('error', error.message),
  )
}

function connect(url) {
  let next
  try {
    next = new DexSocket(socketOptions(url))
  } catch (error) {
    connection.entry('error', error.message)
    return
  }
  session.unsubscribe()
  dex?.close()
  dex = next
  settings.url = url
  $('#url').value = url
  remember()
  connection.reset(url)
  markets.clear()
  stats.clear()
  session = new Subscription()
  // status$ and errors$ do not replay: listen before the first stream opens the connection.
  session.add(dex.status$.subscribe((s) => connection.status(s)))
  session.add(dex.errors$.subscribe((e) => connection.error(e)))
  session.add(
    dex.blockHeight().pipe(stats.track('blockheight')).subscribe({
      next: (height) => {
        blockHeight.textContent = height.toLocaleString('en-US')
        blockHeight.dataset.height = String(height)
        blockHeight.classList.remove('tick')
        void blockHeight.offsetWidth
        blockHeight.classList.add('tick')
      },
      error: report('block height'),
    }),
  )
  session.add(
    dex.allMiniTickers().pipe(stats.track('allMiniTickers')).subscribe({
      next: (list) => {
        markets.update(list)
        if (!settings.symbol && markets.first()) selectSymbol(markets.first())
      },
      error: report('markets'),
    }),
  )
  if (settings.symbol) selectSymbol(settings.symbol)
}

function selectSymbol(symbol) {
  market.unsubscribe()
  klines.unsubscribe()
  market = new Subscription()
  settings.symbol = symbol
  remember()
  markets.select(symbol)
  precision = { price: 2, quantity: 0 }
  $('#pair-base').textContent = symbol.split('_')[0]
  $('#pair-quote').textContent = `/${symbol.split('_')[1] ?? ''}`
  ticker.clear()
  book.clear()
  depth.clear()
  tape.clear()
  try {
    // A local book (snapshots + diffs) holds more levels than one top-20 snapshot: the depth chart uses them.
    $('#book-source').textContent = 'local book'
    const books = dex.orderBook(symbol, { throttleMs: 100 }).pipe(stats.track('marketDepth+Diff'))
    market.add(
      books.subscribe({
        next: (b) => {
          learn([...b.bids.slice(0, BOOK_LEVELS), ...b.asks.slice(0, BOOK_LEVELS)])
          book.update(b, precision)
          depth.update(b, precision)
        },
        error: report('order book'),
      }),
    )
    market.add(
      dex.ticker(symbol).pipe(stats.track('ticker')).subscribe({
        next: (t) => {
          learn([[t.lastPrice, t.lastQuantity]])
          ticker.update(t, precision)
          document.title = `${t.lastPrice.replace(/\.?0+$/, '')} ${symbol} · binance-dex-rx`
        },
        error: report('ticker'),
      }),
    )
    market.add(
      dex.trades(symbol).pipe(stats.track('trades')).subscribe({
        next: (t) => {
          learn([[t.price, t.quantity]])
          tape.add(t, precision)
        },
        error: report('trades'),
      }),
    )
  } catch (error) {
    connection.entry('error', error.message) // DexInputError: a symbol the library rejects
  }
  selectInterval(settings.interval)
}

function selectInterval(interval) {
  klines.unsubscribe()
  stats.forget(`kline_${settings.interval}`)
  settings.interval = interval
  remember()
  for (const button of document.querySelectorAll('#intervals button')) {
    button.classList.toggle('active', button.dataset.interval === interval)
  }
  chart.reset(interval)
  chart.setPrecision(precision)
  if (!settings.symbol) return
  klines = dex
    .klines(settings.symbol, interval)
    .pipe(stats.track(`kline_${interval}`))
    .subscribe({ next: (k) => chart.add(k), error: report('klines') })
  loadHistory(settings.symbol, interval, klines)
}

/** The REST base beside a WebSocket API base: `ws://h:p/api/` -> `http://h:p/api/`. */
const restBase = (url) => url.replace(/^ws/i, 'http').replace(/\/*$/, '/')

/** Fetches the chart's history; a server without REST (or a failed request) leaves the chart stream-only. */
function loadHistory(symbol, interval, subscription) {
  if (settings.url === IN_PROCESS) return chart.seed(marketHistory(symbol, interval))
  const url = `${restBase(settings.url)}v1/klines?symbol=${encodeURIComponent(symbol)}&interval=${interval}&limit=240`
  fetch(url)
    .then((res) => (res.ok ? res.json() : Promise.reject(new Error(`HTTP ${res.status}`))))
    .then((rows) => {
      // The user may have switched symbol or interval meanwhile: this history is for a chart that is gone.
      if (!subscription.closed && Array.isArray(rows)) chart.seed(rows)
    })
    .catch((error) => connection.entry('error', `no candle history: ${error.message}`))
}

/** The in-page market's candles as REST rows `[openTime, open, high, low, close, volume, closeTime, …]`. */
function marketHistory(symbol, interval) {
  try {
    const candles = simulator?.market?.candles(symbol, interval, 240) ?? []
    return candles.map((k) => [k.t, k.o, k.h, k.l, k.c, k.v, k.T, k.q, k.n])
  } catch (error) {
    connection.entry('error', `no candle history: ${error.message}`) // a symbol the market does not list
    return []
  }
}

// ---------------------------------------------------------------------------------------------------------
// controls
// ---------------------------------------------------------------------------------------------------------

$('#intervals').append(
  ...INTERVALS.map((interval) => {
    const button = document.createElement('button')
    button.type = 'button'
    button.textContent = interval
    button.dataset.interval = interval
    button.addEventListener('click', () => selectInterval(interval))
    return button
  }),
)
$('#url-form').addEventListener('submit', (event) => {
  event.preventDefault()
  settings.symbol = undefined
  open($('#url').value.trim())
})
addEventListener('pagehide', () => {
  dex?.close()
  simulator?.stop()
})

open(settings.url)
