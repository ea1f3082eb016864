import { execFile } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
export const ROOT = join(__dirname, '..', '..', '..')

export interface ConsumerProject {
  readonly dir: string
  /** Runs `node <script> ...args` in the project; resolves with its output, rejects with it on a non-zero exit. */
  node(script: string, args: string[]): Promise<{ stdout: string; stderr: string }>
  remove(): void
}

/**
 * A copy of `example` (a folder under examples/) in a temporary directory, with binance-dex-rx installed from
 * the tarball `npm pack` makes of this checkout (so `exports`, `files` and the types are what users get),
 * and `tools` linked from this checkout's node_modules instead of downloaded. Needs `npm run build` first.
 */
export async function consumerProject(example: string, tools: string[]): Promise<ConsumerProject> {
  const dir = mkdtempSync(join(tmpdir(), `dex-${example}-`))
  try {
    const { stdout } = await run('npm', ['pack', '--json', '--silent', '--pack-destination', dir], { cwd: ROOT })
    const [{ filename }] = JSON.parse(stdout) as { filename: string }[]
    const installed = join(dir, 'node_modules', 'binance-dex-rx')
    mkdirSync(installed, { recursive: true })
    await run('tar', ['xzf', join(dir, filename), '-C', installed, '--strip-components=1'])
    rmSync(join(dir, filename))
    const source = join(ROOT, 'examples', example)
    for (const entry of readdirSync(source)) {
      if (entry !== 'node_modules') cpSync(join(source, entry), join(dir, entry), { recursive: true })
    }
    for (const name of tools) symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name), 'dir')
  } catch (error) {
    rmSync(dir, { recursive: true, force: true })
    throw error
  }
  return {
    dir,
    node: (script, args) => run(process.execPath, [join(dir, script), ...args], { cwd: dir, env: { ...process.env, CI: '1', FORCE_COLOR: '0', NO_COLOR: '1' } }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  }
}
