import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

// The markdown pages embed docs/examples/*.ts verbatim, so what readers see is what the examples suite runs.
// A block is tied to its file by the line before it: <!-- example: trades.ts -->. In the page, imports read as
// a user writes them ('binance-dex-rx'), in the file as the test suite needs them ('../../src').
// A block after <!-- file: examples/… --> shows a file of an example project verbatim (tested by its own spec).
// After editing an example, refresh the pages with: UPDATE_DOCS=1 npx jest spec/docs/embedded

const DOCS = resolve(__dirname, '../../docs')
const EXAMPLES = join(DOCS, 'examples')
/** Pages written by other engineers, with their own conventions. */
const NOT_CHECKED = new Set(['cli.md', 'browser.md'])
const BLOCK = /<!-- example: ([\w.-]+) -->\n```ts\n([\s\S]*?)```/g
/** A block showing a file of the repository verbatim (an example project, tested by its own spec). */
const FILE_BLOCK = /<!-- file: ([\w./-]+) -->\n```ts\n([\s\S]*?)```/g
const REPOSITORY = resolve(DOCS, '..')

function pages(dir = DOCS): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'api' || name === 'examples' ? [] : pages(path)
    return name.endsWith('.md') ? [path] : []
  })
}

const checked = pages().filter((p) => !NOT_CHECKED.has(relative(DOCS, p)))

/** The file as shown in a page: imports from the package, not from the source tree. */
function asShown(source: string): string {
  return source
    .replace(/'\.\.\/\.\.\/src\/simulator\/inProcess'/g, "'binance-dex-rx/simulator/in-process'")
    .replace(/'\.\.\/\.\.\/src\/simulator'/g, "'binance-dex-rx/simulator'").replace(/'\.\.\/\.\.\/src'/g, "'binance-dex-rx'")
}

/** The ids GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens. */
function anchors(page: string): string[] {
  const headings = readFileSync(page, 'utf8').match(/^#+ .*$/gm) ?? []
  return headings.map((h) =>
    h
      .replace(/^#+ /, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-'),
  )
}

const example = (name: string): string => asShown(readFileSync(join(EXAMPLES, name), 'utf8'))

if (process.env.UPDATE_DOCS) {
  for (const page of checked) {
    const text = readFileSync(page, 'utf8')
    const updated = text
      .replace(BLOCK, (_all, name: string) => `<!-- example: ${name} -->\n\`\`\`ts\n${example(name)}\`\`\``)
      .replace(FILE_BLOCK, (_all, path: string) => `<!-- file: ${path} -->\n\`\`\`ts\n${readFileSync(join(REPOSITORY, path), 'utf8')}\`\`\``)
    if (updated !== text) writeFileSync(page, updated)
  }
}

describe.each(checked.map((p) => [relative(DOCS, p), p]))('docs/%s', (_name, page) => {
  const text = readFileSync(page, 'utf8')

  it('embeds its examples exactly as they are in docs/examples', () => {
    for (const [, name, body] of text.matchAll(BLOCK)) {
      expect(existsSync(join(EXAMPLES, name))).toBe(true)
      expect({ name, body }).toEqual({ name, body: example(name) })
    }
  })

  it('embeds repository files exactly as they are', () => {
    for (const [, path, body] of text.matchAll(FILE_BLOCK)) {
      expect(existsSync(join(REPOSITORY, path))).toBe(true)
      expect({ path, body }).toEqual({ path, body: readFileSync(join(REPOSITORY, path), 'utf8') })
    }
  })

  it('has no TypeScript block that is not a checked example', () => {
    const blocks = text.match(/```ts\n/g)?.length ?? 0
    expect([...text.matchAll(BLOCK)].length + [...text.matchAll(FILE_BLOCK)].length).toBe(blocks)
  })

  it('links only to files and headings that exist', () => {
    for (const [, target, anchor] of text.matchAll(/\]\(([^)#\s]*)(?:#([^)\s]*))?\)/g)) {
      if (/^[a-z]+:/.test(target)) continue
      const file = target === '' ? page : resolve(dirname(page), target)
      expect({ target, exists: existsSync(file) }).toEqual({ target, exists: true })
      if (anchor && file.endsWith('.md')) expect(anchors(file)).toContain(anchor)
    }
  })
})

it('every example is shown on some page', () => {
  const shown = new Set(checked.flatMap((p) => [...readFileSync(p, 'utf8').matchAll(BLOCK)].map((m) => m[1])))
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.ts'))
  expect(files.filter((f) => !shown.has(f))).toEqual([])
})
