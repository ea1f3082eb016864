import { keyBefore } from './priceKey'
import { type Level, type SortedLevels, lowerBound } from './SortedLevels'

// A B+tree of price levels with small nodes (at most `maxNode` levels per leaf, children per branch).
//
// Cost, honestly: insert and remove visit O(log_B n) nodes; in each, a binary search (O(log B)) and an
// array splice of at most B entries (a memmove, O(B) with a tiny constant). B is a fixed constant, so both
// are O(log n). Reading the best level is O(log_B n); reading the top k levels is O(k + log_B n).
// The benchmark (bench/orderBook.bench.ts) compares it with one sorted array (binary search + O(n)
// memmove): at 1,000 levels per side the tree is somewhat faster, at 100,000 more than ten times.
//
// Routing: `keys[i]` of a branch is a lower bound of every key under `children[i]` and above every key
// under `children[i - 1]`. A branch's own `keys[0]` is never used to route; it equals the separator its
// parent keeps for it (for a first child: some lower bound), which is what a split, borrow or merge moves
// up or down. Separators may be stale after removals (still correct bounds), never wrong.

class Leaf {
  readonly leaf = true as const
  constructor(readonly items: Level[]) {}
}

class Branch {
  readonly leaf = false as const
  constructor(
    readonly keys: string[],
    readonly children: TreeNode[],
  ) {}
}

type TreeNode = Leaf | Branch

const width = (node: TreeNode): number => (node.leaf ? node.items.length : node.children.length)
const minKey = (node: TreeNode): string => (node.leaf ? node.items[0].key : node.keys[0])

/** Index of the child whose range holds `key`: the last separator not above it. */
function childIndex(keys: readonly string[], key: string): number {
  let lo = 1
  let hi = keys.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (!keyBefore(key, keys[mid])) lo = mid + 1
    else hi = mid
  }
  return lo - 1
}

/** @internal Ordered levels in a B+tree; see the cost note at the top of this file. */
export class LevelTree implements SortedLevels {
  private root: TreeNode = new Leaf([])
  private count = 0
  private readonly min: number

  constructor(private readonly maxNode = 32) {
    if (!(maxNode >= 4)) throw new RangeError('LevelTree: maxNode must be at least 4')
    this.min = maxNode >>> 1
  }

  get size(): number {
    return this.count
  }

  insert(level: Level): void {
    const split = this.insertInto(this.root, level)
    if (split) this.root = new Branch([minKey(this.root), minKey(split)], [this.root, split])
    this.count++
  }

  remove(key: string): boolean {
    if (!this.removeFrom(this.root, key)) return false
    this.count--
    const root = this.root
    if (!root.leaf && root.children.length === 1) this.root = root.children[0]
    return true
  }

  first(): Level | undefined {
    let node = this.root
    while (!node.leaf) node = node.children[0]
    return node.items[0]
  }

  last(): Level | undefined {
    let node = this.root
    while (!node.leaf) node = node.children[node.children.length - 1]
    return node.items[node.items.length - 1]
  }

  ascending(visit: (level: Level) => boolean): void {
    walk(this.root, visit, false)
  }

  descending(visit: (level: Level) => boolean): void {
    walk(this.root, visit, true)
  }

  clear(): void {
    this.root = new Leaf([])
    this.count = 0
  }

  /** Returns the new right sibling when `node` had to split. */
  private insertInto(node: TreeNode, level: Level): TreeNode | undefined {
    if (node.leaf) {
      const items = node.items
      items.splice(lowerBound(items, level.key), 0, level)
      return items.length > this.maxNode ? new Leaf(items.splice(items.length >>> 1)) : undefined
    }
    const i = childIndex(node.keys, level.key)
    const split = this.insertInto(node.children[i], level)
    if (!split) return undefined
    node.keys.splice(i + 1, 0, minKey(split))
    node.children.splice(i + 1, 0, split)
    if (node.children.length <= this.maxNode) return undefined
    const half = node.children.length >>> 1
    return new Branch(node.keys.splice(half), node.children.splice(half))
  }

  private removeFrom(node: TreeNode, key: string): boolean {
    if (node.leaf) {
      const items = node.items
      const i = lowerBound(items, key)
      if (i === items.length || items[i].key !== key) return false
      items.splice(i, 1)
      return true
    }
    const i = childIndex(node.keys, key)
    if (!this.removeFrom(node.children[i], key)) return false
    if (width(node.children[i]) < this.min) this.rebalance(node, i)
    return true
  }

  /** Refills the underfull child `i` from a sibling with levels to spare, or merges it with one. */
  private rebalance(parent: Branch, i: number): void {
    const { keys, children } = parent
    const child = children[i]
    const left = i > 0 ? children[i - 1] : undefined
    const right = i + 1 < children.length ? children[i + 1] : undefined
    if (left && width(left) > this.min) {
      if (child.leaf && left.leaf) {
        child.items.unshift(left.items.pop()!)
        keys[i] = child.items[0].key
      } else if (!child.leaf && !left.leaf) {
        const movedKey = left.keys.pop()!
        child.keys.unshift(movedKey)
        child.children.unshift(left.children.pop()!)
        keys[i] = movedKey
      }
    } else if (right && width(right) > this.min) {
      if (child.leaf && right.leaf) {
        child.items.push(right.items.shift()!)
        keys[i + 1] = right.items[0].key
      } else if (!child.leaf && !right.leaf) {
        child.keys.push(keys[i + 1])
        child.children.push(right.children.shift()!)
        right.keys.shift()
        keys[i + 1] = right.keys[0]
      }
    } else if (left) merge(parent, i - 1)
    else if (right) merge(parent, i)
  }
}

/** Moves every entry of child `j + 1` into child `j` (their sizes sum to at most maxNode). */
function merge(parent: Branch, j: number): void {
  const left = parent.children[j]
  const right = parent.children[j + 1]
  if (left.leaf && right.leaf) {
    for (const item of right.items) left.items.push(item)
  } else if (!left.leaf && !right.leaf) {
    for (const key of right.keys) left.keys.push(key)
    for (const child of right.children) left.children.push(child)
  }
  parent.keys.splice(j + 1, 1)
  parent.children.splice(j + 1, 1)
}

/** Visits the levels under `node` in key order, or in reverse when `down`, until `visit` returns false. */
function walk(node: TreeNode, visit: (level: Level) => boolean, down: boolean): boolean {
  const list: readonly (Level | TreeNode)[] = node.leaf ? node.items : node.children
  for (let i = 0; i < list.length; i++) {
    const next = list[down ? list.length - 1 - i : i]
    if (!(node.leaf ? visit(next as Level) : walk(next as TreeNode, visit, down))) return false
  }
  return true
}
