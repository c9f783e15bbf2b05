import { describe, expect, it } from 'vitest';
import { errorRules, findings, json, warningRules } from './documents.js';

describe('JSON Feed 1.1 rules', () => {
  it('accepts the minimal feed', async () => {
    expect(await findings(json(), { url: 'https://example.com/feed.json' })).toEqual([]);
  });

  const errors: Array<[string, string]> = [
    ['json.not-well-formed', '{"version": "https://jsonfeed.org/version/1.1",'],
    ['json.not-object', '[]'],
    ['json.version.missing', json({ top: { version: undefined } })],
    ['json.version.invalid', json({ top: { version: '1.1' } })],
    ['json.title.missing', json({ top: { title: undefined } })],
    ['json.items.missing', json({ top: { items: undefined } })],
    ['json.home_page_url.invalid', json({ top: { home_page_url: '/home' } })],
    ['json.item.id.missing', json({ item: { id: undefined } })],
    ['json.item.id.type', json({ item: { id: 7 } })],
    ['json.item.id.blank', json({ item: { id: '' } })],
    ['json.item.content.missing', json({ item: { content_html: undefined } })],
    ['json.item.date_published.invalid', json({ item: { date_published: '2024-05-01' } })],
    ['json.item.url.invalid', json({ item: { url: 'example.com/first' } })],
    ['json.item.tags.type', json({ item: { tags: 'news' } })],
    ['json.item.attachment.url.missing', json({ item: { attachments: [{ mime_type: 'audio/mpeg' }] } })],
    ['json.item.attachment.mime_type.missing', json({ item: { attachments: [{ url: 'https://example.com/a.mp3' }] } })],
    ['json.item.attachment.size_in_bytes.invalid', json({ item: { attachments: [{ url: 'https://example.com/a.mp3', mime_type: 'audio/mpeg', size_in_bytes: '10' }] } })],
    ['json.feed.authors.empty', json({ top: { authors: [{}] } })],
  ];
  it.each(errors)('reports %s', async (rule, document) => {
    expect(await errorRules(document)).toContain(rule);
  });

  it('accepts the 1.0 author beside authors, for 1.0 readers', async () => {
    const document = json({ top: { authors: [{ name: 'Jo' }], author: { name: 'Jo' } }, item: { authors: [{ name: 'Al' }], author: { name: 'Al' } } });
    expect(await warningRules(document, { url: 'https://example.com/feed.json' })).toEqual([]);
  });

  it('reports a duplicate item id at its path', async () => {
    const document = JSON.stringify({ ...JSON.parse(json()), items: [{ id: 'a', content_text: 'x' }, { id: 'a', content_text: 'y' }] });
    const duplicate = (await findings(document)).find((f) => f.rule === 'json.item.id.duplicate');
    expect(duplicate).toMatchObject({ severity: 'error', path: 'items[1].id' });
  });

  const warnings: Array<[string, string]> = [
    ['json.feed_url.mismatch', json()],
    ['json.feed_url.recommended', json({ top: { feed_url: undefined } })],
    ['json.feed.author.deprecated', json({ top: { author: { name: 'Jo' } } })],
    ['json.key.unknown', json({ top: { homepage: 'https://example.com/' } })],
  ];
  it.each(warnings)('warns %s', async (rule, document) => {
    expect(await warningRules(document, { url: 'https://example.com/other.json' })).toContain(rule);
  });
});
