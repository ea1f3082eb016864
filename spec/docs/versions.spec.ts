import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'

// Issue 20: one version story. package.json, CHANGELOG.md, the declarations' `@since` tags and the docs say the
// same thing: the last release is the newest dated heading of the changelog; while its "Unreleased" section
// lists changes, package.json is a pre-release of the next version (`0.2.0-dev.0`), whose number those
// changes' `@since` tags and the docs use; a name the Unreleased section introduces carries that number.

const ROOT = resolve(__dirname, '../..')
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8')

const VERSION = /^(\d+)\.(\d+)\.(\d+)(?:-([\w.]+))?$/
const compare = (a: string, b: string): number => {
  const [x, y] = [VERSION.exec(a)!, VERSION.exec(b)!]
  for (let i = 1; i <= 3; i++) if (Number(x[i]) !== Number(y[i])) return Number(x[i]) - Number(y[i])
  return 0
}

const version: string = JSON.parse(read('package.json')).version
const changelog = read('CHANGELOG.md')
/** The changelog's sections by heading: `Unreleased` and each release, newest first. */
const sections = changelog
  .split(/^## /m)
  .slice(1)
  .map((text) => ({ heading: /^\[([^\]]+)\]/.exec(text)?.[1] ?? '', text: text.replace(/^\[[^\n]*\n/, '').replace(/^\[[^\]]+\]: .*$/gm, '') }))
const unreleased = sections.find((s) => s.heading === 'Unreleased')?.text ?? ''
const released = sections.filter((s) => VERSION.test(s.heading))
const lastRelease = released[0]?.heading
const hasUnreleased = /^- /m.test(unreleased)
/** The version the sources describe: the next release while there are unreleased changes. */
const next = version.replace(/-.*$/, '')

/** Names written in backticks, as words: `orderBook(symbol, { maxLevels })` names orderBook, symbol, maxLevels. */
const namesIn = (text: string): Set<string> =>
  new Set([...text.matchAll(/`([^`]+)`/g)].flatMap((m) => m[1].match(/[A-Za-z_$][\w$]*/g) ?? []))

function files(dir: string, test: (name: string) => boolean): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(join(ROOT, path)).isDirectory()) return name === 'api' ? [] : files(path, test)
    return test(name) ? [path] : []
  })
}

/** Each `@since` of the built declarations with the name it documents (the declaration after the comment). */
function sinceTags(): { name: string; since: string; file: string }[] {
  return ['dist/index.d.cts', 'dist/simulator.d.cts', 'dist/simulator-in-process.d.cts'].flatMap((file) =>
    [...read(file).matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*\n\s*([^\n]*)/g)].flatMap(([, doc, line]) => {
      const since = /@since (\S+)/.exec(doc)?.[1]
      const name = /^(?:export )?(?:declare )?(?:abstract )?(?:readonly )?(?:static )?(?:class|interface|type|function|const|let)?\s*([A-Za-z_$][\w$]*)/.exec(line)?.[1]
      return since && name ? [{ name, since, file }] : []
    }),
  )
}

it('package.json is the last release, or a pre-release of the next one while changes are unreleased', () => {
  expect(version).toMatch(VERSION)
  expect(lastRelease).toMatch(VERSION)
  if (hasUnreleased) {
    expect({ version, preRelease: version.includes('-') }).toEqual({ version, preRelease: true })
    expect(compare(next, lastRelease!)).toBeGreaterThan(0)
  } else {
    expect(version).toBe(lastRelease)
  }
})

it('every @since tag in the sources names a release or the next version', () => {
  const known = new Set([...released.map((s) => s.heading), next])
  const tags = files('src', (name) => name.endsWith('.ts')).flatMap((file) =>
    [...read(file).matchAll(/@since (\S+)/g)].map((m) => `${m[1]} (${file})`),
  )
  expect(tags.length).toBeGreaterThan(50)
  expect(tags.filter((tag) => !known.has(tag.split(' ')[0]))).toEqual([])
})

describe('the declarations agree with the changelog', () => {
  const tags = sinceTags()
  const inUnreleased = namesIn(unreleased)
  /** What each bullet of the Unreleased "Added" list is about: the first name in its first backticks. */
  const added = (/### Added\n([\s\S]*?)(?=\n### |$)/.exec(unreleased)?.[1] ?? '')
    .split(/\n(?=- )/)
    .flatMap((bullet) => /`[^`A-Za-z_$]*([A-Za-z_$][\w$]*)/.exec(bullet)?.[1] ?? [])

  it('finds the tags of the public surface', () => {
    expect(tags.length).toBeGreaterThan(100)
    expect(tags).toContainEqual({ name: 'DexSocket', since: expect.any(String), file: 'dist/index.d.cts' })
  })

  it('what an Unreleased "Added" entry is about carries the next version', () => {
    expect(added.length).toBeGreaterThan(5)
    const wrong = tags.filter((t) => added.includes(t.name) && t.since !== next)
    expect(wrong.map((t) => `${t.name} @since ${t.since} (${t.file})`)).toEqual([])
  })

  it('a name tagged with the next version is in the Unreleased section', () => {
    const untold = tags.filter((t) => t.since === next && !inUnreleased.has(t.name))
    expect(hasUnreleased || untold.length === 0).toBe(true)
    expect([...new Set(untold.map((t) => t.name))]).toEqual([])
  })
})

describe('the docs speak of the same versions', () => {
  const pages = ['README.md', ...files('docs', (name) => name.endsWith('.md'))]

  it.each(pages)('%s names only released versions or the next one, and CDN URLs of the next', (page) => {
    const text = read(page)
    const known = new Set([...released.map((s) => s.heading), next])
    const [major, minor] = next.split('.')
    const mentioned = [...text.matchAll(/\b(?:version|release|in|since|for) (\d+\.\d+\.\d+)\b/gi)].map((m) => m[1])
    expect(mentioned.filter((v) => !known.has(v))).toEqual([])
    // "unreleased" goes with the next version only.
    const unreleasedOf = [...text.matchAll(/\b(\d+\.\d+\.\d+) \(unreleased\)/gi)].map((m) => m[1])
    expect(unreleasedOf.filter((v) => v !== next || !hasUnreleased)).toEqual([])
    // CDN addresses pin the minor version these docs describe (or that exact version).
    const pinned = [...text.matchAll(/binance-dex-rx@([\d.]+)/g)].map((m) => m[1])
    expect(pinned.filter((v) => v !== `${major}.${minor}` && v !== next)).toEqual([])
  })
})

it('the version story is not vacuous: the changelog has releases and the pages were read', () => {
  expect(released.length).toBeGreaterThan(0)
  expect(relative(ROOT, join(ROOT, 'docs'))).toBe('docs')
})
