// SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast short-input PRF", 2012) on 32-bit halves held
// in local variables, so hashing a client allocates nothing: the message is read straight from a
// string's code units (each taken as one byte: header values reach Node as latin1) and a 64-bit tail.

/** A keyed SipHash-2-4: `hash` leaves the 64-bit result in `hi` and `lo` (unsigned 32-bit halves). */
export class SipHash {
  hi = 0;
  lo = 0;
  private readonly k0h: number;
  private readonly k0l: number;
  private readonly k1h: number;
  private readonly k1l: number;

  /** A hasher keyed by 16 bytes, read little-endian as k0 and k1 (the paper's convention). */
  constructor(key: Uint8Array) {
    if (key.length !== 16) throw new RangeError('a SipHash key is 16 bytes');
    const view = new DataView(key.buffer, key.byteOffset, 16);
    [this.k0l, this.k0h, this.k1l, this.k1h] = [0, 4, 8, 12].map((at) => view.getUint32(at, true)) as [number, number, number, number];
  }

  /** Hashes the bytes of `text` (one per code unit) followed, when `tail` is set, by the 8 bytes of tailHi:tailLo, little-endian. */
  hash(text: string, tail = false, tailHi = 0, tailLo = 0): void {
    const n = text.length;
    const length = n + (tail ? 8 : 0);
    let v0h = (this.k0h ^ 0x736f6d65) >>> 0, v0l = (this.k0l ^ 0x70736575) >>> 0;
    let v1h = (this.k1h ^ 0x646f7261) >>> 0, v1l = (this.k1l ^ 0x6e646f6d) >>> 0;
    let v2h = (this.k0h ^ 0x6c796765) >>> 0, v2l = (this.k0l ^ 0x6e657261) >>> 0;
    let v3h = (this.k1h ^ 0x74656462) >>> 0, v3l = (this.k1l ^ 0x79746573) >>> 0;
    let t = 0;
    const words = (length >>> 3) + 1; // the last word holds the rest and the length (mod 256) in its top byte
    for (let w = 0; w <= words; w++) {
      let mh = 0, ml = 0, rounds = 4;
      if (w < words) {
        const base = w * 8;
        if (base + 8 <= n) {
          mh = ((text.charCodeAt(base + 7) & 0xff) << 24) | ((text.charCodeAt(base + 6) & 0xff) << 16) | ((text.charCodeAt(base + 5) & 0xff) << 8) | (text.charCodeAt(base + 4) & 0xff);
          ml = ((text.charCodeAt(base + 3) & 0xff) << 24) | ((text.charCodeAt(base + 2) & 0xff) << 16) | ((text.charCodeAt(base + 1) & 0xff) << 8) | (text.charCodeAt(base) & 0xff);
        } else {
          for (let i = 7; i >= 0; i--) {
            const at = base + i;
            const byte = at < n ? text.charCodeAt(at) & 0xff : at < length ? (at - n < 4 ? tailLo >>> ((at - n) * 8) : tailHi >>> ((at - n - 4) * 8)) & 0xff : 0;
            if (i >= 4) mh = (mh << 8) | byte;
            else ml = (ml << 8) | byte;
          }
        }
        if (w === words - 1) mh |= (length & 0xff) << 24;
        mh >>>= 0; ml >>>= 0;
        v3h = (v3h ^ mh) >>> 0; v3l = (v3l ^ ml) >>> 0;
        rounds = 2;
      } else {
        v2l = (v2l ^ 0xff) >>> 0;
      }
      for (let r = 0; r < rounds; r++) {
        v0l = (v0l + v1l) >>> 0; v0h = (v0h + v1h + (v0l < v1l ? 1 : 0)) >>> 0;
        t = v1h; v1h = ((v1h << 13) | (v1l >>> 19)) >>> 0; v1l = ((v1l << 13) | (t >>> 19)) >>> 0;
        v1h = (v1h ^ v0h) >>> 0; v1l = (v1l ^ v0l) >>> 0; t = v0h; v0h = v0l; v0l = t;
        v2l = (v2l + v3l) >>> 0; v2h = (v2h + v3h + (v2l < v3l ? 1 : 0)) >>> 0;
        t = v3h; v3h = ((v3h << 16) | (v3l >>> 16)) >>> 0; v3l = ((v3l << 16) | (t >>> 16)) >>> 0;
        v3h = (v3h ^ v2h) >>> 0; v3l = (v3l ^ v2l) >>> 0;
        v0l = (v0l + v3l) >>> 0; v0h = (v0h + v3h + (v0l < v3l ? 1 : 0)) >>> 0;
        t = v3h; v3h = ((v3h << 21) | (v3l >>> 11)) >>> 0; v3l = ((v3l << 21) | (t >>> 11)) >>> 0;
        v3h = (v3h ^ v0h) >>> 0; v3l = (v3l ^ v0l) >>> 0;
        v2l = (v2l + v1l) >>> 0; v2h = (v2h + v1h + (v2l < v1l ? 1 : 0)) >>> 0;
        t = v1h; v1h = ((v1h << 17) | (v1l >>> 15)) >>> 0; v1l = ((v1l << 17) | (t >>> 15)) >>> 0;
        v1h = (v1h ^ v2h) >>> 0; v1l = (v1l ^ v2l) >>> 0; t = v2h; v2h = v2l; v2l = t;
      }
      if (w < words) {
        v0h = (v0h ^ mh) >>> 0; v0l = (v0l ^ ml) >>> 0;
      }
    }
    this.hi = (v0h ^ v1h ^ v2h ^ v3h) >>> 0;
    this.lo = (v0l ^ v1l ^ v2l ^ v3l) >>> 0;
  }
}
