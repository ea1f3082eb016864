const LABELS = {
  connecting: 'connecting',
  open: 'live',
  reconnecting: 'reconnecting',
  reconnected: 'live',
  closed: 'closed',
  idle: 'idle',
}

/**
 * Connection status from `dex.status$` and `dex.errors$`: the pill in the header, and a short log of
 * lifecycle events and errors (newest first), so a drop and the recovery stay visible after the fact.
 */
export class ConnectionPanel {
  constructor({ pill, log, drops, errors }, keep = 12) {
    Object.assign(this, { pill, log, drops, errors, keep })
    this.dropCount = 0
    this.errorCount = 0
  }

  reset(url) {
    this.dropCount = this.errorCount = 0
    this.drops.textContent = this.errors.textContent = '0'
    this.log.replaceChildren()
    this.setPill('connecting', 'connecting')
    this.entry('connecting', `connecting to ${url}`)
  }

  status(s) {
    const label = LABELS[s.state] ?? s.state
    if (s.state === 'reconnecting') {
      const wait = s.delayMs !== undefined ? ` in ${(s.delayMs / 1000).toFixed(1)} s` : ''
      this.setPill('reconnecting', `${label} #${s.attempt ?? 1}`)
      this.entry('reconnecting', `reconnecting, attempt ${s.attempt ?? 1}${wait}`)
    } else if (s.state === 'reconnected') {
      this.setPill('open', label)
      const down = s.downtimeMs !== undefined ? ` after ${(s.downtimeMs / 1000).toFixed(2)} s` : ''
      this.entry('reconnected', `reconnected${down}, subscriptions restored`)
    } else {
      this.setPill(s.state, label)
      this.entry(s.state, s.state === 'open' ? 'connected' : s.error ? `${label}: ${s.error.message}` : label)
    }
  }

  error(e) {
    this.errorCount++
    this.errors.textContent = String(this.errorCount)
    if (e.name === 'DexConnectionError') {
      this.dropCount++
      this.drops.textContent = String(this.dropCount)
      this.entry('dropped', `dropped: ${e.message}`)
    } else {
      this.entry('error', `${e.name}: ${e.message}`)
    }
  }

  setPill(state, label) {
    this.pill.dataset.state = state
    this.pill.querySelector('.label').textContent = label
  }

  entry(state, text) {
    const item = document.createElement('li')
    item.dataset.state = state
    item.innerHTML = '<time></time><span></span>'
    item.children[0].textContent = new Date().toLocaleTimeString([], { hour12: false })
    item.children[1].textContent = text
    this.log.prepend(item)
    while (this.log.children.length > this.keep) this.log.lastElementChild.remove()
  }
}
