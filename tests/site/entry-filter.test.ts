import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, entryRules, keepsEntry } from '../../src/site/entry-filter.js';

// Jekyll's EntryFilter as Reader#get_entries applies it to a post folder: each file by its path below
// the folder; `exclude:` against the path in the site, `include:` against the entry or its name.
const rules = (exclude?: unknown, include?: unknown) => entryRules(exclude, include);

describe("Jekyll's EntryFilter for post files", () => {
  it('leaves out special names and backups, at the top of the entry or as its name only', () => {
    expect(keepsEntry(DEFAULT_RULES, '_posts', '2024-01-01-a.md')).toBe(true);
    expect(keepsEntry(DEFAULT_RULES, '_posts', '_2024-01-01-a.md')).toBe(false);
    expect(keepsEntry(DEFAULT_RULES, '_posts', '#2024-01-01-a.md')).toBe(false);
    expect(keepsEntry(DEFAULT_RULES, '_posts', '2024-01-01-a.md~')).toBe(false);
    expect(keepsEntry(DEFAULT_RULES, '_posts', '_old/2024-01-01-a.md')).toBe(false);
    // A special folder deeper down is not looked at: Jekyll reads the post.
    expect(keepsEntry(DEFAULT_RULES, '_posts', '2024/_old/2024-01-01-a.md')).toBe(true);
    expect(keepsEntry(DEFAULT_RULES, '_posts', '2024/~x/2024-01-01-a.md')).toBe(true);
  });

  it('excludes by glob (a * crosses folders), by prefix of the path in the site, and by folder', () => {
    const r = rules(['_posts/2024-02-*', 'news', 'notes/_posts/'], undefined);
    expect(keepsEntry(r, '_posts', '2024-02-14-a.md')).toBe(false);
    expect(keepsEntry(r, '_posts', '2024-03-14-a.md')).toBe(true);
    expect(keepsEntry(r, 'news/_posts', '2024-03-14-a.md')).toBe(false);
    // A prefix is a prefix of the string, as Ruby's start_with?: `news` excludes `newsletter/` too.
    expect(keepsEntry(r, 'newsletter/_posts', '2024-03-14-a.md')).toBe(false);
    expect(keepsEntry(r, 'notes/_posts', 'x/2024-03-14-a.md')).toBe(false);
    expect(keepsEntry(rules(['*.markdown']), '_posts', 'y/2024-03-14-a.markdown')).toBe(false);
    expect(keepsEntry(rules(['_posts/202[34]-*']), '_posts', '2023-01-01-a.md')).toBe(false);
    expect(keepsEntry(rules(['_posts/202[!34]-*']), '_posts', '2023-01-01-a.md')).toBe(true);
    expect(keepsEntry(rules(['_posts/2024-0?-01-a.md']), '_posts', '2024-05-01-a.md')).toBe(false);
    expect(keepsEntry(rules(['_posts/{a,b}*']), '_posts', 'a-2024-05-01-a.md')).toBe(true);
    // A plain pattern shorter than the folder's path, or longer, or beside it, tested under that folder.
    expect(keepsEntry(rules(['_pos']), '_posts', '2024-05-01-a.md')).toBe(false);
    expect(keepsEntry(rules(['_posts/2024/old']), '_posts', '2024/old-2024-05-01-a.md')).toBe(false);
    expect(keepsEntry(rules(['_posts/2024/old']), '_posts', '2024/new-2024-05-01-a.md')).toBe(true);
    expect(keepsEntry(rules(['_postsx', 'other/_posts']), '_posts', '2024-05-01-a.md')).toBe(true);
  });

  it("keeps what include: names, by the entry's path below the folder or its name, even when special or excluded", () => {
    const r = rules(['_posts/2024-02-*'], ['_archive', '2024-02-14-kept.md']);
    expect(keepsEntry(r, '_posts', '_archive/2023-11-20-a.md')).toBe(true);
    expect(keepsEntry(r, '_posts', '2024-02-14-kept.md')).toBe(true);
    expect(keepsEntry(r, '_posts', 'sub/2024-02-14-kept.md')).toBe(true);
    expect(keepsEntry(r, '_posts', '2024-02-15-other.md')).toBe(false);
    // A pattern in both lists is not an exclusion.
    expect(keepsEntry(rules(['news'], ['news']), 'news/_posts', '2024-01-01-a.md')).toBe(true);
  });

  it("adds Jekyll's default excludes, and an include: list replaces the default (.htaccess)", () => {
    expect(rules(['x']).exclude).toEqual(expect.arrayContaining(['x', 'node_modules', 'vendor/bundle/', 'Gemfile']));
    expect(rules(undefined, ['_a']).include).toEqual(['_a']);
    expect(rules('one', 'two')).toMatchObject({ exclude: expect.arrayContaining(['one']), include: ['two'] });
    expect(keepsEntry(DEFAULT_RULES, '', 'node_modules', true)).toBe(false);
    expect(keepsEntry(DEFAULT_RULES, 'vendor', 'bundle', true)).toBe(false);
    expect(keepsEntry(DEFAULT_RULES, '', 'vendor', true)).toBe(true);
  });
});
