// Jekyll's EntryFilter (lib/jekyll/entry_filter.rb), for the folders and post files Herald reads.

/** Jekyll's Configuration::DEFAULT_EXCLUDES, added to every site's `exclude:`. */
export const DEFAULT_EXCLUDES: readonly string[] = [
  '.sass-cache', '.jekyll-cache', '.ruby-lsp', 'gemfiles', 'Gemfile', 'Gemfile.lock', 'node_modules',
  'vendor/bundle/', 'vendor/cache/', 'vendor/gems/', 'vendor/ruby/',
];

/** `exclude:` and `include:` of `_config.yml`, as Jekyll has them after reading the config. */
export interface EntryRules {
  readonly exclude: readonly string[];
  readonly include: readonly string[];
}

/** Jekyll's defaults: nothing excluded but DEFAULT_EXCLUDES, `.htaccess` included. */
export const DEFAULT_RULES: EntryRules = { exclude: DEFAULT_EXCLUDES, include: ['.htaccess'] };

const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) ? value.filter((item) => typeof item === 'string' || typeof item === 'number').map(String) : typeof value === 'string' ? [value] : undefined;

/** The rules of a site's `exclude:` and `include:` (a list, or one string); each missing key keeps Jekyll's default. */
export function entryRules(exclude: unknown, include: unknown): EntryRules {
  return {
    exclude: [...new Set([...(strings(exclude) ?? []), ...DEFAULT_EXCLUDES])],
    include: strings(include) ?? DEFAULT_RULES.include,
  };
}

// Ruby's File.fnmatch without flags, as a regular expression: `*` matches any run of characters, `/`
// included; `?` one character; `[...]` a class (`!` or `^` negates, `a-z` ranges); `\` escapes; case
// counts; no braces.
function globRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '*') source += '[\\s\\S]*';
    else if (char === '?') source += '[\\s\\S]';
    else if (char === '\\' && i + 1 < pattern.length) source += escape(pattern[++i]!);
    else if (char === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) source += '\\[';
      else {
        const body = pattern.slice(i + 1, end);
        const negated = body.startsWith('!') || body.startsWith('^');
        const members = (negated ? body.slice(1) : body).replace(/\\(.)/g, '$1').replace(/[\]\\^]/g, '\\$&');
        source += `[${negated ? '^' : ''}${members}]`;
        i = end;
      }
    } else source += escape(char);
  }
  return new RegExp(`^${source}$`);
}

const escape = (char: string) => char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// PathManager.join(site.source, entry): File.join squeezes the slash between; the source stands for itself.
const inSource = (entry: string) => `/site/${entry.replace(/^\/+/, '')}`;

interface CompiledPattern {
  readonly joined: string;
  /** Undefined for a pattern without `*`, `?`, `[` or `\`: it matches as a glob only the path it is, which its prefix test covers. */
  readonly glob: RegExp | undefined;
}

const GLOB_CHARS = /[*?[\\]/;

// Each list of patterns is compiled once: a listing tests every file against every pattern.
const compiledLists = new WeakMap<readonly string[], readonly CompiledPattern[]>();

function compiledList(patterns: readonly string[]): readonly CompiledPattern[] {
  let list = compiledLists.get(patterns);
  if (!list) {
    list = patterns.map((pattern) => {
      const joined = inSource(pattern);
      return { joined, glob: GLOB_CHARS.test(joined) ? globRegExp(joined) : undefined };
    });
    compiledLists.set(patterns, list);
  }
  return list;
}

// The patterns that can match a path below the folder `base` (`''`: any path): a glob may; a plain one only
// when it and the folder's path, slash-ended, begin alike (one is a prefix of the other), since the path
// begins with the folder's. A posts folder's 100,000 files are tested against none of Jekyll's default excludes.
const compiledUnder = new WeakMap<readonly string[], Map<string, readonly CompiledPattern[]>>();

function compiledBelow(patterns: readonly string[], base: string): readonly CompiledPattern[] {
  let byBase = compiledUnder.get(patterns);
  if (!byBase) compiledUnder.set(patterns, (byBase = new Map()));
  let list = byBase.get(base);
  if (!list) {
    const folder = inSource(base ? `${base}/` : '');
    list = compiledList(patterns).filter(({ joined, glob }) => glob || joined.startsWith(folder) || folder.startsWith(joined));
    byBase.set(base, list);
  }
  return list;
}

// EntryFilter#glob_include?: a pattern matches as a glob, as a prefix of the path (a string prefix,
// as Ruby's start_with?), or with a trailing slash naming a folder. `entry` is below the folder `base`.
function globInclude(patterns: readonly string[], entry: string, isFolder: boolean, base = ''): boolean {
  const candidates = compiledBelow(patterns, base);
  if (!candidates.length) return false;
  const full = inSource(entry);
  return candidates.some(({ joined, glob }) => full.startsWith(joined) || glob?.test(full) || (isFolder && joined === `${full}/`));
}

// `exclude:` minus what `include:` names, once per set of rules.
const effectiveExcludes = new WeakMap<EntryRules, readonly string[]>();

function excludesOf(rules: EntryRules): readonly string[] {
  let exclude = effectiveExcludes.get(rules);
  if (!exclude) effectiveExcludes.set(rules, (exclude = rules.exclude.filter((pattern) => !rules.include.includes(pattern))));
  return exclude;
}

const SPECIAL = /^[._#~]/;
const basename = (entry: string) => entry.slice(entry.lastIndexOf('/') + 1);

/**
 * EntryFilter#filter for one entry: `entry` as the folder lists it (relative to `base`, which is the
 * folder's path in the site, `''` at the top, `news/_posts` for a post folder). Kept when included
 * (`include:` matches it or its name); else left out when excluded (`exclude:` minus `include:`
 * matches its path in the site), special (it or its name starts with `.`, `_`, `#` or `~`) or a backup.
 */
export function keepsEntry(rules: EntryRules, base: string, entry: string, isFolder = false): boolean {
  if (entry.endsWith('.')) return false;
  const included = globInclude(rules.include, entry, isFolder) || globInclude(rules.include, basename(entry), isFolder);
  const exclude = excludesOf(rules);
  if (!included && globInclude(exclude, base ? `${base}/${entry}` : entry, isFolder, base)) return false;
  if (included) return true;
  return !(SPECIAL.test(entry) || SPECIAL.test(basename(entry)) || entry.endsWith('~'));
}
