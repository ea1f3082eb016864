import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'

// Issue 20: a page named a file that is in no checkout and no package. Every repository path a page names in
// code spans (`src/…`, `spec/…`, `bench/…`, …) must exist in the repository.

const REPOSITORY = resolve(__dirname, '../..')
const TOP = ['src', 'spec', 'bench', 'examples', 'scripts', 'docs', 'shared', 'fixtures']
const PATH = new RegExp(`\`((?:${TOP.join('|')})/[\\w./-]*\\w)\``, 'g')

function pages(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'api' ? [] : pages(path)
    return name.endsWith('.md') ? [path] : []
  })
}

/** Folders the suite writes (git ignores them): a page may name what appears there after a run. */
const GENERATED = readFileSync(join(REPOSITORY, '.gitignore'), 'utf8')
  .split('\n')
  .filter((line) => line.endsWith('/'))
const written = (path: string): boolean => GENERATED.some((folder) => path.startsWith(folder))

const PAGES = [join(REPOSITORY, 'README.md'), ...pages(join(REPOSITORY, 'docs'))]

it.each(PAGES.map((page) => [relative(REPOSITORY, page), page]))('%s names only files the repository has', (_name, page) => {
  const text = readFileSync(page, 'utf8')
  // A file of the reader's own project, which the page prints (<!-- file: examples/<project>/<path> -->).
  const printed = new Set([...text.matchAll(/<!-- file: examples\/[\w-]+\/([\w./-]+) -->/g)].map((m) => m[1]))
  const named = [...text.matchAll(PATH)].map((match) => match[1]).filter((path) => !printed.has(path))
  expect(named.filter((path) => !written(path) && !existsSync(join(REPOSITORY, path)))).toEqual([])
})
