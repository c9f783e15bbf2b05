/** A seeded pseudo-random source (mulberry32): the same seed gives the same sequence on every run. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One element, the first ones far more often (Zipf-like, exponent 1), as real category use is. */
  pickSkewed<T>(items: readonly T[]): T {
    const index = Math.floor(Math.exp(this.next() * Math.log(items.length + 1))) - 1;
    return items[Math.min(index, items.length - 1)]!;
  }

  /** Up to `count` distinct elements chosen with `pickSkewed`. */
  someSkewed<T>(items: readonly T[], count: number): T[] {
    const chosen = new Set<T>();
    for (let tries = 0; chosen.size < count && tries < count * 5; tries++) chosen.add(this.pickSkewed(items));
    return [...chosen];
  }

  /** Lower-case hex digits, `length` of them. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.int(0, 15).toString(16);
    return out;
  }
}
