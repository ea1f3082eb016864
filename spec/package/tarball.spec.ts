import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join, posix } from 'node:path'
import { packPackage, type PackedPackage } from './helpers/packedPackage'

// The tarball `npm publish` would upload: small, each file's content once, maps that resolve, and what a
// stranger looks for before trusting a package (licence, changelog, where the code lives).

/**
 * The most the .tgz may weigh; the package is a WebSocket client, its simulator, tape replay and a CLI that
 * also imports tardis.dev's archive.
 */
const PACKED_BUDGET = 380_000

let packed: PackedPackage

beforeAll(() => {
  packed = packPackage()
}, 120_000)

afterAll(() => packed?.remove())

const read = (file: string): string => readFileSync(join(packed.dir, file), 'utf8')

it(`stays within ${PACKED_BUDGET} bytes packed`, () => {
  expect(packed.size).toBeGreaterThan(0)
  expect(packed.size).toBeLessThanOrEqual(PACKED_BUDGET)
})

it('ships the builds, the sources the maps point at, and the licence, readme and changelog', () => {
  for (const file of ['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json', 'dist/cli.js', 'src/DexSocket.ts']) {
    expect(packed.files).toContain(file)
  }
  for (const file of packed.files) {
    expect(file).toMatch(/^(dist|src)\/|^(LICENSE|README\.md|CHANGELOG\.md|package\.json)$/)
  }
  expect(read('LICENSE')).toMatch(/^MIT License/)
  expect(read('dist/cli.js').startsWith('#!/usr/bin/env node\n')).toBe(true)
})

it('keeps the API docs in the declarations (the JavaScript drops its comments)', () => {
  for (const file of ['dist/index.d.cts', 'dist/simulator.d.cts']) {
    const docComments = read(file).match(/\/\*\*/g)?.length ?? 0
    expect({ file, docComments: docComments > 30 }).toEqual({ file, docComments: true })
  }
  expect(read('dist/index.d.cts')).toContain('Later stream calls throw `DexConnectionError`; a second call does nothing.')
})

it('carries no file content twice', () => {
  const byHash = new Map<string, string[]>()
  for (const file of packed.files) {
    const hash = createHash('sha256').update(readFileSync(join(packed.dir, file))).digest('hex')
    byHash.set(hash, [...(byHash.get(hash) ?? []), file])
  }
  expect([...byHash.values()].filter((files) => files.length > 1)).toEqual([])
})

it('ships no chunk that nothing imports (left over from an earlier build)', () => {
  const code = packed.files.filter((file) => /\.(c?js)$/.test(file)).map((file) => [file, read(file)] as const)
  const chunks = packed.files.filter((file) => file.startsWith('dist/chunks/'))
  expect(chunks.length).toBeGreaterThan(0)
  for (const chunk of chunks) {
    const name = posix.basename(chunk)
    const importers = code.filter(([file, text]) => file !== chunk && text.includes(`/${name}'`)).map(([file]) => file)
    expect({ chunk, imported: importers.length > 0 }).toEqual({ chunk, imported: true })
  }
})

it('ships maps only for the minified bundles, without sources inside, pointing at shipped files', () => {
  const maps = packed.files.filter((file) => file.endsWith('.map'))
  expect(maps.sort()).toEqual(['dist/binance-dex-rx.umd.min.js.map'])
  for (const file of maps) {
    const map = JSON.parse(read(file)) as { sources: string[]; sourcesContent?: unknown }
    expect(map.sourcesContent).toBeUndefined()
    const own = map.sources
      .map((source) => posix.normalize(posix.join(posix.dirname(file), source)))
      // The dependencies' own files are in the consumer's node_modules, not in this package.
      .filter((path) => !path.startsWith('node_modules/'))
    expect(own.length).toBeGreaterThan(20)
    for (const path of own) expect(packed.files).toContain(path)
    expect(read(file.replace(/\.map$/, ''))).toMatch(new RegExp(`//# sourceMappingURL=${posix.basename(file)}\\s*$`))
  }
  // The readable ESM and CJS builds and the other bundles link no map (the package ships none for them).
  for (const file of packed.files.filter((f) => /\.(c?js)$/.test(f) && f !== 'dist/binance-dex-rx.umd.min.js')) {
    expect({ file, linksMap: /sourceMappingURL/.test(read(file)) }).toEqual({ file, linksMap: false })
  }
})

it('says where it comes from: licence, repository, homepage, issues, keywords', () => {
  const pkg = JSON.parse(read('package.json'))
  expect(pkg.license).toBe('MIT')
  expect(pkg.repository).toEqual({ type: 'git', url: expect.stringMatching(/^git\+https:\/\/github\.com\/.+\.git$/) })
  expect(pkg.homepage).toMatch(/^https:\/\//)
  expect(pkg.bugs.url).toMatch(/^https:\/\/.+\/issues$/)
  expect(pkg.keywords).toEqual(expect.arrayContaining(['binance', 'rxjs', 'websocket']))
})

it('has a changelog in the Keep a Changelog form with an Unreleased section and this version (or the one it leads to)', () => {
  const changelog = read('CHANGELOG.md')
  const { version } = JSON.parse(read('package.json'))
  expect(changelog).toMatch(/^# Changelog\n/)
  expect(changelog).toContain('https://keepachangelog.com/')
  const headings = [...changelog.matchAll(/^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$/gm)].map((m) => m[1])
  expect(headings[0]).toBe('Unreleased')
  // A pre-release (0.2.0-dev.0) is what the Unreleased section becomes; spec/docs/versions.spec.ts has the rules.
  expect(headings).toContain(version.includes('-') ? 'Unreleased' : version)
  // Every release heading has its link at the bottom.
  for (const heading of headings) expect(changelog).toMatch(new RegExp(`^\\[${heading.replace(/\./g, '\\.')}\\]: https://`, 'm'))
})

// Issue 20: a consumer's install runs no script of ours, and the sources ship only for the map that needs them.
it('declares no install-time script (npm would run it, or warn about it, in every consumer install)', () => {
  const { scripts = {} } = JSON.parse(read('package.json')) as { scripts?: Record<string, string> }
  const installTime = ['preinstall', 'install', 'postinstall', 'prepare', 'preprepare', 'postprepare']
  expect(Object.keys(scripts).filter((name) => installTime.includes(name))).toEqual([])
})

it('ships a source file only when a shipped map points at it', () => {
  const pointedAt = new Set(
    packed.files
      .filter((file) => file.endsWith('.map'))
      .flatMap((file) => {
        const map = JSON.parse(read(file)) as { sources: string[] }
        return map.sources.map((source) => posix.normalize(posix.join(posix.dirname(file), source)))
      }),
  )
  expect(packed.files.filter((file) => file.startsWith('src/') && !pointedAt.has(file))).toEqual([])
})
