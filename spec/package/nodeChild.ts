import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/** The repository root and its built files (npm test builds dist/ before jest runs). */
export const ROOT = resolve(__dirname, '../..')
export const DIST = resolve(ROOT, 'dist')

/** Fails the suite with a clear message instead of a cascade of module-not-found errors. */
export function requireBuilt(...files: string[]): void {
  for (const file of files) {
    if (!existsSync(resolve(DIST, file)))
      throw new Error(`dist/${file} is missing: run \`npm run build\` first`)
  }
}

export interface ChildResult {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `node <script> ...args` in `cwd`; resolves with its exit code and output, never rejects. */
export function runNode(
  script: string,
  args: readonly string[] = [],
  cwd = ROOT,
  timeoutMs = 120_000,
): Promise<ChildResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [script, ...args],
      { cwd, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const failure = error as
          | (NodeJS.ErrnoException & { code?: number | string; signal?: NodeJS.Signals })
          | null
        const code = failure === null ? 0 : typeof failure.code === 'number' ? failure.code : null
        done({ code, signal: failure?.signal ?? null, stdout, stderr })
      },
    )
  })
}

/**
 * A throwaway consumer project: a temp folder whose node_modules links `binance-dex-rx` to this repository
 * (so its package.json `exports` map is what resolves) and `rxjs` to the repository's copy (the peer a
 * consumer installs). `remove()` unlinks the links before deleting the folder, so nothing is followed.
 */
export interface Consumer {
  readonly dir: string
  remove(): void
}

export function makeConsumer(files: Readonly<Record<string, string>>): Consumer {
  const dir = mkdtempSync(join(tmpdir(), 'dex-consumer-'))
  const modules = join(dir, 'node_modules')
  mkdirSync(modules)
  const links = [join(modules, 'binance-dex-rx'), join(modules, 'rxjs')]
  symlinkSync(ROOT, links[0], 'dir')
  symlinkSync(join(ROOT, 'node_modules', 'rxjs'), links[1], 'dir')
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return {
    dir,
    remove() {
      for (const link of links) unlinkSync(link)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
