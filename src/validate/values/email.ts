const ATOM_TEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const ADDR_SPEC = new RegExp(`^${ATOM_TEXT}(?:\\.${ATOM_TEXT})*@(?:${LABEL}\\.)+[A-Za-z0-9][A-Za-z0-9-]*$`);
const LOCAL_ADDR_SPEC = new RegExp(`^${ATOM_TEXT}(?:\\.${ATOM_TEXT})*@${LABEL}$`);

/**
 * Whether `value` is an RFC 2822 §3.4.1 addr-spec with a dotted domain, e.g. `jo@example.com`;
 * with `singleLabel`, a domain without a dot (`jo@localhost`) passes too.
 */
export function isAddrSpec(value: string, singleLabel = false): boolean {
  return ADDR_SPEC.test(value) || (singleLabel && LOCAL_ADDR_SPEC.test(value));
}

/** What RSS 2.0 makes of a contact element (author, managingEditor, webMaster): "addr-spec (Name)". */
export type ContactVerdict = 'ok' | 'invalid' | 'no-name' | 'odd-format';

/** Checks an RSS contact value: an e-mail address, ideally followed by the person's name in parentheses. */
export function checkContact(value: string): ContactVerdict {
  let text = value.trim();
  if (text.startsWith('mailto:')) text = decodeURIComponent(text.slice(7));
  const named = /^(\S+)\s*\((.*)\)$/.exec(text);
  if (named) return isAddrSpec(named[1]!) ? 'ok' : 'invalid';
  if (!text.includes('@') || text.endsWith(')')) return 'invalid';
  if (/\s/.test(text)) return 'odd-format';
  return isAddrSpec(text) ? 'no-name' : 'invalid';
}
