// The playground: a simulated market running in this page (the in-process simulator's UMD), a DexSocket
// (the library's UMD) reading it through the simulator's WebSocket class, and four panels. A classic script,
// so that the page works opened from disk, where browsers refuse to load ES modules.
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
  const { Subscription, scan, map } = rxjs

  const BOOK_LEVELS = 14
  const TAPE_ROWS = 40
  const CANDLE_MS = 2_000
  const MAX_CANDLES = 60

  const query = new URLSearchParams(location.search)
  const seed = Number(query.get('seed') ?? 1)
  const sim = startInProcess({ market: { seed: Number.isFinite(seed) ? seed : 1 } })
  const dex = new DexSocket({ url: sim.url, WebSocketCtor: sim.WebSocket })
  let symbol = sim.symbols.includes(query.get('symbol')) ? query.get('symbol') : sim.symbols[0]
  let market = new Subscription()

  // --------------------------------------------------------------------------------------------------------
  // header: status, block height, market picker
  // --------------------------------------------------------------------------------------------------------

  dex.status$.subscribe((s) => {
    $('#status').dataset.state = s.state
    $('#status .label').textContent = s.state
  })
  dex.blockHeight().subscribe((h) => ($('#block-height').textContent = h.toLocaleString('en-US')))
  const picker = $('#symbol')
  picker.append(...sim.symbols.map((s) => new Option(s, s, false, s === symbol)))
  picker.addEventListener('change', () => show(picker.value))

  // --------------------------------------------------------------------------------------------------------
  // order book, trade tape, candles
  // --------------------------------------------------------------------------------------------------------

  const trim = (decimal) => decimal.replace(/(\.\d*?[1-9])0+$|\.0+$/, '$1')

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
    if (bids.length && asks.length) {
      root.querySelector('[data-role="mid"]').textContent = ((bestBid + bestAsk) / 2).toPrecision(8)
      root.querySelector('[data-role="spread"]').textContent = (bestAsk - bestBid).toPrecision(4)
    }
    root.querySelector('[data-role="sync"]').textContent = book.inSync ? 'in sync' : 'resyncing'
    root.dataset.levels = String(Math.min(asks.length, bids.length))
  }

  function addTrade(trade) {
    const tape = $('#tape')
    const li = document.createElement('li')
    li.className = trade.tickType === 'SellTaker' ? 'sell' : 'buy'
    const time = new Date(Number(trade.tradeTime / 1_000_000n)).toLocaleTimeString('en-GB')
    for (const text of [trade.price, trim(trade.quantity), time]) {
      const span = document.createElement('span')
      span.textContent = text
      li.append(span)
    }
    tape.prepend(li)
    while (tape.children.length > TAPE_ROWS) tape.lastChild.remove()
    tape.dataset.count = String(Number(tape.dataset.count) + 1)
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
    $('#tape').replaceChildren()
    $('#tape').dataset.count = '0'
    market.add(dex.orderBook(symbol, { throttleMs: 100 }).subscribe(renderBook))
    market.add(dex.trades(symbol).subscribe(addTrade))
    market.add(dex.trades(symbol).pipe(toCandles()).subscribe(drawCandles))
  }
  show(symbol)

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
    run()
  })
  code.value = PRESETS[preset.value]

  // Every rxjs export whose name can be a parameter, so snippets can write `map(…)` rather than `rxjs.map(…)`.
  const names = Object.keys(rxjs).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name))
  const scope = { ...Object.fromEntries(names.map((n) => [n, rxjs[n]])), rxjs, dex, sim }

  let running = new Subscription()
  const MAX_LINES = 300

  function line(text, kind) {
    const li = document.createElement('li')
    li.textContent = text
    if (kind) li.className = kind
    output.append(li)
    while (output.children.length > MAX_LINES) output.firstChild.remove()
    output.scrollTop = output.scrollHeight
    output.dataset.lines = String(Number(output.dataset.lines) + 1)
  }

  const describe = (value) =>
    typeof value === 'string'
      ? value
      : JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value)

  /** The snippet as a function of the scope: an expression first, else a body with its own `return`. */
  function compile(source) {
    const params = [...Object.keys(scope), 'symbol']
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
    output.replaceChildren()
    output.dataset.lines = '0'
    let result
    try {
      result = compile(code.value)(...Object.values(scope), symbol)
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

  $('#run').addEventListener('click', run)
  $('#stop').addEventListener('click', () => stop('stopped'))
  code.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      run()
    }
  })
  run()

  addEventListener('pagehide', () => {
    running.unsubscribe()
    market.unsubscribe()
    dex.close()
    sim.stop()
  })
})()
