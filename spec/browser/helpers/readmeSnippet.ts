import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const ROOT = join(__dirname, '..', '..', '..')
const README_BLOCK = /<!-- three-tag snippet[^\n]*-->\n```html\n([\s\S]*?)```/

export interface ReadmePage {
  /** The folder holding `index.html`, to serve under a prefix. */
  readonly folder: string
  remove(): void
}

/**
 * The README's three-tag snippet as `index.html` in a temporary folder, its CDN addresses pointed at this build:
 * unpkg serves the package's `unpkg` file for a bare package URL, and the files under dist/ as they are. Served
 * next to `/dist/` and `/node_modules/`, it loads what a visitor's page would load from the CDN.
 */
export function writeReadmePage(): ReadmePage {
  const snippet = README_BLOCK.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'))?.[1]
  if (!snippet) throw new Error('README.md has no three-tag snippet')
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
  const local = snippet
    .replace('https://unpkg.com/rxjs@7/dist/bundles/', '/node_modules/rxjs/dist/bundles/')
    .replace(/https:\/\/unpkg\.com\/binance-dex-rx@[\d.]+\/dist\//g, '/dist/')
    .replace(/https:\/\/unpkg\.com\/binance-dex-rx@[\d.]+"/g, `/${pkg.unpkg.replace(/^\.\//, '')}"`)
  if (local.includes('https://')) throw new Error(`a CDN address was not mapped: ${local}`)
  const folder = mkdtempSync(join(tmpdir(), 'dex-readme-'))
  writeFileSync(
    join(folder, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body>${local}</body></html>`,
  )
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) }
}

/** In the page: the text nodes the snippet appended to the body, one per trade (`price × quantity`). */
export function snippetLines(): string[] {
  return Array.from(document.body.childNodes)
    .filter((n) => n.nodeType === Node.TEXT_NODE)
    .map((n) => (n.textContent ?? '').trim())
    .filter((t) => t.includes('×'))
}
