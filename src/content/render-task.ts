import type { KramdownOptions } from '../jekyll/kramdown/options.js';

/**
 * The slow, pure part of a post body's rendering, as sent to a render worker: Markdown (markdown-it, or
 * kramdown's rules with `kramdown`) or HTML as it is, then sanitised against `url`; and the summary's
 * source, converted the same way and reduced to plain text.
 */
export interface RenderTask {
  readonly file: string;
  readonly format: 'markdown' | 'html';
  readonly source: string;
  readonly url: string;
  readonly kramdown?: KramdownOptions;
  /** Source of the summary to convert and reduce to text; absent when the summary is decided already. */
  readonly summarySource?: string;
  /** The most characters the converted body may have (Jekyll's limits.outputChars); the task fails past it. */
  readonly maxChars?: number;
}

/** What a render worker sends back. */
export interface RenderResult {
  readonly html: string;
  readonly summary?: string;
}

/**
 * Renders a task off the thread that serves requests; rejects with RenderBudgetError when over budget.
 * A `background` task (self-validation's) waits until no task for a request is waiting.
 */
export type OffThread = (task: RenderTask, background?: boolean) => Promise<RenderResult>;

/** A post body took longer than its budget: its worker was stopped. */
export class RenderBudgetError extends Error {
  override name = 'RenderBudgetError';
}

/** Content that can be rendered ahead of use, off the serving thread. */
export interface PreparedContent {
  /**
   * Renders the body (and summary) with `offThread`; resolves when `html` and `summary` no longer block.
   * Calls while one is under way share it; a content whose render failed rejects again, without rendering.
   * `background`: for a self-validation run, whose bodies are let go after it (BodyCache.releaseBackground).
   */
  prepare(offThread: OffThread, background?: boolean): Promise<void>;
  /** Whether `html` and `summary` would be answered without rendering (rendered, or failed). */
  readonly ready: boolean;
}

/** Whether `content` can be prepared off the serving thread. */
export function isPreparable(content: object): content is PreparedContent {
  return typeof (content as Partial<PreparedContent>).prepare === 'function';
}
