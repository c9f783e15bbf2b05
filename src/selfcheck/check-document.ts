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

/** Checks one document's bytes: feeds and OPML with the validator, HTML pages with the HTML parser. */
export async function checkDocument(job: DocumentJob): Promise<DocumentResult> {
  const body = Buffer.from(job.body.buffer, job.body.byteOffset, job.body.byteLength);
  if (job.check === 'html') return checkHtml(body);
  return { findings: await validateFeed(body, { url: job.url, contentType: job.contentType }), links: [] };
}
