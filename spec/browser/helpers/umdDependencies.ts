import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The module ids a UMD wrapper hands to AMD's `define`: exactly what the bundle needs from outside. */
export function umdDependencies(dist: string, file: string): string[] {
  const code = readFileSync(join(dist, file), 'utf8')
  const match = /define\(\[([^\]]*)\]/.exec(code)
  if (!match) throw new Error(`${file} has no UMD wrapper`)
  return JSON.parse(`[${match[1]}]`)
}
