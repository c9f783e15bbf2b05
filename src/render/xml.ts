// The one place Herald escapes XML. Character references are hexadecimal: the W3C Feed Validator warns
// about `&amp;`/`&lt;` in RSS 2.0 plain-text elements (CharacterData) and accepts `&#x26;`/`&#x3C;`.

/** Element text: `&`, `<` and `>` as hexadecimal character references. */
export function text(value: string): string {
  return value.replace(/&/g, '&#x26;').replace(/</g, '&#x3C;').replace(/>/g, '&#x3E;');
}

/** An attribute value for double quotes. */
export function attr(value: string): string {
  return text(value).replace(/"/g, '&#x22;');
}

/** A CDATA section that no `]]>` inside `value` can close early. */
export function cdata(value: string): string {
  return `<![CDATA[${value.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

type Attributes = Readonly<Record<string, string | number | undefined>>;

function attributes(attrs: Attributes): string {
  return Object.entries(attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${attr(String(value))}"`)
    .join('');
}

/** `<name attrs>escaped text</name>` */
export function element(name: string, content: string, attrs: Attributes = {}): string {
  return `<${name}${attributes(attrs)}>${text(content)}</${name}>`;
}

/** `<name attrs/>` */
export function empty(name: string, attrs: Attributes): string {
  return `<${name}${attributes(attrs)}/>`;
}

/** `<name attrs>` and a line break: the start of `parent`. */
export function open(name: string, attrs: Attributes = {}): string {
  return `<${name}${attributes(attrs)}>\n`;
}

/** One already-rendered child of `parent`, on its own line. */
export function line(child: string, indent = ''): string {
  return `${indent}  ${child}\n`;
}

/** `<name attrs>` + already-rendered children + `</name>`. */
export function parent(name: string, children: readonly string[], attrs: Attributes = {}, indent = ''): string {
  return `${open(name, attrs)}${children.map((child) => line(child, indent)).join('')}${indent}</${name}>`;
}
