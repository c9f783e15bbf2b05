import { isAddrSpec } from '../values/email.js';
import { checkDate, checkUriValue, noWhitespace, notBlank, ruleOf } from '../xml/values.js';
import { at, checkAttributes, leafOnly, noText, requireChild, walkChildren, type CheckContext } from '../xml/walk.js';
import { attr, type XmlElement } from '../xml/xml-node.js';

function canonical(value: string): boolean {
  const m = /^([^:]+):\/\/([^/?#]*)(.*)$/.exec(value);
  if (!m) return /^[a-z][a-z0-9+.-]*:/.test(value) || !/^[A-Za-z]/.test(value);
  const [, scheme, host, rest] = m;
  if (scheme !== scheme!.toLowerCase() || host !== host!.toLowerCase()) return false;
  if ((scheme === 'http' && host!.endsWith(':80')) || (scheme === 'https' && host!.endsWith(':443'))) return false;
  return !/%[0-9a-f]?[a-f]/.test(rest!) && !/\/\.\.?(?:\/|$)/.test(rest!);
}

/** Checks an atom:id (RFC 4287 §4.2.6): an absolute IRI, no surrounding white space, ideally normalized. */
export function checkId(element: XmlElement, context: CheckContext): void {
  checkAttributes(element, [], context);
  leafOnly(element, context);
  noWhitespace(element, context);
  const value = element.text.trim();
  if (!value) {
    context.report.error(ruleOf(element, context, 'blank'), '<id> must not be empty (RFC 4287 §4.2.6)', at(element));
    return;
  }
  if (checkUriValue(element, context, true) && !canonical(value)) {
    context.report.warn(ruleOf(element, context, 'non-canonical'), `<id> "${value}" is not in normalized form (RFC 4287 §4.2.6.1)`, at(element));
  }
}

/** Checks an Atom date construct (RFC 4287 §3.3): RFC 3339 with upper-case T and Z, no white space. */
export function checkAtomDate(element: XmlElement, context: CheckContext): void {
  checkAttributes(element, [], context);
  leafOnly(element, context);
  noWhitespace(element, context);
  checkDate(element, context, 'rfc3339');
}

/** Checks an IRI-valued element: atom:icon, atom:logo, atom:uri (RFC 4287 §4.2.5, §4.2.8, §3.2.2). */
export function checkIriElement(element: XmlElement, context: CheckContext): void {
  checkAttributes(element, [], context);
  leafOnly(element, context);
  noWhitespace(element, context);
  if (notBlank(element, context)) checkUriValue(element, context, false);
}

/** Checks a person construct (RFC 4287 §3.2): one name, at most one uri and email, valid values. */
export function checkPerson(element: XmlElement, ownNs: string, context: CheckContext): void {
  checkAttributes(element, [], context);
  noText(element, context);
  requireChild(element, ownNs, 'name', context);
  walkChildren(element, ownNs, {
    name: { once: true, check: (name, c) => (checkAttributes(name, [], c), leafOnly(name, c), notBlank(name, c)) },
    email: {
      once: true,
      check: (email, c) => {
        checkAttributes(email, [], c);
        leafOnly(email, c);
        const value = email.text.trim();
        if (isAddrSpec(value)) return;
        if (isAddrSpec(value, true)) c.report.warn(ruleOf(email, c, 'host'), `<email> "${value}" has a domain without a dot, which mail cannot reach`, at(email));
        else c.report.error(ruleOf(email, c, 'invalid'), `<email> "${value}" is not an e-mail address (RFC 4287 §3.2.3)`, at(email));
      },
    },
    uri: { once: true, check: checkIriElement },
  }, context);
}

/** Checks an atom:category (RFC 4287 §4.2.2): a non-empty term, an absolute scheme IRI. */
export function checkCategory(element: XmlElement, context: CheckContext): void {
  checkAttributes(element, ['term', 'scheme', 'label'], context);
  const term = attr(element, 'term');
  if (term === undefined) context.report.error(ruleOf(element, context, 'term-missing'), '<category> must have a term attribute (RFC 4287 §4.2.2.1)', at(element));
  else if (!term.trim()) context.report.warn(ruleOf(element, context, 'term-blank'), '<category> term should not be empty', at(element));
  const scheme = attr(element, 'scheme');
  if (scheme !== undefined) checkUriValue(element, context, true, scheme, '<category> scheme');
}

/** Checks an atom:generator (RFC 4287 §4.2.4): text, optional uri and version. */
export function checkGenerator(element: XmlElement, context: CheckContext): void {
  checkAttributes(element, ['uri', 'version'], context);
  leafOnly(element, context);
  const uri = attr(element, 'uri');
  if (uri !== undefined) checkUriValue(element, context, false, uri, '<generator> uri');
  notBlank(element, context);
}
