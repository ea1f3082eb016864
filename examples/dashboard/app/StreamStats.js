const { interval, tap } = globalThis.rxjs

const WINDOW_MS = 10_000

/**
 * One row per stream the page holds, all multiplexed over one connection: how many events it delivered and
 * its rate over the last ten seconds. `track(name)` is an operator to put in a stream's pipe.
 */
export class StreamStats {
  constructor(list) {
    this.list = list
    this.streams = new Map()
    interval(1000).subscribe(() => this.render())
  }

  track(name) {
    return tap(() => {
      let s = this.streams.get(name)
      if (!s) this.streams.set(name, (s = { count: 0, times: [] }))
      s.count++
      s.times.push(performance.now())
    })
  }

  clear() {
    this.streams.clear()
    this.render()
  }

  forget(name) {
    this.streams.delete(name)
    this.render()
  }

  render() {
    const now = performance.now()
    const rows = [...this.streams].map(([name, s]) => {
      while (s.times.length && now - s.times[0] > WINDOW_MS) s.times.shift()
      const row = document.createElement('li')
      row.innerHTML = '<span class="name"></span><span class="count"></span><span class="rate"></span>'
      row.children[0].textContent = name
      row.children[1].textContent = s.count.toLocaleString('en-US')
      row.children[2].textContent = `${(s.times.length / (WINDOW_MS / 1000)).toFixed(1)}/s`
      return row
    })
    this.list.replaceChildren(...rows)
  }
}
