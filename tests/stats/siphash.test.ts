import { describe, expect, it } from 'vitest';
import { SipHash } from '../../src/stats/siphash.js';

const hex = (h: SipHash) => h.hi.toString(16).padStart(8, '0') + h.lo.toString(16).padStart(8, '0');
const bytes = (n: number) => String.fromCharCode(...Array.from({ length: n }, (_, i) => i));

describe('SipHash-2-4', () => {
  const hasher = new SipHash(Uint8Array.from({ length: 16 }, (_, i) => i));

  it('gives the reference outputs for key 00..0f (paper, appendix A, and the reference vectors)', () => {
    hasher.hash(bytes(15));
    expect(hex(hasher)).toBe('a129ca6149be45e5');
    hasher.hash(bytes(0));
    expect(hex(hasher)).toBe('726fdb47dd0e0e31');
  });

  it('reads the 64-bit tail as 8 more little-endian bytes', () => {
    hasher.hash(bytes(7), true, 0x0e0d0c0b, 0x0a090807);
    expect(hex(hasher)).toBe('a129ca6149be45e5');
  });

  it('differs by key and by input', () => {
    const other = new SipHash(new Uint8Array(16).fill(7));
    hasher.hash('203.0.113.5', true, 1, 2);
    const a = hex(hasher);
    other.hash('203.0.113.5', true, 1, 2);
    hasher.hash('203.0.113.6', true, 1, 2);
    expect(new Set([a, hex(other), hex(hasher)]).size).toBe(3);
    expect(() => new SipHash(new Uint8Array(8))).toThrow(RangeError);
  });
});
