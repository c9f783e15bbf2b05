import { describe, expect, it } from 'vitest';
import { findings } from './documents.js';
import { sniffFormat } from '../../src/validate/index.js';

/** A valid OPML 2.0 subscription list; `head` and `body` are spliced in, `version` replaces the version attribute. */
function opml({ head = '', body = '', version = 'version="2.0"' } = {}): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<opml ${version}>
  <head>
    <title>Subscriptions</title>
    <dateModified>Mon, 02 Jan 2006 15:04:05 GMT</dateModified>
    ${head}
  </head>
  <body>
    <outline type="rss" text="Example" title="Example" xmlUrl="https://example.com/feed.xml" htmlUrl="https://example.com/"/>
    ${body}
  </body>
</opml>
`;
}

// One rule per row: a document that keeps it, and one that breaks it.
const RULES: ReadonlyArray<readonly [rule: string, good: string, bad: string]> = [
  ['opml.version.invalid', opml(), opml({ version: 'version="3.0"' })],
  ['opml.version.missing', opml(), opml({ version: '' })],
  ['opml.opml.head.missing', opml(), opml().replace(/<head>[\s\S]*<\/head>/, '')],
  ['opml.opml.body.missing', opml(), opml().replace(/<body>[\s\S]*<\/body>/, '')],
  ['opml.body.outline.missing', opml(), opml().replace(/<outline[^>]*\/>/, '')],
  ['opml.element.undefined', opml({ head: '<docs>https://opml.org/spec2.opml</docs>' }), opml({ head: '<author>Jo</author>' })],
  ['opml.element.duplicate', opml(), opml({ head: '<title>Again</title>' })],
  ['opml.head.dateCreated.invalid', opml({ head: '<dateCreated>Mon, 02 Jan 2006 15:04:05 GMT</dateCreated>' }), opml({ head: '<dateCreated>2006-01-02</dateCreated>' })],
  ['opml.head.ownerEmail.invalid', opml({ head: '<ownerEmail>jo@example.com</ownerEmail>' }), opml({ head: '<ownerEmail>jo at example</ownerEmail>' })],
  ['opml.head.ownerId.invalid-uri', opml({ head: '<ownerId>https://example.com/jo</ownerId>' }), opml({ head: '<ownerId>jo</ownerId>' })],
  ['opml.head.expansionState.invalid', opml({ head: '<expansionState>1, 3</expansionState>' }), opml({ head: '<expansionState>all</expansionState>' })],
  ['opml.head.windowTop.integer', opml({ head: '<windowTop>61</windowTop>' }), opml({ head: '<windowTop>top</windowTop>' })],
  ['opml.body.outline.text-missing', opml({ body: '<outline text="Group"/>' }), opml({ body: '<outline title="Group"/>' })],
  ['opml.attribute.unexpected', opml({ body: '<outline text="A" category="/x"/>' }), opml({ body: '<outline text="A" colour="red"/>' })],
  ['opml.body.outline.created-invalid', opml({ body: '<outline text="A" created="Mon, 02 Jan 2006 15:04:05 GMT"/>' }), opml({ body: '<outline text="A" created="yesterday"/>' })],
  ['opml.body.outline.isComment-invalid', opml({ body: '<outline text="A" isComment="true"/>' }), opml({ body: '<outline text="A" isComment="yes"/>' })],
  ['opml.body.outline.language', opml({ body: '<outline type="rss" text="A" title="A" xmlUrl="https://example.com/a" language="fr"/>' }), opml({ body: '<outline type="rss" text="A" title="A" xmlUrl="https://example.com/a" language="french"/>' })],
  ['opml.body.outline.invalid-uri', opml(), opml({ body: '<outline type="rss" text="A" title="A" xmlUrl="feed.xml"/>' })],
  ['opml.body.outline.xmlUrl-missing', opml(), opml({ body: '<outline type="rss" text="A" title="A"/>' })],
  ['opml.body.outline.title-missing', opml(), opml({ body: '<outline type="rss" text="A" xmlUrl="https://example.com/a"/>' })],
  ['opml.body.outline.url-missing', opml({ body: '<outline type="link" text="A" url="https://example.com/a.opml"/>' }), opml({ body: '<outline type="link" text="A"/>' })],
  ['opml.body.outline.type-missing', opml(), opml({ body: '<outline text="A" xmlUrl="https://example.com/a"/>' })],
  ['opml.body.outline.version-unknown', opml({ body: '<outline type="rss" text="A" title="A" xmlUrl="https://example.com/a" version="RSS2"/>' }), opml({ body: '<outline type="rss" text="A" title="A" xmlUrl="https://example.com/a" version="ATOM"/>' })],
  ['opml.body.outline.type-unknown', opml({ version: 'version="1.0"' }), opml({ version: 'version="1.0"', body: '<outline type="song" text="A"/>' })],
  ['opml.text.unexpected', opml({ body: '<outline text="A"><outline text="B"/></outline>' }), opml({ body: '<outline text="A">words</outline>' })],
  ['opml.root.obsolete', opml(), opml().replace('<opml version="2.0">', '<outlineDocument>').replace('</opml>', '</outlineDocument>')],
];

describe('OPML 1.0 and 2.0', () => {
  it('is sniffed from its root, and by its media type', () => {
    expect(sniffFormat(opml())).toBe('opml');
    expect(sniffFormat('…', 'text/x-opml')).toBe('opml');
  });

  it.each(RULES)('%s: the good document keeps it, the bad one breaks it', async (rule, good, bad) => {
    const kept = await findings(good);
    expect(kept.filter((f) => f.severity === 'error')).toEqual([]);
    expect(kept.map((f) => f.rule)).not.toContain(rule);
    expect((await findings(bad)).map((f) => f.rule)).toContain(rule);
  });
});
