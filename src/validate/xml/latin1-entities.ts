// The ISO 8859-1 character entities (HTML 4.01 §24.2), in code point order from U+00A0.
const NAMES =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro ' +
  'para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil ' +
  'Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave ' +
  'Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml ' +
  'igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';

/** The Latin-1 entities the RSS 0.91 DTD declares, by name, so a document citing that DTD may use them. */
export const LATIN1_ENTITIES: Readonly<Record<string, string>> = Object.fromEntries(
  NAMES.split(' ').map((name, index) => [name, String.fromCodePoint(0xa0 + index)]),
);
