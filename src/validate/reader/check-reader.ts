import { createRequire } from 'node:module';
import Parser from 'rss-parser';
import type { Report } from '../finding.js';
import { stripHtml } from './strip-html.js';

// rss-parser makes every item's contentSnippet with utils.stripHtml, whose regular expressions are quadratic on
// hostile content; the linear equivalent (the same output, strip-html.ts) takes its place.
const rssParserUtils = createRequire(import.meta.url)('rss-parser/lib/utils.js') as { stripHtml: (text: string) => string };
rssParserUtils.stripHtml = stripHtml;

const parser = new Parser();

// rss-parser's types promise strings, but an element with attributes arrives as an object.
const present = (value: unknown): boolean => (typeof value === 'string' ? value.trim() !== '' : Boolean(value));

/**
 * Reads the feed as a feed reader would (rss-parser) and reports what such a reader would lose:
 * a feed it cannot read, items without a title and a link.
 */
export async function checkReader(text: string, report: Report): Promise<void> {
  let feed: Awaited<ReturnType<typeof parser.parseString>>;
  try {
    feed = await parser.parseString(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    report.warn('reader.unreadable', `a feed reader (rss-parser) cannot read this feed: ${reason}`);
    return;
  }
  feed.items.forEach((item, index) => {
    if (!present(item.title) && !present(item.link)) {
      report.warn('reader.item.untitled', `a feed reader sees item ${index + 1} with neither a title nor a link`, { path: `items[${index}]` });
    }
  });
}
