import { registers, type FilterThis } from './registers.js';

// Jekyll 4's URL filters (jekyll/filters/url_filters.rb).

const ABSOLUTE = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const KEEP = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]/;

/** Addressable's normalisation as far as it shows: characters a URI cannot hold are percent-encoded. */
export function normalizeUri(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '%' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) out += char;
    else if (KEEP.test(char)) out += char;
    else {
      const point = text.codePointAt(i)!;
      const whole = String.fromCodePoint(point);
      if (whole.length === 2) i++;
      out += [...Buffer.from(whole, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    }
  }
  return out;
}

function urlOf(input: unknown): string {
  if (input && typeof input === 'object' && 'url' in input) return String((input as { url: unknown }).url);
  return String(input);
}

function leadingSlash(part: string): string {
  return part === '' || part.startsWith('/') ? part : `/${part}`;
}

/** `relative_url`: the path with the site's baseurl in front, unless it is already absolute. */
export function relativeUrl(config: Readonly<Record<string, unknown>>, input: unknown): string | undefined {
  if (input === undefined || input === null) return undefined;
  const url = urlOf(input);
  if (ABSOLUTE.test(url)) return url;
  const base = config.baseurl === undefined || config.baseurl === null ? '' : String(config.baseurl).replace(/\/$/, '');
  return normalizeUri(leadingSlash(base) + leadingSlash(url));
}

/** `absolute_url`: site.url + baseurl + path, unless the input is absolute or the site has no url. */
export function absoluteUrl(config: Readonly<Record<string, unknown>>, input: unknown): string | undefined {
  if (input === undefined || input === null) return undefined;
  const url = urlOf(input);
  if (ABSOLUTE.test(url)) return url;
  const site = config.url === undefined || config.url === null ? '' : String(config.url);
  const relative = relativeUrl(config, input)!;
  return site === '' ? relative : normalizeUri(site + relative);
}

function siteConfig(filter: FilterThis): Readonly<Record<string, unknown>> {
  return registers(filter.context).context.site.config;
}

/** The URL filters, for registration. */
export const urlFilters = {
  relative_url(this: FilterThis, input: unknown) {
    return relativeUrl(siteConfig(this), input);
  },
  absolute_url(this: FilterThis, input: unknown) {
    return absoluteUrl(siteConfig(this), input);
  },
  strip_index(input: unknown) {
    if (input === undefined || input === null || String(input) === '') return input;
    return String(input).replace(/\/index\.html?$/, '/');
  },
};
