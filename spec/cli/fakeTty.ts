import { EventEmitter } from 'node:events'

/** A terminal's output stream for `Terminal`: a fixed size, and everything written kept as one string. */
export class FakeOutput extends EventEmitter {
  written = ''
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super()
  }
  write(text: string): boolean {
    this.written += text
    return true
  }
}
