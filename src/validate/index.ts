export type { Finding, Severity } from './finding.js';
export type { FeedFormat, ValidateOptions } from './format.js';
export { sniffFormat } from './sniff.js';
export { validateFeed } from './validate-feed.js';
