import matter from 'gray-matter';
import { PostError } from './post-error.js';
import { describe } from './post-fields.js';
import { loadPsychYaml, YamlError } from './psych-yaml.js';
import type { Steps } from './ruby-time.js';

/** A post file's front matter (a mapping, as Psych loaded it) and the body after it. */
export interface FrontMatter {
  readonly data: Readonly<Record<string, unknown>>;
  readonly body: string;
}

const OPENING = /^---[ \t\r\f\v]*$/;
const CLOSING = /^(?:---|\.\.\.)[ \t\r\f\v]*$/;

/** Whether a line (without its line break) opens front matter: the first line of the file, `---` and spaces. */
export const opensFrontMatter = (line: string): boolean => OPENING.test(line);

/** Whether a line (without its line break) closes front matter: `---` or `...` and spaces. */
export const closesFrontMatter = (line: string): boolean => CLOSING.test(line);

// Options make gray-matter skip its cache, which would keep every file's text for the process's life.
const options = (steps: Steps) => ({ language: 'yaml', delimiters: '---', engines: { yaml: { parse: (text: string) => loadYaml(text, steps) as object } } });
const OPTIONS = options({ count: 0 });

function loadYaml(text: string, steps: Steps): unknown {
  try {
    return loadPsychYaml(text, steps) ?? {};
  } catch (error) {
    if (!(error instanceof YamlError)) throw error;
    // gray-matter's block starts with the opening line's end, so its line numbers are the file's.
    throw new PostError(`invalid YAML front matter: ${error.message}`, error.line);
  }
}

/**
 * Jekyll's rule (Document::YAML_FRONT_MATTER_REGEXP): a first line `---`, the front matter up to the
 * next line that is `---` or `...`; blank lines after that line belong to neither. Found by one pass
 * over the lines; gray-matter then parses the block with a YAML 1.1 engine that reads as Psych does.
 */
export function readFrontMatter(source: string, steps?: Steps): FrontMatter {
  const firstBreak = source.indexOf('\n');
  if (!opensFrontMatter(firstBreak < 0 ? source : source.slice(0, firstBreak))) return { data: {}, body: source };
  if (firstBreak < 0) throw new PostError('front matter opened with --- on line 1 is never closed: end it with a line of ---', 1);
  let start = firstBreak + 1;
  let closing = -1;
  while (start <= source.length) {
    const end = source.indexOf('\n', start);
    if (steps) steps.count += (end < 0 ? source.length : end) - start + 1;
    const line = source.slice(start, end < 0 ? source.length : end);
    if (closesFrontMatter(line)) {
      closing = start;
      break;
    }
    if (end < 0) break;
    start = end + 1;
  }
  if (closing < 0) throw new PostError('front matter opened with --- on line 1 is never closed: end it with a line of ---', 1);
  const yamlText = source.slice(firstBreak + 1, Math.max(firstBreak + 1, closing - 1));
  const afterClose = source.indexOf('\n', closing);
  const rest = afterClose < 0 ? '' : source.slice(afterClose + 1);
  const firstText = rest.search(/\S/);
  const body = firstText < 0 ? '' : rest.slice(rest.lastIndexOf('\n', firstText) + 1);
  // gray-matter is given the front matter alone: it copies its input into a Buffer and looks it up in
  // its cache by the whole text. Its content is then empty unless a line starting with --- ended it first.
  const file = matter(`---\n${yamlText}\n---\n`, steps ? options(steps) : OPTIONS);
  if (file.content !== '') {
    throw new PostError('a line of the front matter starts with --- but does not close it: indent or quote it', yamlLine(yamlText));
  }
  const data: unknown = file.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data) || data instanceof Date) {
    throw new PostError(`front matter must be a mapping of keys, not ${describe(data)}`, 2);
  }
  return { data: data as Record<string, unknown>, body };
}

function yamlLine(yamlText: string): number {
  const index = yamlText.split('\n').findIndex((line) => line.startsWith('---'));
  return index + 2;
}
