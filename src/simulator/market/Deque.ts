/** @internal A FIFO over an array with a moving head, compacted now and then; also poppable at the back. */
export class Deque<T> {
  private items: T[] = []
  private head = 0

  get length(): number {
    return this.items.length - this.head
  }
  front(): T | undefined {
    return this.items[this.head]
  }
  back(): T | undefined {
    return this.length > 0 ? this.items[this.items.length - 1] : undefined
  }
  push(item: T): void {
    this.items.push(item)
  }
  popBack(): void {
    if (this.length > 0) this.items.pop()
  }
  shift(): T | undefined {
    if (this.length === 0) return undefined
    const item = this.items[this.head++]
    if (this.head > 4096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
    return item
  }
}
