import type { Random } from './random.js';
import { ADJECTIVES, AUTHORS, CATEGORIES, CODE_SAMPLES, FILLER, NOUNS, PLACES, TAGS, VERBS } from './vocabulary.js';

/** One generated post: its file name, full text, and what the benchmarks need to know of it. */
export interface GeneratedPost {
  readonly fileName: string;
  readonly source: string;
  readonly title: string;
  readonly date: Date;
  /** False for drafts (published: false) and for posts dated in the far future. */
  readonly visible: boolean;
}

const FIRST = Date.UTC(2014, 0, 1);
const LAST = Date.UTC(2025, 5, 30);
const TARGET_WORDS = 800;

const cap = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const pad = (n: number) => String(n).padStart(2, '0');
const yaml = (text: string) => JSON.stringify(text);

function sentence(random: Random, link?: string): string {
  const words: string[] = [];
  const length = random.int(9, 22);
  for (let i = 0; i < length; i++) {
    const roll = random.next();
    if (roll < 0.55) words.push(random.pick(FILLER));
    else if (roll < 0.75) words.push(random.pick(NOUNS));
    else if (roll < 0.87) words.push(random.pick(ADJECTIVES));
    else if (roll < 0.95) words.push(random.pick(VERBS));
    else words.push(random.pick(PLACES));
  }
  if (random.chance(0.08)) words[random.int(0, words.length - 1)] = `*${random.pick(ADJECTIVES)}*`;
  if (random.chance(0.06)) words[random.int(0, words.length - 1)] = `**${random.pick(NOUNS)}**`;
  if (random.chance(0.05)) words[random.int(0, words.length - 1)] = '`itemsPerFeed`';
  if (random.chance(0.03)) words.push('&', random.pick(NOUNS));
  if (link) words.splice(random.int(1, words.length - 1), 0, link);
  return `${cap(words.join(' '))}.`;
}

function link(random: Random): string {
  const text = `${random.pick(ADJECTIVES)} ${random.pick(NOUNS)}`;
  if (random.chance(0.3)) return `[${text}](/${random.int(2014, 2025)}/${pad(random.int(1, 12))}/${pad(random.int(1, 28))}/${random.pick(NOUNS)}.html)`;
  return `[${text}](https://www.example.org/${random.pick(NOUNS)}/${random.hex(6)}?ref=herald&page=${random.int(1, 9)})`;
}

function paragraph(random: Random): string {
  const sentences = Array.from({ length: random.int(3, 6) }, () => sentence(random, random.chance(0.25) ? link(random) : undefined));
  return sentences.join(' ');
}

// Jekyll's Liquid and kramdown, as real posts use them (a highlight tag, Liquid URLs and dates, raw,
// attribute lists, footnotes, definition lists, comments): Herald renders all of it as Jekyll does.
function jekyllBlock(random: Random): string {
  const roll = random.next();
  if (roll < 0.25) {
    const sample = random.pick(CODE_SAMPLES);
    return [`{% highlight ${sample.lang || 'text'}${random.chance(0.3) ? ' linenos' : ''} %}`, ...sample.lines, '{% endhighlight %}'].join('\n');
  }
  if (roll < 0.4) return `${sentence(random)} See [the ${random.pick(NOUNS)}]({{ "/${random.pick(NOUNS)}/" | relative_url }}) from {{ page.date | date_to_long_string: "ordinal" }}.`;
  if (roll < 0.5) return `{% raw %}Write {{ page.title }} in a template.{% endraw %} {% assign n = page.tags | size %}This post has {{ n }} tags.`;
  if (roll < 0.65) return `${sentence(random)}\n{: .${random.pick(['note', 'notice', 'lead'])}}`;
  if (roll < 0.8) {
    const name = random.hex(4);
    return `${sentence(random)}[^${name}] ${sentence(random)}\n\n[^${name}]: ${sentence(random)}`;
  }
  if (roll < 0.9) return `${cap(random.pick(NOUNS))}\n: ${sentence(random)}`;
  return `{::comment}\n${sentence(random)}\n{:/comment}`;
}

