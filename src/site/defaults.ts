type Data = Readonly<Record<string, unknown>>;

const isMapping = (value: unknown): value is Data => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** Jekyll's Utils.deep_merge_hashes: mappings merge key by key, anything else is replaced (a null keeps the old value). */
export function deepMerge(target: Data, overwrite: Data): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // Own properties only, so a `__proto__` key in YAML stays a key and never becomes a prototype.
  const set = (key: string, value: unknown) => Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  for (const [key, value] of Object.entries(target)) set(key, value);
  for (const [key, value] of Object.entries(overwrite)) {
    const old = Object.hasOwn(out, key) ? out[key] : undefined;
    if (value === null || value === undefined) {
      if (!Object.hasOwn(out, key)) set(key, value);
    } else set(key, isMapping(old) && isMapping(value) ? deepMerge(old, value) : value);
  }
  return out;
}

// FrontmatterDefaults#sanitize_path: no leading slash (nor, with one, a trailing one).
function sanitize(scopePath: unknown): string {
  if (typeof scopePath !== 'string' || scopePath === '') return '';
  return scopePath.startsWith('/') ? scopePath.replace(/^\/|(?<=[^/])\/$/g, '') : scopePath;
}

// A scope path with * matches as a glob over whole path segments; otherwise a prefix.
function pathApplies(scopePath: string, file: string): boolean {
  if (scopePath === '') return true;
  if (!scopePath.includes('*')) return file.startsWith(scopePath);
  const pattern = scopePath.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*');
  return new RegExp(`^${pattern}`).test(file);
}

interface Scope {
  readonly path: string;
  readonly hasType: boolean;
}

// FrontmatterDefaults#has_precedence?: a longer path wins; at equal length a scope with a type.
function precedes(next: Scope, previous: Scope | undefined): boolean {
  if (!previous) return true;
  if (next.path.length !== previous.path.length) return next.path.length >= previous.path.length;
  return next.hasType || !previous.hasType;
}

/**
 * Jekyll's `defaults:` (FrontmatterDefaults#all) for posts: the values of every set whose scope matches
 * the post's path (relative to the site) and type `posts`, merged so the most specific scope wins.
 */
export function frontMatterDefaults(sets: unknown): (file: string) => Data {
  const valid = (Array.isArray(sets) ? sets : []).filter((set): set is Data => isMapping(set) && isMapping(set.values));
  return (file) => {
    let merged: Record<string, unknown> = {};
    let previous: Scope | undefined;
    for (const set of valid) {
      const scope = isMapping(set.scope) ? set.scope : {};
      const type = scope.type === 'post' ? 'posts' : scope.type;
      if (type !== undefined && type !== 'posts') continue;
      const scopePath = sanitize(scope.path);
      if (!pathApplies(scopePath, file)) continue;
      const current = { path: scopePath, hasType: type !== undefined };
      if (precedes(current, previous)) {
        merged = deepMerge(merged, set.values as Data);
        previous = current;
      } else merged = deepMerge(set.values as Data, merged);
    }
    return merged;
  };
}
