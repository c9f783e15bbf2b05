import { VIEWS } from '../model/feed.js';
import { AliasError, compileAlias } from './aliases.js';
import { DOCUMENT_SPECS, VIEW_SPECS } from './views.js';
import { UrlScheme, type SchemeSettings } from './url-scheme.js';

/** A setting of the URL scheme that cannot work: its key under `urls` and why. */
export interface SchemeProblem {
  readonly path: readonly string[];
  readonly message: string;
}

// Endpoints the HTTP layer answers itself: no alias may take their place.
const ENDPOINTS = ['/healthz', '/readyz', '/status', '/validation', '/metrics', '/stats'];
const SAMPLE = 'x';
const DOCUMENTS = Object.values(DOCUMENT_SPECS).flatMap((spec) => spec.paths);

/**
 * The problems of a scheme's settings: file names that clash, folders that clash, and aliases that do
 * not compile, do not lead to a feed, or would hide one of Herald's own paths or endpoints.
 */
export function schemeProblems(settings: Omit<SchemeSettings, 'publicUrl'>): SchemeProblem[] {
  const problems: SchemeProblem[] = [];
  const files = VIEWS.map((view) => settings.files[view]);
  for (const view of VIEWS) {
    const file = settings.files[view];
    // A clash is reported on the view whose name was changed, not on the one that kept its default.
    const changed = file !== VIEW_SPECS[view].file;
    if (changed && files.indexOf(file) !== files.lastIndexOf(file)) problems.push({ path: ['files', view], message: 'a file name no other view has' });
    if (DOCUMENTS.includes(`/${file}`)) problems.push({ path: ['files', view], message: `another file name than ${file} (the ${file === 'feeds.opml' ? 'OPML list' : 'index'})` });
  }
  if (settings.folders.category === settings.folders.tag) problems.push({ path: ['tags'], message: 'another folder than urls.categories' });
  if (settings.folders.author === settings.folders.category || settings.folders.author === settings.folders.tag) {
    problems.push({ path: ['authors'], message: 'another folder than urls.categories and urls.tags' });
  }
  if (problems.length) return problems;
  const own = new UrlScheme({ ...settings, publicUrl: '', aliases: {} });
  for (const [pattern, setting] of Object.entries(settings.aliases)) {
    const message = aliasProblem(own, pattern, typeof setting === 'string' ? setting : setting.target);
    if (message) problems.push({ path: ['aliases', pattern], message });
  }
  return problems;
}

function aliasProblem(own: UrlScheme, pattern: string, target: string): string | undefined {
  let alias;
  try {
    alias = compileAlias(pattern, target);
  } catch (error) {
    if (error instanceof AliasError) return error.message;
    throw error;
  }
  const sample = (text: string) => (alias.placeholder ? text.replace(`{${alias.placeholder}}`, SAMPLE) : text);
  const none = new URLSearchParams();
  const address = safely(() => own.parseAddress(sample(target), none));
  const scopeKind = address && 'scope' in address ? address.scope.kind : undefined;
  if (!scopeKind || scopeKind !== (alias.placeholder ?? 'site')) {
    return `a target that is one of Herald's feed paths${alias.placeholder ? ` for a ${alias.placeholder} ({${alias.placeholder}} in its folder)` : ''}, such as /atom.xml or /tags/{tag}/atom.xml`;
  }
  const path = sample(pattern);
  if (ENDPOINTS.includes(path) || DOCUMENTS.includes(path) || safely(() => own.parseAddress(path, none)) !== undefined) {
    return `a path Herald does not use itself (${path} is one of its own; move Herald's own with urls.files or urls.categories/tags)`;
  }
  return undefined;
}

function safely<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}
