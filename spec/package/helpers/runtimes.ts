import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from './packedPackage'

/**
 * The other JavaScript runtimes the package promises, as the platform packages their makers publish on
 * npm (a binary inside an npm package), installed on first use into node_modules/.cache, so CI needs
 * nothing but the npm registry.
 */
export type RuntimeName = 'node18' | 'bun' | 'deno'

const CACHE = join(ROOT, 'node_modules', '.cache', 'dex-runtimes')

const platform = `${process.platform}-${process.arch}`
const PACKAGES: Record<RuntimeName, { spec: string; bin: string }> = {
  node18: { spec: `node-${platform}@18.20.8`, bin: `node-${platform}/bin/node` },
  bun: { spec: `@oven/bun-${platform}@1.4.5`, bin: `@oven/bun-${platform}/bin/bun` },
  deno: {
    spec: `@deno/${platform}${process.platform === 'linux' ? '-glibc' : ''}@2.9.6`,
    bin: `@deno/${platform}${process.platform === 'linux' ? '-glibc' : ''}/deno`,
  },
}

/** Paths of the runtimes' executables, installing the missing ones (one `npm install` for all). */
export function ensureRuntimes(names: readonly RuntimeName[]): Record<RuntimeName, string> {
  const path = (name: RuntimeName): string => join(CACHE, 'node_modules', PACKAGES[name].bin)
  const missing = names.filter((name) => !existsSync(path(name)))
  if (missing.length > 0) {
    mkdirSync(CACHE, { recursive: true })
    const specs = missing.map((name) => PACKAGES[name].spec)
    execFileSync(
      'npm',
      ['install', '--prefix', CACHE, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts', ...specs],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    )
  }
  return Object.fromEntries(names.map((name) => [name, path(name)])) as Record<RuntimeName, string>
}
