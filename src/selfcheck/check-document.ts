import type { Feed, View } from '../model/feed.js';
import { renderViewInSlices } from '../render/render.js';
import { validateFeed, type Finding } from '../validate/index.js';
import { checkHtml, type DiscoveryLink } from './check-html.js';
import type { CheckKind } from './documents.js';

/** One document to check, as bytes: what a worker receives. */
export interface DocumentJob {
  readonly check: CheckKind;
  readonly url: string;
  readonly contentType: string;
  readonly body: Uint8Array;
}

/** What checking one document found: findings, and for an HTML page the feeds it announces. */
export interface DocumentResult {
  readonly findings: Finding[];
  readonly links: DiscoveryLink[];
}

/** One feed document to render and check: its model and view, where it is served and as what. */
export interface FeedJob {
  readonly check: CheckKind;
  readonly url: string;
  readonly contentType: string;
  readonly view: View;
  readonly feed: Feed;
  /** Whether the result carries the bytes (a first page, kept for the formats' agreement). */
  readonly keep: boolean;
}

/** What checking a feed document found, how many bytes it was, and (`FeedJob.keep`) the bytes. */
export interface FeedResult extends DocumentResult {
  readonly bytes: number;
  readonly body?: Uint8Array;
}

/**
 * Renders a feed document as the server does (`RENDERERS[view]`, then UTF-8: the bytes it serves for this
 * model) and checks them, on the thread it is called on: the check worker's, so the main thread only builds
 * the model and sends it.
 */
export async function checkFeed(job: FeedJob): Promise<FeedResult> {
  const body = Buffer.from(await renderViewInSlices(job.view, job.feed), 'utf8');
  const result = await checkDocument({ check: job.check, url: job.url, contentType: job.contentType, body });
  return { ...result, bytes: body.length, ...(job.keep ? { body } : {}) };
}

/** Checks one document's bytes: feeds and OPML with the validator, HTML pages with the HTML parser. */
export async function checkDocument(job: DocumentJob): Promise<DocumentResult> {
  const body = Buffer.from(job.body.buffer, job.body.byteOffset, job.body.byteLength);
  if (job.check === 'html') return checkHtml(body);
  return { findings: await validateFeed(body, { url: job.url, contentType: job.contentType }), links: [] };
}
