import { describe, expect, it, vi } from 'vitest';
import { chooseVariant, noneMatch, notModifiedSince } from '../../src/http/negotiate.js';
import { makeRendered } from '../../src/store/rendered.js';

const encodingFor = (header: string | undefined, brotliReady: boolean) => {
  const rendered = makeRendered('<rss/>'.repeat(100), 'application/rss+xml; charset=utf-8');
  const ready = brotliReady ? { ...rendered, brotli: () => ({ body: Buffer.alloc(1), etag: '"x-br"', encoding: 'br' as const }) } : rendered;
  return chooseVariant(ready, header).encoding ?? 'identity';
};

describe('chooseVariant (RFC 9110 §12.5.3)', () => {
  it.each([
    [undefined, true, 'identity'],
    ['', true, 'identity'],
    ['identity', true, 'identity'],
    ['gzip', true, 'gzip'],
    ['x-gzip', true, 'gzip'],
    ['GZip, Deflate', true, 'gzip'],
    ['gzip, deflate, br', true, 'br'],
    ['gzip, deflate, br', false, 'gzip'],
    ['br;q=0.5, gzip', true, 'gzip'],
    ['br, gzip;q=0.5', true, 'br'],
    ['gzip;q=0, br;q=0', true, 'identity'],
    ['*', true, 'br'],
    ['*;q=0, gzip', true, 'gzip'],
    ['gzip;q=abc', true, 'identity'],
  ])('Accept-Encoding %j (Brotli ready: %s) gets %s, the same on every request', (header, ready, expected) => {
    for (let i = 0; i < 3; i++) expect(encodingFor(header, ready)).toBe(expected);
  });

  it('starts Brotli only for a client that would take it', () => {
    const rendered = makeRendered('<rss/>', 'application/rss+xml; charset=utf-8');
    const brotli = vi.fn(rendered.brotli);
    chooseVariant({ ...rendered, brotli }, 'gzip');
    expect(brotli).not.toHaveBeenCalled();
    chooseVariant({ ...rendered, brotli }, 'gzip, br');
    expect(brotli).toHaveBeenCalledOnce();
  });
});

describe('conditional requests (RFC 9110 §13.1)', () => {
  it('compares If-None-Match weakly, in a list, and with *', () => {
    expect(noneMatch('"abc"', '"abc"')).toBe(true);
    expect(noneMatch('W/"abc"', '"abc"')).toBe(true);
    expect(noneMatch('"x" , "abc"', '"abc"')).toBe(true);
    expect(noneMatch(' * ', '"abc"')).toBe(true);
    expect(noneMatch('"abc-gz"', '"abc"')).toBe(false);
    expect(noneMatch('', '"abc"')).toBe(false);
  });

  it('compares If-Modified-Since at one-second precision', () => {
    const lastModified = new Date('2024-01-01T00:00:00.900Z');
    expect(notModifiedSince('Mon, 01 Jan 2024 00:00:00 GMT', lastModified)).toBe(true);
    expect(notModifiedSince('Sun, 31 Dec 2023 23:59:59 GMT', lastModified)).toBe(false);
    expect(notModifiedSince('not a date', lastModified)).toBe(false);
  });
});
