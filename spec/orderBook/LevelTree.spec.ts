import fc from 'fast-check'
import { LevelTree } from '../../src/internal/orderBook/LevelTree'
import type { Level } from '../../src/internal/orderBook/SortedLevels'

// The B+tree is checked against a sorted array of keys, and its structure against the B+tree invariants
// (read through the private fields: these are white-box tests of an internal structure).

interface Node {
  leaf: boolean
  items?: Level[]
  keys?: string[]
  children?: Node[]
}

const level = (key: string): Level => ({ key, price: key, quantity: '1', entry: undefined })
const key = (n: number) => String(n).padStart(4, '0')

/** Checks sizes, sorting, equal leaf depth and separators; returns the keys in order. */
function checkStructure(tree: LevelTree): string[] {
  const { root, maxNode, min } = tree as unknown as { root: Node; maxNode: number; min: number }
  const out: string[] = []
  const problems: string[] = []
  const depths = new Set<number>()
  const check = (ok: boolean, what: string) => ok || problems.push(what)
  type Bound = string | undefined
  const visit = (node: Node, depth: number, lo: Bound, hi: Bound, isRoot: boolean) => {
    const width = node.leaf ? node.items!.length : node.children!.length
    check(width <= maxNode, `node of ${width} > ${maxNode}`)
    check(isRoot || width >= min, `non-root node of ${width} < ${min}`)
    check(!isRoot || node.leaf || width >= 2, 'root branch with one child')
    if (node.leaf) {
      depths.add(depth)
      for (const item of node.items!) {
        check(lo === undefined || item.key >= lo, `${item.key} below its separator ${lo}`)
        check(hi === undefined || item.key < hi, `${item.key} not below the next separator ${hi}`)
        out.push(item.key)
      }
      return
    }
    const { keys, children } = node as Required<Node>
    check(keys.length === children.length, 'keys and children differ in length')
    children.forEach((child, i) => {
      const own = child.keys?.[0]
      check(child.leaf || i === 0 || own === keys[i], `branch keys[0] ${own} != separator ${keys[i]}`)
      visit(child, depth + 1, i === 0 ? lo : keys[i], i + 1 < keys.length ? keys[i + 1] : hi, false)
    })
  }
  visit(root, 0, undefined, undefined, true)
  check(depths.size <= 1, `leaves at depths ${[...depths]}`)
  for (let i = 1; i < out.length; i++) check(out[i - 1] < out[i], `${out[i - 1]} before ${out[i]}`)
  expect(problems).toEqual([])
  return out
}

function agrees(tree: LevelTree, model: Set<string>): void {
  const want = [...model].sort()
  const keys = checkStructure(tree)
  const down: string[] = []
  tree.descending((l) => down.push(l.key) < 3)
  const up: string[] = []
  tree.ascending((l) => up.push(l.key) < 3)
  const got = { keys, size: tree.size, first: tree.first()?.key, last: tree.last()?.key, up, down }
  const expected = {
    keys: want,
    size: want.length,
    first: want[0],
    last: want[want.length - 1],
    up: want.slice(0, 3),
    down: want.slice(-3).reverse(),
  }
  if (JSON.stringify(got) !== JSON.stringify(expected)) expect(got).toEqual(expected)
}

describe('LevelTree', () => {
  it('matches a sorted set under random inserts, removals (present or absent) and clears', () => {
    const op = fc.oneof(
      { weight: 60, arbitrary: fc.record({ add: fc.constant(true), n: fc.nat(400) }) },
      { weight: 45, arbitrary: fc.record({ add: fc.constant(false), n: fc.nat(400) }) },
      { weight: 1, arbitrary: fc.constant('clear' as const) },
    )
    const script = fc.array(op, { maxLength: 400, size: 'large' })
    fc.assert(
      fc.property(fc.constantFrom(4, 5, 8, 32), script, (maxNode, ops) => {
        const tree = new LevelTree(maxNode)
        const model = new Set<string>()
        ops.forEach((o, i) => {
          if (i % 25 === 0) agrees(tree, model)
          if (o === 'clear') {
            tree.clear()
            model.clear()
          } else if (o.add) {
            if (!model.has(key(o.n))) tree.insert(level(key(o.n)))
            model.add(key(o.n))
          } else if (tree.remove(key(o.n)) !== model.delete(key(o.n))) {
            throw new Error(`remove(${o.n}) disagrees with the model`)
          }
        })
        agrees(tree, model)
      }),
      { numRuns: 200 },
    )
  })

  it('stays a valid B+tree through ascending, descending and shuffled fills and drains', () => {
    const tree = new LevelTree(4)
    const model = new Set<string>()
    const order = Array.from({ length: 600 }, (_, i) => i)
    const shuffled = [...order].sort((a, b) => ((a * 7919) % 601) - ((b * 7919) % 601))
    for (const sequence of [order, [...order].reverse(), shuffled]) {
      for (const n of sequence) {
        tree.insert(level(key(n)))
        model.add(key(n))
      }
      agrees(tree, model)
      for (const n of sequence.filter((x) => x % 3 !== 0)) {
        tree.remove(key(n))
        model.delete(key(n))
        if (n % 50 === 1) agrees(tree, model)
      }
      for (const n of shuffled) {
        tree.remove(key(n))
        model.delete(key(n))
      }
      agrees(tree, model)
      expect(tree.size).toBe(0)
    }
  })

  it('refuses nodes too small to split', () => {
    expect(() => new LevelTree(3)).toThrow(RangeError)
  })
})
