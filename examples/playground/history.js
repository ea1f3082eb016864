// History in the playground: open a tape, tardis.dev cache slices or tardis-machine NDJSON (gzipped or not,
// read in the page with DecompressionStream), then play, pause and scrub it with every panel and the
// visitor's pipeline running in recorded time. Built on `replayTape`: the page feeds it the tape's lines as
// far as the position allows, so the same lines always give the same state. A seek forward lets the current
// replay run on to the new position at full speed; a seek back starts a replay from the tape's start and
// runs it to the position. Either way the state at t is the state a replay from the start to t gives.
;(function () {
  'use strict'

  const $ = (selector) => document.querySelector(selector)
  if (!globalThis.playground || !globalThis.BinanceDexRxHistory) return
  const { replayTape, tardisTapeLines } = globalThis.BinanceDexRxHistory

  const SPEEDS = [1, 10, 100, 1000, 'max']
  /** Lines handed to the replay at once at full speed: enough to amortise a read, few enough to pause on. */
  const CHUNK_LINES = 512
  /** The least time between two drawings of the panels while playing at full speed. */
  const MAX_SPEED_DRAW_MS = 100
  /** The least time between two drawings of the timeline while a seek runs. */
  const SEEK_DRAW_MS = 250
  /** How long reading a file may hold the page before it lets a frame be drawn. */
  const SLICE_MS = 12
  /** A line that moves the tape clock to `at` and carries nothing: work due by then runs, no frame. */
  const tickLine = (at) => `{"at":${at},"conn":"market","frame":"{}"}\n`
  const AT = /^\{"at":(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?),/
  const TRADE_LABEL = '{\\"stream\\":\\"trades\\"'
  const SYMBOL = /\\"s\\":\\"([^\\"]+)\\"/

  const query = new URLSearchParams(location.search)
  const root = $('#history')
  const timeline = $('#timeline')
  const playButton = $('#play')
  const speedPicker = $('#speed')

  /** The opened tape: header line, lines and their `at`, span, markets. */
  let tape
  /** The replay the panels read, with its feed. */
  let replay
  let speed = initialSpeed()
  let playing = false
  /** Where the tape stands, in ms after its start, while paused or playing at a finite speed. */
  let position = 0
  let anchor = { wall: 0, at: 0 }
  let seekStarted
  let generation = 0

  // --------------------------------------------------------------------------------------------------------
  // opening files
  // --------------------------------------------------------------------------------------------------------

  function initialSpeed() {
    const asked = query.get('speed')
    if (asked === null) return 1
    if (asked === 'max') return 'max'
    const n = Number(asked)
    return n > 0 && Number.isFinite(n) ? n : 1
  }

  for (const s of new Set([...SPEEDS, speed])) speedPicker.append(new Option(s === 'max' ? 'max' : `${s}×`, String(s), false, s === speed))

  /** Yields to the event loop (a macrotask), so the page draws and takes input. */
  const channel = new MessageChannel()
  const waiting = []
  channel.port1.onmessage = () => waiting.shift()?.()
  const breathe = () => new Promise((resolve) => (waiting.push(resolve), channel.port2.postMessage(0)))

  /** The lines of a file, gzipped or not (told by its first bytes), a chunk at a time. */
  async function* fileLines(file) {
    const head = new Uint8Array(await file.slice(0, 2).arrayBuffer())
    const gzipped = head[0] === 0x1f && head[1] === 0x8b
    const text = (gzipped ? file.stream().pipeThrough(new DecompressionStream('gzip')) : file.stream()).pipeThrough(new TextDecoderStream())
    const reader = text.getReader()
    let carry = ''
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        const lines = (carry + value).split('\n')
        carry = lines.pop()
        yield lines
      }
    } finally {
      void reader.cancel().catch(() => undefined)
    }
    if (carry !== '') yield [carry]
  }

  async function firstLine(file) {
    for await (const lines of fileLines(file)) {
      const found = lines.find((l) => l.trim() !== '')
      if (found !== undefined) return found
    }
    return ''
  }

  /** Reads the files into a tape held by the page: a recorded tape as it is, tardis.dev data converted. */
  async function read(files) {
    const opened = { header: '', lines: [], ats: [], trades: new Map(), skipped: [] }
    let sliceStart = performance.now()
    const add = async (text, at) => {
      opened.lines.push(text)
      opened.ats.push(at)
      if (text.includes(TRADE_LABEL)) {
        const symbol = SYMBOL.exec(text)?.[1]
        if (symbol) opened.trades.set(symbol, (opened.trades.get(symbol) ?? 0) + 1)
      }
      if ((opened.lines.length & 1023) === 0) {
        progress(`reading: ${opened.lines.length.toLocaleString('en-US')} frames`)
        if (performance.now() - sliceStart > SLICE_MS) {
          await breathe()
          sliceStart = performance.now()
        }
      }
    }
    const first = await firstLine(files[0])
    if (first.startsWith('{"tape":')) {
      if (files.length > 1) throw new Error('open one tape at a time (several files are for tardis.dev data)')
      let number = 0
      for await (const lines of fileLines(files[0])) {
        for (const text of lines) {
          number++
          const line = text.endsWith('\r') ? text.slice(0, -1) : text
          if (number === 1) opened.header = line
          else if (line.trim() !== '') await add(line, atOf(line, files[0].name, number))
        }
      }
    } else {
      const lines = tardisTapeLines(files, { onSkipped: (reason) => opened.skipped.push(reason) })
      let next = await lines.next()
      for (; !next.done; next = await lines.next()) await add(next.value.slice(0, -1), atOf(next.value, files[0].name, 0))
      opened.header = next.value.slice(0, -1)
    }
    let start
    try {
      start = Date.parse(JSON.parse(opened.header).start)
    } catch {}
    if (!Number.isFinite(start)) throw new Error(`${files[0].name} line 1: not a tape header {"tape":1,"start":"<ISO time>",...}`)
    // A tape plays in file order: a time that steps back is held at the one before, as the replay does.
    for (let i = 1; i < opened.ats.length; i++) if (opened.ats[i] < opened.ats[i - 1]) opened.ats[i] = opened.ats[i - 1]
    const symbols = symbolsOf(opened)
    if (symbols.length === 0) throw new Error(`${files[0].name}: no market streams in it to show`)
    return { ...opened, start, end: opened.ats.at(-1) ?? 0, symbols, name: files.map((f) => f.name).join(', ') }
  }

  function atOf(line, name, number) {
    const quick = AT.exec(line)
    if (quick) return Number(quick[1])
    try {
      const at = JSON.parse(line).at
      if (typeof at === 'number' && at >= 0) return at
    } catch {}
    throw new Error(`${name} line ${number}: not a tape line {"at":<ms>,"conn":"...","frame":"..."}`)
  }

  /** The header's markets, busiest (by trades) first. */
  function symbolsOf({ header, trades }) {
    let streams = []
    try {
      streams = JSON.parse(header).streams ?? []
    } catch {}
    const named = streams.map((s) => /^([^$@][^@]*)@/.exec(s)?.[1]).filter(Boolean)
    const all = [...new Set([...trades.keys(), ...named])]
    return all.sort((a, b) => (trades.get(b) ?? 0) - (trades.get(a) ?? 0))
  }

  async function open(files) {
    if (files.length === 0) return
    const mine = ++generation
    pause()
    const before = root.dataset.state
    root.dataset.state = 'opening'
    $('#history-error').hidden = true
    const started = performance.now()
    let opened
    try {
      opened = await read(files)
    } catch (error) {
      if (mine !== generation) return
      root.dataset.state = before
      showError(error)
      return
    }
    if (mine !== generation) return
    tape = opened
    root.hidden = false
    root.dataset.frames = String(tape.lines.length)
    root.dataset.end = String(tape.end)
    root.dataset.openMs = String(Math.round(performance.now() - started))
    $('#history-name').textContent = tape.name
    $('#span-start').textContent = dateTime(tape.start)
    $('#span-end').textContent = dateTime(tape.start + tape.end)
    if (tape.skipped.length > 0) showError(new Error(`skipped ${tape.skipped.length} damaged line(s): ${tape.skipped[0]}`))
    $('.note').textContent = `History: ${tape.lines.length.toLocaleString('en-US')} frames, opened in ${root.dataset.openMs} ms`
    replay = undefined
    const symbol = tape.symbols.includes(query.get('symbol')) ? query.get('symbol') : tape.symbols[0]
    position = 0
    seek(0, { symbol })
    if (query.has('speed')) play()
  }

  function progress(text) {
    $('.note').textContent = text
  }

  function showError(error) {
    const box = $('#history-error')
    box.textContent = error.message
    box.hidden = false
  }

  // --------------------------------------------------------------------------------------------------------
  // the replay: replayTape reading a stream the page fills as far as the position allows
  // --------------------------------------------------------------------------------------------------------

  /** A replay of the open tape from its start, attached to the panels. */
  function startReplay(symbol) {
    const feed = {
      index: 0,
      limit: 0,
      ticked: -1,
      ended: false,
      cancelled: false,
      wake: undefined,
      idle: undefined,
      poke() {
        const wake = feed.wake
        feed.wake = undefined
        wake?.()
      },
    }
    const { lines, ats } = tape
    const stream = new ReadableStream(
      {
        start(controller) {
          controller.enqueue(`${tape.header}\n`)
        },
        // Called only when the replay has taken everything given so far (no queue is kept).
        async pull(controller) {
          for (;;) {
            if (feed.cancelled) return controller.close()
            if (feed.index < lines.length && ats[feed.index] <= feed.limit) {
              const last = Math.min(lines.length, feed.index + CHUNK_LINES)
              let end = feed.index
              while (end < last && ats[end] <= feed.limit) end++
              controller.enqueue(lines.slice(feed.index, end).join('\n') + '\n')
              feed.index = end
              return
            }
            if (feed.index >= lines.length && feed.limit >= tape.end) {
              feed.ended = true
              controller.close()
              feed.idle?.()
              return
            }
            if (feed.limit > feed.ticked && feed.limit !== Infinity) {
              feed.ticked = feed.limit
              controller.enqueue(tickLine(feed.limit))
              return
            }
            feed.idle?.()
            await new Promise((resolve) => (feed.wake = resolve))
          }
        },
        cancel() {
          feed.cancelled = true
        },
      },
      { highWaterMark: 0 },
    )
    const playback = replayTape(stream, { speed: 'max' })
    const session = { ...playback, feed }
    playback.done.then(
      () => session === replay && feed.ended && ended(),
      (error) => session === replay && showError(error),
    )
    globalThis.playground.attach({
      dex: playback.dex,
      clock: playback.clock,
      symbols: tape.symbols,
      symbol,
      timeOf: (ms) => new Date(ms).toISOString().slice(11, 23),
      restart: (change) => seek(currentAt(), change),
      close() {
        feed.cancelled = true
        feed.poke()
        playback.dex.close()
      },
    })
    return session
  }

  /** Where the replay stands: the position, or at full speed the last line handed over. */
  function currentAt() {
    if (!replay) return 0
    if (speed === 'max' && playing) return replay.feed.index > 0 ? tape.ats[replay.feed.index - 1] : 0
    return position
  }

  /**
   * Moves to `t` (ms after the tape's start): on from here when `t` is ahead of the current replay, else a
   * new replay from the start. `change` restarts even when ahead (another market, a new snippet).
   */
  function seek(t, change) {
    if (!tape) return
    const wasPlaying = playing
    pause()
    t = Math.min(Math.max(0, t), tape.end)
    const fed = replay ? Math.max(replay.feed.ticked, replay.feed.index > 0 ? tape.ats[replay.feed.index - 1] : -1) : 0
    const fresh = !replay || replay.feed.ended || change !== undefined || t < fed
    if (fresh) replay = startReplay(change?.symbol ?? globalThis.playground.symbol)
    position = t
    seekStarted = performance.now()
    root.dataset.state = 'seeking'
    const session = replay
    // Drawing every state passed on the way would cost more than the replay: the panels are drawn at t.
    globalThis.playground.hold(true)
    session.feed.idle = () => {
      if (session !== replay || root.dataset.state !== 'seeking') return
      globalThis.playground.hold(false)
      root.dataset.seekMs = String(Math.round(performance.now() - seekStarted))
      root.dataset.position = String(position)
      root.dataset.state = session.feed.ended ? 'ended' : 'paused'
      session.feed.idle = undefined
      // The header and timeline say where the seek arrived before anyone can read them.
      if (wasPlaying && !session.feed.ended) play()
      else drawTransport()
    }
    session.feed.limit = t
    session.feed.poke()
    render()
  }

  function play() {
    if (!tape || playing) return
    if (replay.feed.ended || position >= tape.end) seek(0)
    playing = true
    root.dataset.state = 'playing'
    anchor = { wall: performance.now(), at: position }
    replay.feed.idle = undefined
    globalThis.playground.hold(false)
    // At full speed the panels change faster than eyes follow: drawn a few times a second, the replay keeps the rest.
    globalThis.playground.drawEvery(speed === 'max' ? MAX_SPEED_DRAW_MS : 0)
    if (speed === 'max') {
      replay.feed.limit = tape.end
      replay.feed.poke()
    } else {
      pace()
    }
    render()
  }

  function pause() {
    if (!playing) return
    position = currentAt()
    playing = false
    globalThis.playground.drawEvery(0)
    replay.feed.limit = position
    replay.feed.poke()
    root.dataset.position = String(position)
    root.dataset.state = replay.feed.ended ? 'ended' : 'paused'
    render()
  }

  function ended() {
    globalThis.playground.drawEvery(0)
    playing = false
    position = tape.end
    root.dataset.position = String(position)
    root.dataset.state = 'ended'
    render()
  }

  /** At a finite speed: moves the position with the wall clock and lets the replay run up to it. */
  function pace() {
    if (!playing || speed === 'max') return
    position = Math.min(tape.end, anchor.at + (performance.now() - anchor.wall) * speed)
    replay.feed.limit = position
    replay.feed.poke()
    if (position >= tape.end) return
    setTimeout(pace, 16)
  }

  function setSpeed(next) {
    const wasPlaying = playing
    pause()
    speed = next
    if (wasPlaying) play()
  }

  // --------------------------------------------------------------------------------------------------------
  // transport: header clock, timeline, keys
  // --------------------------------------------------------------------------------------------------------

  const dateTime = (ms) => new Date(ms).toISOString().replace('T', ' ').slice(0, 23) + ' UTC'

  let drawing = false
  function render() {
    if (drawing) return
    drawing = true
    requestAnimationFrame(() => {
      drawing = false
      drawTransport()
      // While seeking only the timeline moves: drawing it every frame would make the page repaint more
      // often than the replay needs the processor.
      if (root.dataset.state === 'seeking') setTimeout(render, SEEK_DRAW_MS)
      else if (playing) render()
    })
  }

  /** The header's recorded time, the timeline and the play button, as the replay stands now. */
  function drawTransport() {
    if (!tape || !replay) return
    const at = playing || root.dataset.state === 'seeking' ? currentAt() : position
    const shown = root.dataset.state === 'seeking' ? replay.feed.index > 0 ? tape.ats[replay.feed.index - 1] : 0 : at
    const fraction = tape.end > 0 ? shown / tape.end : 1
    timeline.style.setProperty('--at', String(fraction))
    timeline.setAttribute('aria-valuenow', String(Math.round(shown)))
    timeline.setAttribute('aria-valuetext', dateTime(tape.start + shown))
    root.dataset.position = String(at)
    $('#recorded').textContent = dateTime(replay.clock.now())
    $('#recorded').dataset.time = String(replay.clock.now())
    playButton.textContent = playing ? 'Pause' : 'Play'
    playButton.setAttribute('aria-pressed', String(playing))
  }

  function fractionAt(event) {
    const box = timeline.getBoundingClientRect()
    return Math.min(1, Math.max(0, (event.clientX - box.left) / box.width))
  }

  let dragging = false
  timeline.addEventListener('pointerdown', (event) => {
    if (!tape) return
    dragging = true
    try {
      timeline.setPointerCapture(event.pointerId)
    } catch {
      // A pointer the browser does not track (a synthetic event) still seeks; it just is not captured.
    }
    timeline.style.setProperty('--at', String(fractionAt(event)))
  })
  timeline.addEventListener('pointermove', (event) => {
    if (dragging) timeline.style.setProperty('--at', String(fractionAt(event)))
  })
  timeline.addEventListener('pointerup', (event) => {
    if (!dragging) return
    dragging = false
    seek(fractionAt(event) * tape.end)
  })
  timeline.addEventListener('pointercancel', () => {
    dragging = false
    render()
  })

  playButton.addEventListener('click', () => (playing ? pause() : play()))
  speedPicker.addEventListener('change', () => setSpeed(speedPicker.value === 'max' ? 'max' : Number(speedPicker.value)))

  /** Input latency while the page is busy: how long after the key its handler ran (for the benchmark). */
  const latencies = []
  addEventListener('keydown', (event) => {
    latencies.push(performance.now() - event.timeStamp)
    root.dataset.inputLatencyMs = String(Math.round(Math.max(...latencies.slice(-50))))
    if (!tape) return
    const target = event.target
    if (target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement || target instanceof HTMLSelectElement) return
    const step = tape.end * (event.shiftKey ? 0.1 : 0.01)
    if (event.key === ' ') {
      event.preventDefault()
      if (playing) pause()
      else play()
    } else if (event.key === 'ArrowLeft') {
      event.preventDefault()
      seek(currentAt() - step)
    } else if (event.key === 'ArrowRight') {
      event.preventDefault()
      seek(currentAt() + step)
    }
  })

  // --------------------------------------------------------------------------------------------------------
  // file input and drag-and-drop
  // --------------------------------------------------------------------------------------------------------

  const input = $('#open-file')
  input.addEventListener('change', () => {
    void open([...input.files])
    input.value = ''
  })
  let depth = 0
  addEventListener('dragenter', (event) => {
    if (!event.dataTransfer?.types.includes('Files')) return
    depth++
    document.body.dataset.dropping = 'true'
  })
  addEventListener('dragleave', () => {
    if (--depth <= 0) delete document.body.dataset.dropping
  })
  addEventListener('dragover', (event) => event.preventDefault())
  addEventListener('drop', (event) => {
    event.preventDefault()
    depth = 0
    delete document.body.dataset.dropping
    void open([...(event.dataTransfer?.files ?? [])])
  })
  $('#live').addEventListener('click', () => {
    generation++
    pause()
    tape = undefined
    replay = undefined
    root.hidden = true
    root.dataset.state = 'idle'
    $('.note').textContent = 'Simulated market in this page: no server, no network'
    globalThis.playground.live()
  })
})()
