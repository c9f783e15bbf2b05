import type { Report } from '../finding.js';
import { checkRfc3339 } from '../values/dates.js';
import { isLanguageTag } from '../values/language.js';
import { checkUri } from '../values/uris.js';

/** A JSON object as parsed. */
export type JsonObject = Record<string, unknown>;

/** Whether a parsed JSON value is an object (not an array or null). */
export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks one JSON Feed field's value and reports at its path (e.g. `items[3].url`). */
export class JsonChecker {
  constructor(private readonly report: Report) {}

  /** Reports an error at a path. */
  error(rule: string, message: string, path: string): void {
    this.report.error(rule, message, { path });
  }

  /** Reports a warning at a path. */
  warn(rule: string, message: string, path: string): void {
    this.report.warn(rule, message, { path });
  }

  /** A string field: false (and an error) when present but not a string. */
  string(object: JsonObject, key: string, path: string, rule: string): boolean {
    if (!(key in object)) return false;
    if (typeof object[key] === 'string') return true;
    this.error(rule, `${path}.${key} must be a string`, `${path}.${key}`.replace(/^\./, ''));
    return false;
  }

  /** A URL field (JSON Feed 1.1: absolute http or https URLs). */
  url(object: JsonObject, key: string, path: string, rule: string): void {
    const at = `${path}.${key}`.replace(/^\./, '');
    if (!this.string(object, key, path, rule)) return;
    const value = object[key] as string;
    const problem = checkUri(value, { absolute: true });
    if (problem) this.error(rule, `${at} "${value}": ${problem.reason}`, at);
    else if (!/^(https?|mailto):/i.test(value)) this.error(rule, `${at} "${value}" must be an http or https URL`, at);
  }

  /** An RFC 3339 date field (JSON Feed 1.1 date_published, date_modified). */
  date(object: JsonObject, key: string, path: string, rule: string): void {
    const at = `${path}.${key}`.replace(/^\./, '');
    if (!this.string(object, key, path, rule)) return;
    const verdict = checkRfc3339(object[key] as string);
    if (verdict.kind !== 'ok') this.error(rule, `${at} "${String(object[key])}": ${verdict.reason}`, at);
  }

  /** A language tag field. */
  language(object: JsonObject, key: string, path: string, rule: string): void {
    const at = `${path}.${key}`.replace(/^\./, '');
    if (this.string(object, key, path, rule) && !isLanguageTag(object[key] as string)) {
      this.error(rule, `${at} "${String(object[key])}" is not a language code such as en or en-GB`, at);
    }
  }

  /**
   * JSON Feed 1.1 authors: an array of objects, each with a name, url or avatar. The 1.0 `author` is
   * deprecated on its own; beside `authors` it serves 1.0 readers, as JSON Feed 1.1 allows.
   */
  authors(object: JsonObject, path: string, scope: 'feed' | 'item'): void {
    const prefix = path ? `${path}.` : '';
    if ('author' in object && !('authors' in object)) {
      this.warn(`json.${scope}.author.deprecated`, `${prefix}author is JSON Feed 1.0; 1.1 uses an authors array (keep author beside it for 1.0 readers)`, `${prefix}author`);
    }
    if (!('authors' in object)) return;
    const authors = object.authors;
    if (!Array.isArray(authors)) return this.error(`json.${scope}.authors.type`, `${prefix}authors must be an array`, `${prefix}authors`);
    authors.forEach((author, index) => {
      const at = `${prefix}authors[${index}]`;
      if (!isObject(author)) return this.error(`json.${scope}.authors.type`, `${at} must be an object`, at);
      if (!['name', 'url', 'avatar'].some((key) => typeof author[key] === 'string')) {
        this.error(`json.${scope}.authors.empty`, `${at} must have a name, url or avatar`, at);
      }
      this.string(author, 'name', at, `json.${scope}.authors.name`);
      this.url(author, 'url', at, `json.${scope}.authors.url`);
      this.url(author, 'avatar', at, `json.${scope}.authors.avatar`);
    });
  }
}
