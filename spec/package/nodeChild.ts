import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'

/** The repository root and its built files (npm test builds dist/ before jest runs). */
export const ROOT = resolve(__dirname, '../..')
export const DIST = resolve(ROOT, 'dist')

/** Fails the suite with a clear message instead of a cascade of module-not-found errors. */
export function requireBuilt(...files: string[]): void {
  for (const file of files) {
    if (!existsSync(resolve(DIST, file))) throw new Error(`dist/${file} is missing: run \`npm run build\` first`)
  }
}

export interface ChildResult {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `node <script> ...args` with a clean environment for the child's own handlers; never rejects. */
export function runNode(script: string, args: readonly string[] = [], timeoutMs = 120_000): Promise<ChildResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [script, ...args],
      { cwd: ROOT, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const failure = error as (NodeJS.ErrnoException & { code?: number | string; signal?: NodeJS.Signals }) | null
        const code = failure === null ? 0 : typeof failure.code === 'number' ? failure.code : null
        done({ code, signal: failure?.signal ?? null, stdout, stderr })
      },
    )
  })
}
