import { UnknownAddressError, BadAddressError } from '../address/address.js';
import type { UrlScheme } from '../address/url-scheme.js';
import { VIEW_SPECS } from '../address/views.js';
import type { Finding } from '../validate/index.js';
import type { DiscoveryLink } from './check-html.js';
import type { DocumentSource } from './documents.js';

/**
 * The findings of a page's autodiscovery links: each must name, under Herald's public URL, a feed that
 * exists in the type the link states. `known` holds the URLs the run reads anyway; others are looked up.
 */
export function resolveLinks(links: readonly DiscoveryLink[], scheme: UrlScheme, store: Pick<DocumentSource, 'get'>, known: ReadonlySet<string>): Finding[] {
  const base = scheme.settings.publicUrl;
  const findings: Finding[] = [];
  for (const link of links) {
    const at = link.line === undefined ? {} : { line: link.line };
    const fail = (rule: string, why: string) => findings.push({ severity: 'error', rule, message: `the autodiscovery link to ${link.href} ${why}`, ...at });
    if (!link.href.startsWith(`${base}/`)) {
      fail('html.autodiscovery.elsewhere', `is not under Herald's public URL ${base}`);
      continue;
    }
    const url = new URL(link.href);
    let address;
    try {
      address = scheme.parseAddress(url.pathname, url.searchParams);
    } catch (error) {
      if (!(error instanceof BadAddressError || error instanceof UnknownAddressError)) throw error;
    }
    if (!address || (address.kind !== 'feed' && address.kind !== 'archive')) {
      fail('html.autodiscovery.unknown', 'names no feed of Herald');
      continue;
    }
    if (VIEW_SPECS[address.view].mediaType !== link.type) fail('html.autodiscovery.type', `says ${link.type}, but the feed there is ${VIEW_SPECS[address.view].mediaType}`);
    if (known.has(link.href)) continue;
    try {
      store.get(address);
    } catch (error) {
      if (!(error instanceof UnknownAddressError)) throw error;
      fail('html.autodiscovery.missing', `names a feed that does not exist (${error.message})`);
    }
  }
  return findings;
}
