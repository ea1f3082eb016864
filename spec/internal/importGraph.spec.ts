import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

// No module of src/ may reach itself through its imports, type-only ones included: a circle, even of
// types, means two modules are one concept split in two (or one concept sitting in the wrong module).

const SRC = path.resolve(__dirname, '../../src')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return sources(full)
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : []
  })
}

/** The relative imports of one file (`import`, `import type`, `export … from`, `import()`), resolved to files. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
  return info.importedFiles
    .map((ref) => ref.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => resolve(path.resolve(path.dirname(file), spec)))
    .filter((target): target is string => target !== undefined)
}

function resolve(base: string): string | undefined {
  const candidates = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].map((c) => c.replace(/\.js$/, '.ts'))
  return candidates.find((c) => {
    try {
      return statSync(c).isFile()
    } catch {
      return false
    }
  })
}

/** Every circle, each as the files along it (Tarjan's strongly connected components of more than one file, or self-imports). */
export function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (v: string): void => {
    index.set(v, counter)
    low.set(v, counter++)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = []
      let w: string
      do {
        w = stack.pop()!
        onStack.delete(w)
        component.push(w)
      } while (w !== v)
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort())
    }
  }
  for (const v of graph.keys()) if (!index.has(v)) visit(v)
  return found
}

describe('import graph of src/', () => {
  const files = sources(SRC)
  const graph = new Map(files.map((f) => [f, importsOf(f)]))
  const rel = (f: string) => path.relative(SRC, f)

  it('reads type-only imports and re-exports as edges', () => {
    // The detector itself: a made-up graph with a type-only circle is reported.
    const fake = new Map([
      ['a', ['b']],
      ['b', ['a']],
      ['c', ['c']],
      ['d', ['a']],
    ])
    expect(circles(fake)).toEqual([['a', 'b'], ['c']])
    const typeOnly = ts.preProcessFile(`import type { X } from './x'\nexport type { Y } from './y'\nexport { z } from './z'`, true, true)
    expect(typeOnly.importedFiles.map((r) => r.fileName)).toEqual(['./x', './y', './z'])
  })

  it('sees the whole tree', () => {
    expect(files.length).toBeGreaterThan(100)
    expect(graph.get(path.join(SRC, 'index.ts'))!.length).toBeGreaterThan(5)
  })

  it('has no import circle, type-only ones included', () => {
    expect(circles(graph).map((c) => c.map(rel))).toEqual([])
  })
})
