import Parser from 'rss-parser';
import type { Finding } from '../validate/index.js';
import type { AgreementTexts } from './checker.js';

/** What a reader sees of one item, reduced to what must agree across formats. */
interface SeenItem {
  readonly id: string;
  readonly date: string;
  readonly categories: readonly string[];
}

type RawItem = Parser.Item & { id?: string; category?: Array<{ $?: { label?: string; term?: string } }> };
const parser = new Parser<Record<string, unknown>, RawItem>({ customFields: { item: ['id', ['category', 'category', { keepArray: true }]] } });

// Dates compared to the second: RSS dates carry no fractions.
const second = (iso: string | undefined) => (iso ? new Date(iso).toISOString().slice(0, 19) : '');

async function fromRss(body: string): Promise<SeenItem[]> {
  const feed = await parser.parseString(body);
  return feed.items.map((item) => ({ id: item.guid ?? '', date: second(item.isoDate), categories: item.categories ?? [] }));
}

async function fromAtom(body: string): Promise<SeenItem[]> {
  const feed = await parser.parseString(body);
  return feed.items.map((item) => ({
    id: item.id ?? '',
    date: second(item.isoDate),
    categories: (item.category ?? []).map((c) => c.$?.label ?? c.$?.term ?? ''),
  }));
}

function fromJson(body: string): SeenItem[] {
  const feed = JSON.parse(body) as { items?: Array<{ id?: string; date_published?: string; tags?: string[] }> };
  return (feed.items ?? []).map((item) => ({ id: item.id ?? '', date: second(item.date_published), categories: item.tags ?? [] }));
}

// A format's text: decoded from its bytes when they were sent as bytes (a Buffer arrives in a worker as a Uint8Array).
const text = (body: string | Uint8Array) => (typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));

const describe = (items: readonly SeenItem[], pick: (item: SeenItem) => string) => items.map(pick).join(' | ');

/**
 * Checks that the RSS, Atom and JSON versions of one feed show a reader the same items, in the same
 * order, with the same ids, dates and categories (as names; JSON Feed lists each name once).
 */
export async function checkAgreement(feeds: AgreementTexts): Promise<Finding[]> {
  const findings: Finding[] = [];
  let seen: Record<'rss' | 'atom' | 'json', SeenItem[]>;
  try {
    seen = { rss: await fromRss(text(feeds.rss)), atom: await fromAtom(text(feeds.atom)), json: fromJson(text(feeds.json)) };
  } catch (error) {
    return [{ severity: 'error', rule: 'agreement.unreadable', message: `a format could not be read: ${(error as Error).message}` }];
  }
  const disagree = (rule: string, what: string, pick: (item: SeenItem) => string) => {
    const [rss, atom, json] = [seen.rss, seen.atom, seen.json].map((items) => describe(items, pick));
    if (rss !== atom || rss !== json) {
      findings.push({ severity: 'error', rule, message: `the formats disagree on ${what}: RSS ${rss || '(none)'}; Atom ${atom || '(none)'}; JSON ${json || '(none)'}` });
    }
  };
  disagree('agreement.ids', 'the items and their order', (item) => item.id);
  disagree('agreement.dates', 'the item dates', (item) => item.date);
  disagree('agreement.categories', 'the item categories', (item) => [...new Set(item.categories)].join(','));
  return findings;
}
