import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJekyllBody } from '../../src/jekyll/render-body.js';
import { fixtureSite } from './fixture-site.js';
import { readBack } from './read-back.js';

// Every fixture post of tests/jekyll/site, rendered by Herald, against (1) the reviewed golden file and
// (2) what Jekyll 4.3.1 itself wrote for it (tests/jekyll/jekyll-output, made by
// scripts/jekyll-reference.sh), both read back with parse5: the same text, links, images and elements.
// Regenerate the golden files with: UPDATE_GOLDEN=1 npx vitest run tests/jekyll (then review the diff).

const update = process.env.UPDATE_GOLDEN === '1';
const here = import.meta.dirname;
const { posts, contextFor } = fixtureSite();
const html = (dir: string, post: string) => path.join(here, dir, post.replace(/\.md$/, '.html'));

// Rouge's colouring spans (`<span class="k">`), which Herald does not write (see src/jekyll/highlight).
const ROUGE_SPAN = /^span\.[a-z][a-z0-9]{0,2}$/;

describe('renderJekyllBody on the fixture site', () => {
  it('has a post for every group of tags, filters and kramdown features', () => {
    expect(posts.map((post) => post.name)).toHaveLength(7);
  });

  it.each(posts.map((post) => [post.name, post] as const))('%s matches its golden file', (_name, post) => {
    const rendered = renderJekyllBody(post.body, contextFor(post));
    const file = html('golden', post.name);
    if (update) writeFileSync(file, rendered.html);
    expect(existsSync(file), `missing golden file ${file}`).toBe(true);
    expect(rendered.html).toBe(readFileSync(file, 'utf8'));
    expect(rendered.warnings).toEqual([]);
  });

  it.each(posts.map((post) => [post.name, post] as const))('%s reads back as Jekyll wrote it', (_name, post) => {
    const jekyll = readBack(readFileSync(html('jekyll-output', post.name), 'utf8'));
    const herald = readBack(renderJekyllBody(post.body, contextFor(post)).html);
    expect(herald.text).toBe(jekyll.text);
    expect(herald.links).toEqual(jekyll.links);
    expect(herald.images).toEqual(jekyll.images);
    expect(herald.elements).toEqual(jekyll.elements.filter((element) => !ROUGE_SPAN.test(element)));
  });

  it('shows no Liquid or kramdown syntax as text, except what {% raw %} keeps', () => {
    for (const post of posts) {
      const { text } = readBack(renderJekyllBody(post.body, contextFor(post)).html);
      const shown = text.replace('{{ page.title }} and {% if x %}…{% endif %}', '');
      expect(shown, post.name).not.toMatch(/\{%|\{\{|\{:|\[\^/);
    }
  });

  it('was compared with the Jekyll that wrote the reference files', () => {
    expect(readFileSync(path.join(here, 'jekyll-output', 'VERSION'), 'utf8')).toMatch(/^jekyll 4\.3\./);
  });
});
