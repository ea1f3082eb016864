import { execFile } from 'node:child_process'
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { transformSync } from 'esbuild'
import { consumerProject, packPackage, ROOT, type PackedPackage } from '../package/helpers/packedPackage'

// Issue 20: a docs page's code runs as printed, in a fresh project made as the page says. Each page below
// gets its own project with binance-dex-rx installed from the packed tarball (its dependencies linked from
// this repository), the packages its `npm install` lines name, and its code blocks written out as they are
// printed. Example pages' blocks are functions `main(url)` (the pages say so): each is type-checked, then run
// with Node against a simulator from the installed package, and must end by itself. testing.md's files are
// run by Vitest, as the page says.

const run = promisify(execFile)
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
const NPM_INSTALL = /^npm install (?:-D )?([^#\n]+)/gm
/** Packages consumerProject links already (the package's dependencies). */
const PROVIDED = new Set(['binance-dex-rx', 'rxjs'])

const page = (name: string): string => readFileSync(join(ROOT, 'docs', name), 'utf8')

/** The packages a page tells the reader to install. */
function installs(text: string): string[] {
  return [...text.matchAll(NPM_INSTALL)].flatMap((m) => m[1].trim().split(/\s+/)).filter((name) => !PROVIDED.has(name))
}

/** `<!-- example: name.ts -->` blocks: [file name, code as printed]. */
const examples = (text: string): [string, string][] =>
  [...text.matchAll(/<!-- example: ([\w.-]+) -->\n```ts\n([\s\S]*?)```/g)].map((m) => [m[1], m[2]])

/** `<!-- file: examples/<project>/<path> -->` blocks: [path in the project, code as printed]. */
const projectFiles = (text: string): [string, string][] =>
  [...text.matchAll(/<!-- file: examples\/[\w-]+\/([\w./-]+) -->\n```ts\n([\s\S]*?)```/g)].map((m) => [m[1], m[2]])

let packed: PackedPackage
beforeAll(() => {
  packed = packPackage()
}, 120_000)
afterAll(() => packed?.remove())

/** A fresh project for `name`: the package, what the page installs (linked from this repository), `files`. */
function project(name: string, text: string, files: Record<string, string>, type: 'module' | 'commonjs' = 'module'): string {
  const dir = consumerProject(packed, name, type, {})
  for (const dep of installs(text)) symlinkSync(join(ROOT, 'node_modules', dep), join(dir, 'node_modules', dep), 'dir')
  for (const [file, code] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    writeFileSync(join(dir, file), code)
  }
  return dir
}

async function node(dir: string, args: string[], timeout = 60_000): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, args, { cwd: dir, timeout, env: { ...process.env, CI: '1', NO_COLOR: '1', FORCE_COLOR: '0' } })
}

const TSCONFIG = JSON.stringify({
  compilerOptions: { module: 'node16', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, types: ['node'] },
})

/** Starts a simulator from the installed package, runs `main(url)` of the module named on the command line. */
const RUNNER = `import { DexSimulator } from 'binance-dex-rx/simulator'
const sim = await DexSimulator.start({ market: { seed: 1, blockIntervalMs: 100 } })
try {
  const { main } = await import(new URL(process.argv[2], import.meta.url).href)
  const result = await main(sim.url)
  console.log(JSON.stringify(result, (_key, value) => (typeof value === 'bigint' ? String(value) : value)))
} finally {
  await sim.stop()
}
`

describe.each(['getting-started.md', 'recipes.md', 'in-process.md'])('docs/%s, as printed', (name) => {
  const text = page(name)
  const blocks = examples(text)
  let dir: string

  beforeAll(() => {
    const files: Record<string, string> = { 'tsconfig.json': TSCONFIG, 'run.mjs': RUNNER }
    for (const [file, code] of blocks) {
      files[file.replace(/\.ts$/, '.mts')] = code
      files[file.replace(/\.ts$/, '.mjs')] = transformSync(code, { loader: 'ts', format: 'esm' }).code
    }
    dir = project(name.replace(/\.md$/, ''), text, files)
  })

  it('has code blocks to run, and says what to install', () => {
    expect(blocks.length).toBeGreaterThan(0)
    expect(text).toMatch(/^npm install binance-dex-rx rxjs/m)
    // Every block imports the package as a user does, not from the source tree.
    for (const [, code] of blocks) expect(code).not.toMatch(/from '\.\.?\//)
  })

  it('type-checks in the fresh project', async () => {
    await expect(node(dir, [TSC, '-p', '.', '--pretty', 'false'], 120_000)).resolves.toEqual({ stdout: '', stderr: '' })
  }, 150_000)

  it.each(blocks.map(([file]) => file))('%s runs against a simulator and ends by itself', async (file) => {
    const { stdout, stderr } = await node(dir, ['run.mjs', `./${file.replace(/\.ts$/, '.mjs')}`])
    expect(stderr).toBe('')
    // main resolved with a value (the runner's last line, JSON; the example may print before it); the process
    // then ended with no handle left open.
    const last = stdout.trim().split('\n').pop() ?? ''
    expect(last).not.toBe('')
    expect(() => JSON.parse(last)).not.toThrow()
  }, 90_000)
})

describe('docs/testing.md, as printed', () => {
  const text = page('testing.md')
  const files = projectFiles(text)
  let dir: string

  beforeAll(() => {
    const json = /```json\n([\s\S]*?)```/.exec(text)?.[1]
    dir = project('testing', text, Object.fromEntries(files), 'module')
    // The page's package.json, with what its `npm install` lines add.
    const manifest = { name: 'app', private: true, ...JSON.parse(json ?? '{}') }
    writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2))
  })

  it('prints every file its test needs, helpers and config included, and an ES module package.json', () => {
    expect(files.map(([path]) => path).sort()).toEqual([
      'src/priceBoard.ts',
      'test/helpers.ts',
      'test/priceBoard.test.ts',
      'vitest.config.ts',
    ])
    expect(JSON.parse(/```json\n([\s\S]*?)```/.exec(text)![1])).toMatchObject({ type: 'module' })
    expect(installs(text)).toContain('vitest')
  })

  it('passes under Vitest, with no warning', async () => {
    const { stdout, stderr } = await node(dir, ['node_modules/vitest/vitest.mjs', 'run'], 120_000)
    expect(stdout).toMatch(/Tests\s+4 passed \(4\)/)
    expect(`${stdout}\n${stderr}`.split('\n').filter((line) => /warn|deprecat/i.test(line))).toEqual([])
  }, 150_000)
})
