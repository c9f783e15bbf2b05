import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type JekyllLimits, type JekyllRenderContext } from '../../src/jekyll/context.js';
import { JekyllRenderError } from '../../src/jekyll/errors.js';
import { JEKYLL_KRAMDOWN } from '../../src/jekyll/kramdown/options.js';
import { renderJekyllBody } from '../../src/jekyll/render-body.js';
import { fixtureSite } from './fixture-site.js';
import { readBack } from './read-back.js';

// What Jekyll would stop the build for is a reported error with its line; hostile posts hit a bound.

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'herald-liquid-'));
const siteDir = path.join(root, 'site');
const includesDir = path.join(siteDir, '_includes');
fs.mkdirSync(path.join(siteDir, '_posts'), { recursive: true });
fs.mkdirSync(includesDir);
fs.writeFileSync(path.join(root, 'secret.txt'), 'outside the site');
fs.writeFileSync(path.join(includesDir, 'loop.html'), '{% include loop.html %}');
fs.symlinkSync(path.join(root, 'secret.txt'), path.join(includesDir, 'escape.html'));
fs.symlinkSync(path.join(root, 'secret.txt'), path.join(siteDir, '_posts', 'escape.txt'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function context(limits: Partial<JekyllLimits> = {}): JekyllRenderContext {
  return {
    site: { config: { url: 'https://example.org' }, data: {}, posts: [], documents: [], timeZone: 'UTC', time: new Date(0) },
    page: { title: 'T' },
    pagePath: '_posts/2024-01-01-x.md',
    siteDir,
    includesDir,
    kramdown: JEKYLL_KRAMDOWN,
    limits: { ...DEFAULT_LIMITS, ...limits },
  };
}

function failure(source: string, limits: Partial<JekyllLimits> = {}): JekyllRenderError {
  try {
    renderJekyllBody(source, context(limits));
  } catch (error) {
    if (error instanceof JekyllRenderError) return error;
    throw error;
  }
  throw new Error('rendered without error');
}

describe('Liquid errors are reported with their line', () => {
  it('names an unclosed tag and its line', () => {
    const error = failure('one\n\n{% if page.title %}never closed');
    expect(error.message).toMatch(/not closed/);
    expect(error.line).toBe(3);
  });

  it('names an include that does not exist', () => {
    expect(failure('x\n{% include missing.html %}').message).toMatch(/could not locate the included file 'missing.html'/);
  });

  it('names a post_url that matches no post and a link to no file', () => {
    expect(failure('{% post_url 2020-01-01-nothing %}').message).toMatch(/could not find post "2020-01-01-nothing"/);
    expect(failure('{% link nowhere.md %}').message).toMatch(/could not find document 'nowhere.md'/);
  });

  it('rejects a highlight tag without a language, as Jekyll does', () => {
    expect(failure('{% highlight %}x{% endhighlight %}').message).toMatch(/syntax error in tag 'highlight'/);
  });
});

describe('includes stay inside their folder', () => {
  it('refuses .. and other names Jekyll refuses', () => {
    expect(failure('{% include ../secret.txt %}').message).toMatch(/invalid file name/);
  });

  it('does not follow a link out of _includes or out of the site', () => {
    expect(failure('{% include escape.html %}').message).toMatch(/could not locate/);
    expect(failure('{% include_relative escape.txt %}').message).toMatch(/could not locate/);
  });

  it('bounds how deep includes nest', () => {
    expect(failure('{% include loop.html %}', { includeDepth: 4 }).message).toMatch(/nest deeper than 4/);
  });
});

describe('no post can hang or flood Herald', () => {
  it('stops a render that runs past its time', () => {
    expect(failure('{% for i in (1..100000000) %}{% for j in (1..10) %}{% endfor %}{% endfor %}', { renderMs: 50 }).message).toMatch(/Liquid/);
  });

  it('stops output past its size', () => {
    expect(failure('{% for i in (1..5000) %}0123456789{% endfor %}', { outputChars: 10_000 }).message).toMatch(/more than 10000 characters/);
  });

  it('refuses a template past its size', () => {
    expect(failure('x'.repeat(2_001), { templateChars: 2_000 }).message).toMatch(/over 2000 characters/);
  });
});

describe('tags from plugins Herald does not have', () => {
  it('render as nothing, keep the rest of the post, and are reported with their lines', () => {
    const { posts } = fixtureSite();
    const source = fs.readFileSync(path.join(import.meta.dirname, 'herald-only', '2024-02-16-plugin-tags.md'), 'utf8').replace(/^---[\s\S]*?---\n/, '');
    const rendered = renderJekyllBody(source, { ...context(), site: { ...context().site, posts: posts.map((post) => post.ref) } });
    expect(readBack(rendered.html).text).toBe('Before the video. After the video.');
    expect(rendered.warnings).toEqual([
      { line: 3, reason: "Liquid tag 'youtube' comes from a Jekyll plugin Herald does not have: rendered as nothing" },
      { line: 5, reason: "Liquid tag 'callout' comes from a Jekyll plugin Herald does not have: rendered as nothing" },
    ]);
  });
});
