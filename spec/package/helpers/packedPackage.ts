import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'

/** The repository: its node_modules provide the package's dependencies to consumer projects. */
export const ROOT = join(__dirname, '..', '..', '..')

export interface PackedPackage {
  /** The temporary folder holding everything below; `remove()` deletes it. */
  readonly folder: string
  readonly tarball: string
  /** Bytes of the .tgz, as npm reports them (`size`), and of its unpacked files (`unpackedSize`). */
  readonly size: number
  readonly unpackedSize: number
  /** The tarball's contents, extracted: what `node_modules/binance-dex-rx` holds after an install. */
  readonly dir: string
  /** Paths inside the package, `/`-separated. */
  readonly files: readonly string[]
  remove(): void
}

/**
 * Packs the repository as `npm publish` would (without lifecycle scripts: `npm test` has built dist/) and
 * extracts the tarball. `npm test` builds before jest runs.
 */
export function packPackage(): PackedPackage {
  const folder = mkdtempSync(join(tmpdir(), 'dex-packed-'))
  try {
    const json = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', folder], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const [info] = JSON.parse(json) as { filename: string; size: number; unpackedSize: number }[]
    const tarball = join(folder, info.filename)
    const dir = join(folder, 'package')
    execFileSync('tar', ['-xzf', tarball, '-C', folder])
    return {
      folder,
      tarball,
      size: info.size,
      unpackedSize: info.unpackedSize,
      dir,
      files: listFiles(dir),
      remove: () => rmSync(folder, { recursive: true, force: true }),
    }
  } catch (error) {
    rmSync(folder, { recursive: true, force: true })
    throw error
  }
}

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? listFiles(path, base) : [relative(base, path).split('\\').join('/')]
  })
}

/** The package's dependencies (and what a TypeScript consumer adds), linked from the repository. */
const LINKED = ['rxjs', 'io-ts', 'fp-ts', 'ws', 'isomorphic-ws', 'tslib', '@types/node', '@types/ws']

/**
 * A consumer project in `<packed.folder>/<name>`: its own package.json (`type` as given), the packed package
 * copied into node_modules as an install would put it, its dependencies linked from the repository, and
 * `files` written in.
 */
export function consumerProject(
  packed: PackedPackage,
  name: string,
  type: 'module' | 'commonjs',
  files: Record<string, string>,
): string {
  const dir = join(packed.folder, name)
  mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true })
  cpSync(packed.dir, join(dir, 'node_modules', 'binance-dex-rx'), { recursive: true })
  for (const dep of LINKED) symlinkSync(join(ROOT, 'node_modules', dep), join(dir, 'node_modules', dep), 'dir')
  const pkg = { name, private: true, type, dependencies: { 'binance-dex-rx': 'file:../package', rxjs: '^7.8.0' } }
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2))
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text)
  return dir
}
