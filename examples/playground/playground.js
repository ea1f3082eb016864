// The playground: a DexSocket (the library's UMD) and four panels over it. By default the socket reads a
// simulated market running in this page (the in-process simulator's UMD); history.js swaps in a replay of a
// file the visitor opens. A classic script, so that the page works opened from disk, where browsers refuse
// to load ES modules. Panels keep their state as the streams go and draw once per animation frame, so a
// replay at full speed costs no more drawing than a live market.
;(function () {
  'use strict'

  const $ = (selector) => document.querySelector(selector)
  if (!globalThis.rxjs || !globalThis.BinanceDexRx || !globalThis.BinanceDexRxSimulator) {
    $('#missing').hidden = false
    return
  }
  const rxjs = globalThis.rxjs
  const { DexSocket } = globalThis.BinanceDexRx
  const { startInProcess } = globalThis.BinanceDexRxSimulator
  const { Subscription, scan } = rxjs

  const BOOK_LEVELS = 14
  const TAPE_ROWS = 40
  const CANDLE_MS = 2_000
  const MAX_CANDLES = 60
  const MAX_LINES = 300

  const query = new URLSearchParams(location.search)

  /**
   * What the panels read: `dex`, the markets to pick from, the rxjs scheduler time-based operators run on
   * (`clock`, absent when live), how to show a time, and what stops it.
   */
  let source
  let symbol
  let market = new Subscription()
  let running = new Subscription()
  let pipeline = { lines: [], count: 0 }

  // --------------------------------------------------------------------------------------------------------
  // header: status, block height, market picker
  // --------------------------------------------------------------------------------------------------------

  const picker = $('#symbol')
  picker.addEventListener('change', () => {
    if (source.restart) source.restart({ symbol: picker.value })
    else show(picker.value)
  })

  // --------------------------------------------------------------------------------------------------------
  // order book, trade tape, candles: state kept by the streams, drawn per animation frame
  // --------------------------------------------------------------------------------------------------------

  const trim = (decimal) => decimal.replace(/(\.\d*?[1-9])0+$|\.0+$/, '$1')
  const view = { book: undefined, trades: [], tradeCount: 0, candles: [], height: undefined, dirty: new Set(), drawing: false }
  /** While held (a seek running), panels keep their state but are not drawn; `gapMs` spaces drawings out. */
  const drawing = { held: false, gapMs: 0, drawn: undefined }
  /** `<body data-drawn>`: "false" while a change waits to be drawn, so a test knows when the panels are current. */
  const drawn = (yes) => {
    if (drawing.drawn === yes) return
    drawing.drawn = yes
    document.body.dataset.drawn = String(yes)
  }
  const mark = (part) => {
    view.dirty.add(part)
    drawn(false)
    if (view.drawing || drawing.held) return
    view.drawing = true
    if (drawing.gapMs > 0) setTimeout(() => requestAnimationFrame(draw), drawing.gapMs)
    else requestAnimationFrame(draw)
  }

  function draw() {
    view.drawing = false
    if (drawing.held) return
    const dirty = [...view.dirty]
    view.dirty.clear()
    for (const part of dirty) DRAW[part]()
    drawn(true)
  }

  const DRAW = {
    book: () => view.book && renderBook(view.book),
    trades: renderTrades,
    candles: () => view.candles.length > 0 && drawCandles(view.candles),
    height: () => ($('#block-height').textContent = view.height === undefined ? '—' : view.height.toLocaleString('en-US')),
    output: renderOutput,
  }

  function renderBook(book) {
    const root = $('#book')
    const asks = book.asks.slice(0, BOOK_LEVELS)
    const bids = book.bids.slice(0, BOOK_LEVELS)
    const totals = (levels) => {
      let sum = 0
      return levels.map(([, q]) => (sum += Number(q)))
    }
    const askTotals = totals(asks)
    const bidTotals = totals(bids)
    const widest = Math.max(askTotals.at(-1) ?? 0, bidTotals.at(-1) ?? 0) || 1
    const row = ([price, quantity], total) => {
      const div = document.createElement('div')
      div.innerHTML = '<i></i><span></span><span></span><span></span>'
      div.dataset.price = price
      div.dataset.quantity = quantity
      div.children[0].style.width = `${(100 * total) / widest}%`
      div.children[1].textContent = price
      div.children[2].textContent = trim(quantity)
      div.children[3].textContent = total.toFixed(2)
      return div
    }
    // Asks read upwards from the spread, so the best ask sits right above it.
    root.querySelector('[data-side="asks"]').replaceChildren(...asks.map((l, i) => row(l, askTotals[i])).reverse())
    root.querySelector('[data-side="bids"]').replaceChildren(...bids.map((l, i) => row(l, bidTotals[i])))
    const bestBid = Number(bids[0]?.[0])
    const bestAsk = Number(asks[0]?.[0])
    const both = bids.length > 0 && asks.length > 0
    root.querySelector('[data-role="mid"]').textContent = both ? ((bestBid + bestAsk) / 2).toPrecision(8) : '—'
    root.querySelector('[data-role="spread"]').textContent = both ? (bestAsk - bestBid).toPrecision(4) : '—'
    root.querySelector('[data-role="sync"]').textContent = book.inSync ? 'in sync' : 'resyncing'
    root.dataset.levels = String(Math.min(asks.length, bids.length))
    root.dataset.sync = book.inSync ? 'in-sync' : 'resyncing'
  }

  function renderTrades() {
    const tape = $('#tape')
    tape.replaceChildren(
      ...view.trades.map((trade) => {
        const li = document.createElement('li')
        li.className = trade.tickType === 'SellTaker' ? 'sell' : 'buy'
        li.dataset.id = trade.tradeId
        for (const text of [trade.price, trim(trade.quantity), source.timeOf(Number(trade.tradeTime / 1_000_000n))]) {
          const span = document.createElement('span')
          span.textContent = text
          li.append(span)
        }
        return li
      }),
    )
    tape.dataset.count = String(view.tradeCount)
  }

  function addTrade(trade) {
    view.trades.unshift(trade)
    if (view.trades.length > TAPE_ROWS) view.trades.length = TAPE_ROWS
    view.tradeCount++
    mark('trades')
  }

  /** Folds trades into fixed-width candles: the last MAX_CANDLES, the newest one still open. */
  const toCandles = () =>
    scan((candles, trade) => {
      const ms = Number(trade.tradeTime / 1_000_000n)
      const start = ms - (ms % CANDLE_MS)
      const price = Number(trade.price)
      const last = candles.at(-1)
      if (last && last.start === start) {
        const updated = { ...last, high: Math.max(last.high, price), low: Math.min(last.low, price), close: price }
        return [...candles.slice(0, -1), updated]
      }
      return [...candles, { start, open: price, high: price, low: price, close: price }].slice(-MAX_CANDLES)
    }, [])

  function drawCandles(candles) {
    const canvas = $('#chart')
    const ratio = devicePixelRatio || 1
    const width = canvas.clientWidth
    const height = canvas.clientHeight
    canvas.width = Math.round(width * ratio)
    canvas.height = Math.round(height * ratio)
    const g = canvas.getContext('2d')
    g.scale(ratio, ratio)
    g.clearRect(0, 0, width, height)
    const high = Math.max(...candles.map((c) => c.high))
    const low = Math.min(...candles.map((c) => c.low))
    const range = high - low || high * 0.001 || 1
    g.font = '11px monospace'
    const labels = [high, (high + low) / 2, low].map((price) => [price, price.toPrecision(7)])
    // The price axis is as wide as its widest label: a monospace font's width differs between browsers.
    const labelWidth = Math.max(...labels.map(([, text]) => g.measureText(text).width))
    const pad = { top: 12, bottom: 20, left: 8, right: Math.ceil(labelWidth) + 12 }
    const y = (price) => pad.top + ((high - price) / range) * (height - pad.top - pad.bottom)
    const step = (width - pad.left - pad.right) / MAX_CANDLES
    g.fillStyle = '#848e9c'
    g.strokeStyle = '#1f252c'
    for (const [price, text] of labels) {
      g.beginPath()
      g.moveTo(pad.left, y(price))
      g.lineTo(width - pad.right, y(price))
      g.stroke()
      g.fillText(text, width - pad.right + 6, y(price) + 4)
    }
    candles.forEach((c, i) => {
      const x = pad.left + (MAX_CANDLES - candles.length + i) * step + step / 2
      const color = c.close >= c.open ? '#0ecb81' : '#f6465d'
      g.strokeStyle = g.fillStyle = color
      g.beginPath()
      g.moveTo(x, y(c.high))
      g.lineTo(x, y(c.low))
      g.stroke()
      const top = y(Math.max(c.open, c.close))
      g.fillRect(x - step * 0.35, top, step * 0.7, Math.max(1, y(Math.min(c.open, c.close)) - top))
    })
    const last = candles.at(-1)
    $('#ohlc').textContent = `O ${last.open} H ${last.high} L ${last.low} C ${last.close}`
    canvas.dataset.candles = String(candles.length)
  }

  function show(next) {
    market.unsubscribe()
    market = new Subscription()
    symbol = next
    view.book = undefined
    view.trades = []
    view.tradeCount = 0
    view.candles = []
    $('#book [data-side="asks"]').replaceChildren()
    $('#book [data-side="bids"]').replaceChildren()
    $('#book').dataset.levels = '0'
    $('#chart').dataset.candles = '0'
    mark('trades')
    const { dex } = source
    const keep = (part, key) => (value) => {
      view[key] = value
      mark(part)
    }
    // The panel shows BOOK_LEVELS a side, so it asks for no more: a deeper book would copy every level on
    // each change. A replay draws once a frame anyway: its book needs no throttle, and stays exact at every
    // position.
    market.add(dex.orderBook(symbol, { depth: BOOK_LEVELS, throttleMs: source.clock ? 0 : 100 }).subscribe({ next: keep('book', 'book'), error: () => undefined }))
    market.add(dex.trades(symbol).subscribe({ next: addTrade, error: () => undefined }))
    market.add(dex.trades(symbol).pipe(toCandles()).subscribe({ next: keep('candles', 'candles'), error: () => undefined }))
  }

  // --------------------------------------------------------------------------------------------------------
  // the snippet: the visitor's own pipeline over `dex`
  // --------------------------------------------------------------------------------------------------------

  const PRESETS = {
    'Trades per 2 s': `dex.trades(symbol).pipe(
  bufferTime(2000),
  map((trades) => \`\${trades.length} trades, \${trades.filter((t) => t.tickType === 'BuyTaker').length} bought\`),
)`,
    'Spread of the local book': `dex.orderBook(symbol).pipe(
  filter((book) => book.bids.length > 0 && book.asks.length > 0),
  map((book) => Number(book.asks[0][0]) - Number(book.bids[0][0])),
  distinctUntilChanged(),
  map((spread) => \`spread \${spread.toPrecision(4)}\`),
)`,
    'VWAP of the last 20 trades': `dex.trades(symbol).pipe(
  scan((last, t) => [...last, t].slice(-20), []),
  map((ts) => {
    const volume = ts.reduce((v, t) => v + Number(t.quantity), 0)
    const value = ts.reduce((v, t) => v + Number(t.quantity) * Number(t.price), 0)
    return \`VWAP \${(value / volume).toPrecision(8)} over \${ts.length} trades\`
  }),
)`,
    'Every market, one line per block': `combineLatest([dex.blockHeight(), dex.allMiniTickers()]).pipe(
  throttleTime(1000),
  map(([height, tickers]) => height + ': ' + tickers.map((t) => t.symbol + ' ' + t.lastPrice).join(', ')),
)`,
  }

  const code = $('#code')
  const output = $('#output')
  const preset = $('#preset')
  preset.append(...Object.keys(PRESETS).map((name) => new Option(name, name)))
  preset.addEventListener('change', () => {
    code.value = PRESETS[preset.value]
    rerun()
  })
  code.value = PRESETS[preset.value]

  // Every rxjs export whose name can be a parameter, so snippets can write `map(…)` rather than `rxjs.map(…)`.
  const names = Object.keys(rxjs).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name))

  /**
   * rxjs's time-based functions, each with where its scheduler goes when none is given: an argument
   * position, `'last'` (after whatever was given), or `'config'` (a `scheduler` field of an options object).
   * Over a replay they get the tape's clock, so `bufferTime(2000)` windows by recorded time at any speed.
   */
  const TIMED = {
    bufferTime: 'last', windowTime: 'last', auditTime: 1, debounceTime: 1, sampleTime: 1, throttleTime: 1,
    delay: 1, interval: 1, timer: 'timer', timeInterval: 0, timestamp: 0, timeout: 'config',
  }
  const isScheduler = (value) => typeof value?.schedule === 'function' && typeof value?.now === 'function'

  function onClock(name, fn, clock) {
    const where = TIMED[name]
    return (...args) => {
      if (args.some(isScheduler)) return fn(...args)
      if (where === 'last') return fn(...args, clock)
      if (where === 'timer') return args.length >= 2 ? fn(args[0], args[1], clock) : fn(args[0], clock)
      if (where === 'config') {
        const [first, ...rest] = args
        return typeof first === 'object' && first !== null && !(first instanceof Date)
          ? fn({ ...first, scheduler: first.scheduler ?? clock }, ...rest)
          : fn(first, clock, ...rest.slice(1))
      }
      const given = [...args]
      while (given.length < where) given.push(undefined)
      given[where] = clock
      return fn(...given)
    }
  }

  function scope() {
    const { dex, clock } = source
    const exports = names.map((n) => [n, clock && n in TIMED ? onClock(n, rxjs[n], clock) : rxjs[n]])
    return { ...Object.fromEntries(exports), rxjs, dex, sim: source.sim, clock }
  }

  function line(text, kind) {
    pipeline.lines.push({ text, kind })
    if (pipeline.lines.length > MAX_LINES) pipeline.lines.splice(0, pipeline.lines.length - MAX_LINES)
    pipeline.count++
    mark('output')
  }

  function renderOutput() {
    output.replaceChildren(
      ...pipeline.lines.map(({ text, kind }) => {
        const li = document.createElement('li')
        li.textContent = text
        if (kind) li.className = kind
        return li
      }),
    )
    output.scrollTop = output.scrollHeight
    output.dataset.lines = String(pipeline.count)
  }

  const describe = (value) =>
    typeof value === 'string'
      ? value
      : JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value)

  /** The snippet as a function of the scope: an expression first, else a body with its own `return`. */
  function compile(source, params) {
    try {
      return new Function(...params, `return (\n${source}\n)`)
    } catch {
      return new Function(...params, source)
    }
  }

  function stop(note) {
    running.unsubscribe()
    $('#stop').disabled = true
    $('#run-state').textContent = note
  }

  function run() {
    stop('')
    pipeline = { lines: [], count: 0 }
    mark('output')
    const values = scope()
    let result
    try {
      result = compile(code.value, [...Object.keys(values), 'symbol'])(...Object.values(values), symbol)
    } catch (error) {
      return line(`${error.name}: ${error.message}`, 'error')
    }
    if (!rxjs.isObservable(result)) return line('The snippet must give an Observable (it gave ' + describe(result) + ')', 'error')
    $('#stop').disabled = false
    $('#run-state').textContent = `running on ${symbol}`
    running = result.subscribe({
      next: (value) => line(describe(value)),
      error: (error) => {
        line(`${error?.name ?? 'Error'}: ${error?.message ?? describe(error)}`, 'error')
        stop('failed')
      },
      complete: () => {
        line('complete', 'done')
        stop('completed')
      },
    })
  }

  /** Runs the snippet: over a replay, from the tape's start to where it stands, so its output is exact. */
  function rerun() {
    if (source.restart) source.restart({})
    else run()
  }

  $('#run').addEventListener('click', rerun)
  $('#stop').addEventListener('click', () => stop('stopped'))
  code.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      rerun()
    }
  })

  // --------------------------------------------------------------------------------------------------------
  // sources: the in-page market, or whatever history.js attaches
  // --------------------------------------------------------------------------------------------------------

  let status = new Subscription()

  /**
   * Points every panel and the snippet at `next` ({ dex, symbols, symbol?, clock?, sim?, timeOf, restart?,
   * close }): closes the previous source, subscribes the panels, then runs the snippet.
   */
  function attach(next) {
    const previous = source
    market.unsubscribe()
    running.unsubscribe()
    status.unsubscribe()
    source = next
    if (previous && previous !== next) previous.close()
    status = new Subscription()
    status.add(
      next.dex.status$.subscribe((s) => {
        $('#status').dataset.state = s.state
        $('#status .label').textContent = s.state
      }),
    )
    view.height = undefined
    mark('height')
    status.add(next.dex.blockHeight().subscribe({ next: (h) => ((view.height = h), mark('height')), error: () => undefined }))
    const chosen = next.symbol ?? symbol
    const current = next.symbols.includes(chosen) ? chosen : next.symbols[0]
    picker.replaceChildren(...next.symbols.map((s) => new Option(s, s, false, s === current)))
    show(current)
    run()
  }

  function live() {
    const seed = Number(query.get('seed') ?? 1)
    const sim = startInProcess({ market: { seed: Number.isFinite(seed) ? seed : 1 } })
    const dex = new DexSocket({ url: sim.url, WebSocketCtor: sim.WebSocket })
    const symbol = sim.symbols.includes(query.get('symbol')) ? query.get('symbol') : sim.symbols[0]
    return {
      dex,
      sim,
      symbols: sim.symbols,
      symbol,
      timeOf: (ms) => new Date(ms).toLocaleTimeString('en-GB'),
      close() {
        dex.close()
        sim.stop()
      },
    }
  }

  attach(live())

  globalThis.playground = {
    attach,
    /** Stops drawing the panels (true) or draws what changed meanwhile and goes on (false). */
    hold(held) {
      drawing.held = held
      if (!held && view.dirty.size > 0) mark([...view.dirty][0])
    },
    /** The least time between two drawings of the panels (0: every animation frame). */
    drawEvery(ms) {
      drawing.gapMs = ms
    },
    live: () => attach(live()),
    /** The market the panels show. */
    get symbol() {
      return symbol
    },
  }

  addEventListener('pagehide', () => {
    running.unsubscribe()
    market.unsubscribe()
    status.unsubscribe()
    source.close()
  })
})()
