import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

/** What `npm run playground` does after the build: copies the bundles next to the page; resolves to its file:// URL. */
export function buildPlayground(): string {
  const build = join(__dirname, '..', '..', '..', 'examples', 'playground', 'build.mjs')
  return execFileSync(process.execPath, [build], { encoding: 'utf8' }).replace(/^playground /, '').trim()
}
