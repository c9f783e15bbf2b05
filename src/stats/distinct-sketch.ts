// Distinct clients, exact while few and a HyperLogLog once many (Flajolet, Fusy, Gandouet, Meunier,
// "HyperLogLog: the analysis of a near-optimal cardinality estimation algorithm", 2007, with the
// small-range correction by linear counting; the sparse start follows HLL++, Heule et al. 2013).

/** Registers of the dense form: 2^11 = 2048 bytes, a standard error of 1.04 / sqrt(2048) ≈ 2.3 %. */
export const PRECISION = 11;
const REGISTERS = 1 << PRECISION;
/** Up to this many distinct hashes are kept exactly (an open-addressed table of twice as many slots). */
export const EXACT_LIMIT = 256;
const ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);

/** The saved form of a sketch: the exact hashes, or the registers in base64. */
export type SketchJson = { readonly exact: readonly number[] } | { readonly dense: string };

/** A mergeable set of 32-bit client hashes that answers how many distinct ones it holds, in bounded memory. */
export class DistinctSketch {
  private slots: Uint32Array | undefined = new Uint32Array(8); // exact form: hash + 1 (0 is empty)
  private size = 0;
  private registers: Uint8Array | undefined;

  /** Adds one 32-bit hash. */
  add(hash: number): void {
    if (this.registers) return this.addDense(hash >>> 0);
    const slots = this.slots!;
    const stored = ((hash >>> 0) + 1) % 0x1_0000_0000 || 1;
    const mask = slots.length - 1;
    for (let i = (hash >>> 0) & mask; ; i = (i + 1) & mask) {
      if (slots[i] === stored) return;
      if (slots[i] === 0) {
        slots[i] = stored;
        this.size++;
        break;
      }
    }
    if (this.size * 2 > slots.length) this.grow();
  }

  /** Distinct hashes added (exact below EXACT_LIMIT, an estimate above). */
  estimate(): number {
    if (!this.registers) return this.size;
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < REGISTERS; i++) {
      const rank = this.registers[i]!;
      sum += 2 ** -rank;
      if (rank === 0) zeros++;
    }
    const raw = (ALPHA * REGISTERS * REGISTERS) / sum;
    if (raw <= 2.5 * REGISTERS && zeros > 0) return Math.round(REGISTERS * Math.log(REGISTERS / zeros));
    // Large-range correction for 32-bit hashes.
    if (raw > 2 ** 32 / 30) return Math.round(-(2 ** 32) * Math.log(1 - raw / 2 ** 32));
    return Math.round(raw);
  }

  /** Adds every hash of `other` to this sketch (the union). */
  merge(other: DistinctSketch): this {
    if (other.registers) {
      this.toDense();
      for (let i = 0; i < REGISTERS; i++) if (other.registers[i]! > this.registers![i]!) this.registers![i] = other.registers[i]!;
    } else {
      for (const stored of other.slots!) if (stored !== 0) this.add(stored - 1);
    }
    return this;
  }

  /** Bytes held by the sketch's arrays. */
  bytes(): number {
    return this.registers ? this.registers.byteLength : this.slots!.byteLength;
  }

  /** The saved form. */
  toJSON(): SketchJson {
    if (this.registers) return { dense: Buffer.from(this.registers).toString('base64') };
    return { exact: [...this.slots!].filter((stored) => stored !== 0).map((stored) => stored - 1) };
  }

  /** A sketch from its saved form; throws RangeError on a malformed one. */
  static fromJSON(json: SketchJson): DistinctSketch {
    const sketch = new DistinctSketch();
    if ('dense' in json) {
      const registers = Buffer.from(json.dense, 'base64');
      if (registers.length !== REGISTERS || registers.some((rank) => rank > 33 - PRECISION)) throw new RangeError('bad sketch registers');
      sketch.registers = new Uint8Array(registers);
      sketch.slots = undefined;
    } else {
      for (const hash of json.exact) {
        if (!Number.isInteger(hash) || hash < 0 || hash > 0xffff_ffff) throw new RangeError('bad sketch hash');
        sketch.add(hash);
      }
    }
    return sketch;
  }

  private addDense(hash: number): void {
    const index = hash >>> (32 - PRECISION);
    const rank = Math.min(Math.clz32(hash << PRECISION) + 1, 33 - PRECISION);
    if (rank > this.registers![index]!) this.registers![index] = rank;
  }

  private grow(): void {
    const old = this.slots!;
    if (this.size > EXACT_LIMIT) return this.toDense();
    this.slots = new Uint32Array(old.length * 2);
    this.size = 0;
    for (const stored of old) if (stored !== 0) this.add(stored - 1);
  }

  private toDense(): void {
    if (this.registers) return;
    this.registers = new Uint8Array(REGISTERS);
    for (const stored of this.slots!) if (stored !== 0) this.addDense(stored - 1);
    this.slots = undefined;
    this.size = 0;
  }
}
