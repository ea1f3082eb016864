/**
 * @internal
 * A small seeded pseudo-random generator (mulberry32). The simulated market draws every random choice from
 * one of these, never from `Math.random`, so the same seed replays the same market.
 */
export class Prng {
  private state: number

  constructor(seed: number) {
    this.state = Math.trunc(seed) >>> 0
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  /**
   * Roughly standard normal. A sum of uniforms (Irwin-Hall) rather than Box-Muller: it needs only
   * addition, so it gives the same numbers on every IEEE-754 engine.
   */
  gauss(): number {
    return (this.next() + this.next() + this.next() + this.next() - 2) * 1.7320508075688772
  }

  /** Exponentially distributed with mean 1. */
  exponential(): number {
    return -Math.log(1 - this.next())
  }

  /** A count whose mean is `mean`: uniform on 0 .. 2·mean, so bursts and quiet blocks alternate. */
  count(mean: number): number {
    return Math.floor(this.next() * (2 * mean + 1))
  }

  bytes(n: number): number[] {
    const out: number[] = []
    for (let i = 0; i < n; i++) out.push(this.int(256))
    return out
  }
}
