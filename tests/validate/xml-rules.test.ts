import { describe, expect, it } from 'vitest';
import { sniffFormat } from '../../src/validate/index.js';
import { atom, errorRules, findings, rss, warningRules } from './documents.js';

describe('XML well-formedness and encoding', () => {
  it('reports a document that is not well-formed, at its line', async () => {
    const broken = rss().replace('<title>First</title>', '<title>First</titel>');
    const [first] = await findings(broken);
    expect(first).toMatchObject({ severity: 'error', rule: 'xml.not-well-formed', line: 10 });
  });

  it('reports an undeclared namespace prefix', async () => {
    expect(await errorRules(rss({ item: '<media:thumbnail url="https://example.com/a.png"/>' }))).toContain('xml.namespace.undeclared');
  });

  it('reports an HTML entity that XML does not define', async () => {
    expect(await errorRules(rss({ item: '<description>caf&eacute;</description>' }))).toContain('xml.entity.undefined');
  });

  it('reports bytes that are not in the declared encoding', async () => {
    const bytes = Buffer.concat([Buffer.from(rss().split('First')[0]!), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from(rss().split('First').slice(1).join('First'))]);
    expect(await errorRules(bytes)).toContain('xml.encoding.invalid');
  });

  it('reports an unknown encoding', async () => {
    expect(await errorRules(Buffer.from(rss().replace('encoding="utf-8"', 'encoding="klingon-8"')))).toContain('xml.encoding.unknown');
  });

  it('reads a Latin-1 document and warns that it is not UTF-8', async () => {
    const latin1 = Buffer.from(rss({ item: '<description>café</description>' }).replace('encoding="utf-8"', 'encoding="iso-8859-1"'), 'latin1');
    expect(await errorRules(latin1)).toEqual([]);
    expect(await warningRules(latin1)).toContain('xml.encoding.not-utf8');
  });

  it('reports a root that is no feed', async () => {
    expect(await errorRules('<html><body/></html>', { format: 'rss' })).toContain('xml.root.unknown');
  });
});

describe('reading as a feed reader would', () => {
  it('warns of items a reader sees with neither title nor link', async () => {
    const untitled = rss({ channel: '<item><description>Only words</description><guid isPermaLink="false">2</guid></item>' });
    const finding = (await findings(untitled)).find((f) => f.rule === 'reader.item.untitled');
    expect(finding).toMatchObject({ severity: 'warning', path: 'items[0]' });
  });
});

describe('sniffFormat', () => {
  it('tells the formats apart from their first bytes', () => {
    expect(sniffFormat(rss())).toBe('rss');
    expect(sniffFormat(Buffer.from(atom()))).toBe('atom');
    expect(sniffFormat('  {"version": "https://jsonfeed.org/version/1.1"}')).toBe('json');
    expect(sniffFormat('<!-- a comment --><!DOCTYPE rss><rss version="0.91"/>')).toBe('rss');
    expect(sniffFormat('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>')).toBe('rss');
    expect(sniffFormat('plain text')).toBeUndefined();
    expect(sniffFormat('plain text', 'application/atom+xml')).toBe('atom');
  });
});

describe('XML-level checks the W3C validator makes', () => {
  it('reads us-ascii as 7-bit ASCII, not as Windows-1252', async () => {
    const bytes = Buffer.concat([Buffer.from(rss().replace('encoding="utf-8"', 'encoding="us-ascii"').split('First')[0]!), Buffer.from([0xe9]), Buffer.from(rss().split('First').slice(1).join('First'))]);
    expect(await errorRules(bytes)).toContain('xml.encoding.invalid');
    expect(await errorRules(Buffer.from(rss().replace('encoding="utf-8"', 'encoding="us-ascii"')))).toEqual([]);
  });

  it('goes on after an unknown encoding, reading the bytes as UTF-8', async () => {
    const rules = await errorRules(Buffer.from(rss().replace('encoding="utf-8"', 'encoding="x-fake"').replace('<link>https://example.com/</link>', '')));
    expect(rules).toEqual(expect.arrayContaining(['xml.encoding.unknown', 'rss.channel.link.missing']));
  });

  it('warns of characters that went through the wrong encoding, and not of plain accents', async () => {
    expect(await warningRules(Buffer.from(rss({ item: '<description>Caf\u00c3\u00a9</description>' })))).toContain('xml.characters.suspicious');
    const lost = Buffer.concat([Buffer.from(rss().split('First')[0]!), Buffer.from([0xff]), Buffer.from(rss().split('First').slice(1).join('First'))]);
    expect(await warningRules(lost)).toContain('xml.characters.suspicious');
    expect(await warningRules(Buffer.from(rss({ item: '<description>Café, naïve</description>' })))).not.toContain('xml.characters.suspicious');
  });

  it('still reports namespace declarations made before a well-formedness error', async () => {
    const broken = rss({ item: '<x:a xmlns:x="http://example.com/ns/x"><oops:b/></x:a>' });
    expect(await errorRules(broken)).toContain('xml.namespace.undeclared');
    expect(await warningRules(broken)).toContain('xml.namespace.unknown');
  });
});
