import { validateFeed, type Finding, type ValidateOptions } from '../../src/validate/index.js';

/** A minimal valid RSS 2.0 feed; `channel` and `item` are spliced into the channel and its one item. */
export function rss({ channel = '', item = '', rssAttrs = 'version="2.0"', namespaces = '' } = {}): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss ${rssAttrs} xmlns:atom="http://www.w3.org/2005/Atom"${namespaces}>
  <channel>
    <title>Example</title>
    <link>https://example.com/</link>
    <description>An example feed</description>
    <atom:link href="https://example.com/feed.xml" rel="self" type="application/rss+xml"/>
    ${channel}
    <item>
      <title>First</title>
      <link>https://example.com/first</link>
      <guid>https://example.com/first</guid>
      ${item}
    </item>
  </channel>
</rss>
`;
}

/** A minimal valid Atom 1.0 feed; `feed` and `entry` are spliced into the feed and its one entry. */
export function atom({ feed = '', entry = '', entryId = 'tag:example.com,2024:1', content = '<content type="html">&lt;p&gt;Hi&lt;/p&gt;</content>', namespaces = '' } = {}): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"${namespaces}>
  <title>Example</title>
  <id>https://example.com/</id>
  <updated>2024-05-01T10:00:00Z</updated>
  <link rel="self" href="https://example.com/atom.xml"/>
  <link rel="alternate" type="text/html" href="https://example.com/"/>
  <author><name>Jo Writer</name></author>
  ${feed}
  <entry>
    <title>First</title>
    <id>${entryId}</id>
    <updated>2024-05-01T10:00:00Z</updated>
    <link rel="alternate" href="https://example.com/first"/>
    ${content}
    ${entry}
  </entry>
</feed>
`;
}

/** A minimal valid JSON Feed 1.1; `top` and `item` override fields of the feed and its one item. */
export function json({ top = {}, item = {} }: { top?: Record<string, unknown>; item?: Record<string, unknown> } = {}): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Example',
    home_page_url: 'https://example.com/',
    feed_url: 'https://example.com/feed.json',
    items: [{ id: 'https://example.com/first', url: 'https://example.com/first', content_html: '<p>Hi</p>', date_published: '2024-05-01T10:00:00Z', ...item }],
    ...top,
  });
}

/** The findings for a document. */
export const findings = (body: string | Buffer, options?: ValidateOptions): Promise<Finding[]> => validateFeed(body, options);

/** The rule ids of the errors found. */
export const errorRules = async (body: string | Buffer, options?: ValidateOptions) =>
  (await validateFeed(body, options)).filter((f) => f.severity === 'error').map((f) => f.rule);

/** The rule ids of the warnings found. */
export const warningRules = async (body: string | Buffer, options?: ValidateOptions) =>
  (await validateFeed(body, options)).filter((f) => f.severity === 'warning').map((f) => f.rule);