function block(random: Random): string {
  const roll = random.next();
  if (roll < 0.06) return jekyllBlock(random);
  if (roll < 0.12) {
    const sample = random.pick(CODE_SAMPLES);
    return ['```' + sample.lang, ...sample.lines, '```'].join('\n');
  }
  if (roll < 0.22) return Array.from({ length: random.int(3, 6) }, () => `- ${sentence(random)}`).join('\n');
  if (roll < 0.3) return `> ${sentence(random)} ${sentence(random)}`;
  if (roll < 0.38) {
    const src = random.chance(0.5) ? `/assets/images/${random.hex(16)}.jpg` : `https://images.example.com/${random.hex(8)}.png`;
    return `![${random.pick(ADJECTIVES)} ${random.pick(NOUNS)} in ${random.pick(PLACES)}](${src})`;
  }
  if (roll < 0.4) return `<figure><img src="/assets/images/${random.hex(12)}.webp" alt="chart"><figcaption>${sentence(random)}</figcaption></figure>`;
  return paragraph(random);
}

function body(random: Random): string {
  const blocks = [paragraph(random)];
  if (random.chance(0.3)) blocks.push('<!--more-->');
  let words = blocks[0]!.split(/\s+/).length;
  while (words < TARGET_WORDS) {
    const next = words > 120 && random.chance(0.18) ? `## ${cap(random.pick(ADJECTIVES))} ${random.pick(NOUNS)} in ${random.pick(PLACES)}` : block(random);
    blocks.push(next);
    words += next.split(/\s+/).length;
  }
  return `${blocks.join('\n\n')}\n`;
}

function authorLines(random: Random): string[] {
  const name = random.pickSkewed(AUTHORS);
  if (random.chance(0.6)) return [`author: ${yaml(name)}`];
  const handle = name.toLowerCase().normalize('NFKD').replace(/[^a-z ]/g, '').replace(/ /g, '.');
  return ['author:', `  name: ${yaml(name)}`, `  email: ${handle}@example.com`, `  uri: https://people.example.com/${handle}`];
}

function imageLines(random: Random): string[] {
  const roll = random.next();
  if (roll < 0.45) return [`image: assets/images/${random.hex(32)}.jpg`];
  if (roll < 0.6) return ['image:', `  path: /assets/images/${random.hex(16)}.png`, `  alt: ${yaml(`${random.pick(ADJECTIVES)} ${random.pick(NOUNS)}`)}`];
  if (roll < 0.7) return [`image: https://cdn.example.net/photos/${random.hex(10)}.webp`];
  return [];
}

/** Generates post number `index`; the caller keeps file names unique. */
export function makePost(random: Random, index: number): GeneratedPost {
  const future = random.chance(0.002);
  const draft = random.chance(0.02);
  const date = future ? new Date(Date.UTC(2099, random.int(0, 11), random.int(1, 28), 9)) : new Date(FIRST + Math.floor(random.next() * (LAST - FIRST)));
  const title = `${cap(random.pick(PLACES))} ${random.pick(ADJECTIVES)} ${random.pick(NOUNS)} ${random.pick(VERBS)} ${random.pick(NOUNS)}`;
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const slug = `${title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${index.toString(36)}`;
  const categories = random.someSkewed(CATEGORIES, random.int(1, 2));
  const tags = random.someSkewed(TAGS, random.int(0, 5));
  const lines = [
    '---',
    'layout: post',
    `title: ${yaml(title)}`,
    `date: ${day}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`,
    ...authorLines(random),
    random.chance(0.8) ? `categories: [${categories.map(yaml).join(', ')}]` : `category: ${yaml(categories[0]!)}`,
    `tags: [${tags.join(', ')}]`,
    ...(random.chance(0.4) ? [`excerpt: ${yaml(sentence(random))}`] : []),
    ...imageLines(random),
    ...(draft ? ['published: false'] : []),
    '---',
    '',
  ];
  return { fileName: `${day}-${slug}.md`, source: `${lines.join('\n')}${body(random)}`, title, date, visible: !future && !draft };
}
