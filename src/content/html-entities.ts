import { decodeHTML } from 'entities';

/** Text with every HTML character reference decoded (`&amp;`, `&nbsp;`, `&#8217;`), as a browser reads it. */
export function decodeEntities(text: string): string {
  return decodeHTML(text);
}
