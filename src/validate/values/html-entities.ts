import { LATIN1_ENTITIES } from '../xml/latin1-entities.js';

// HTML 4.01 §24.3 (symbols, mathematical symbols and Greek letters) and §24.4 (markup-significant and
// internationalisation characters); with §24.2's Latin-1 names, every entity HTML 4 defines, and XML's apos.
const OTHERS =
  'fnof Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho Sigma Tau Upsilon Phi Chi Psi Omega ' +
  'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau upsilon phi chi psi omega ' +
  'thetasym upsih piv bull hellip prime Prime oline frasl weierp image real trade alefsym larr uarr rarr darr harr crarr lArr uArr ' +
  'rArr dArr hArr forall part exist empty nabla isin notin ni prod sum minus lowast radic prop infin ang and or cap cup int there4 ' +
  'sim cong asymp ne equiv le ge sub sup nsub sube supe oplus otimes perp sdot lceil rceil lfloor rfloor lang rang loz spades clubs ' +
  'hearts diams quot amp lt gt apos OElig oelig Scaron scaron Yuml circ tilde ensp emsp thinsp zwnj zwj lrm rlm ndash mdash lsquo ' +
  'rsquo sbquo ldquo rdquo bdquo dagger Dagger permil lsaquo rsaquo euro';

const NAMES = new Set([...Object.keys(LATIN1_ENTITIES), ...OTHERS.split(' ')]);

/** Whether `name` is an HTML 4 character entity name (case matters: Alpha and alpha differ). */
export function isHtmlEntityName(name: string): boolean {
  return NAMES.has(name);
}
