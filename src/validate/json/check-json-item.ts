import { isMediaType } from '../values/mime.js';
import { isObject, type JsonChecker, type JsonObject } from './json-fields.js';

function checkAttachments(item: JsonObject, path: string, check: JsonChecker): void {
  if (!('attachments' in item)) return;
  if (!Array.isArray(item.attachments)) return check.error('json.item.attachments.type', `${path}.attachments must be an array`, `${path}.attachments`);
  item.attachments.forEach((attachment: unknown, index: number) => {
    const at = `${path}.attachments[${index}]`;
    if (!isObject(attachment)) return check.error('json.item.attachments.type', `${at} must be an object`, at);
    if (!('url' in attachment)) check.error('json.item.attachment.url.missing', `${at}.url is required`, `${at}.url`);
    check.url(attachment, 'url', at, 'json.item.attachment.url.invalid');
    if (!('mime_type' in attachment)) check.error('json.item.attachment.mime_type.missing', `${at}.mime_type is required`, `${at}.mime_type`);
    else if (typeof attachment.mime_type !== 'string' || !isMediaType(attachment.mime_type)) {
      check.error('json.item.attachment.mime_type.invalid', `${at}.mime_type "${String(attachment.mime_type)}" is not a media type`, `${at}.mime_type`);
    }
    check.string(attachment, 'title', at, 'json.item.attachment.title.type');
    for (const key of ['size_in_bytes', 'duration_in_seconds']) {
      const value = attachment[key];
      if (key in attachment && (typeof value !== 'number' || value < 0)) check.error(`json.item.attachment.${key}.invalid`, `${at}.${key} must be a non-negative number`, `${at}.${key}`);
    }
  });
}

function checkId(item: JsonObject, path: string, ids: Set<string>, check: JsonChecker): void {
  const id = item.id;
  if (id === undefined) return check.error('json.item.id.missing', `${path}.id is required (JSON Feed 1.1)`, `${path}.id`);
  if (typeof id !== 'string') return check.error('json.item.id.type', `${path}.id must be a string, not ${typeof id}`, `${path}.id`);
  if (!id.trim()) return check.error('json.item.id.blank', `${path}.id must not be empty`, `${path}.id`);
  if (ids.has(id)) check.error('json.item.id.duplicate', `${path}.id "${id}" is used by an earlier item`, `${path}.id`);
  ids.add(id);
}

/** Checks one JSON Feed 1.1 item: id, content_html or content_text, URLs, dates, tags, attachments. */
export function checkJsonItem(item: unknown, path: string, ids: Set<string>, check: JsonChecker): void {
  if (!isObject(item)) return check.error('json.item.type', `${path} must be an object`, path);
  checkId(item, path, ids, check);
  const html = check.string(item, 'content_html', path, 'json.item.content_html.type');
  const text = check.string(item, 'content_text', path, 'json.item.content_text.type');
  if (!html && !text) check.error('json.item.content.missing', `${path} must have content_html or content_text (JSON Feed 1.1)`, path);
  for (const key of ['url', 'external_url', 'image', 'banner_image']) check.url(item, key, path, `json.item.${key}.invalid`);
  for (const key of ['title', 'summary']) check.string(item, key, path, `json.item.${key}.type`);
  for (const key of ['date_published', 'date_modified']) check.date(item, key, path, `json.item.${key}.invalid`);
  check.language(item, 'language', path, 'json.item.language.invalid');
  check.authors(item, path, 'item');
  if ('tags' in item && (!Array.isArray(item.tags) || item.tags.some((tag: unknown) => typeof tag !== 'string'))) {
    check.error('json.item.tags.type', `${path}.tags must be an array of strings`, `${path}.tags`);
  }
  checkAttachments(item, path, check);
}
