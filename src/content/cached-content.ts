import type { PostContent } from '../model/post.js';
import type { BodyCache } from './body-cache.js';
import { isPreparable, type OffThread, type PreparedContent } from './render-task.js';

/**
 * A post's body whose rendered HTML lives in a BodyCache. The content that renders it (with the body's
 * source and Liquid page) is made when needed by `make`, which reads the post's file again (and throws
 * when its bytes changed), and let go once it has rendered: a post keeps no Markdown, and its HTML only
 * while the cache does. `first` is the content of the read that made the post, used before any re-read.
 * A body larger than the whole bound is kept by its post. When `make` throws or the render fails,
 * `prepare` rejects with that error (every time) and the body is empty.
 */
export class CachedContent implements PostContent, PreparedContent {
  #source: PostContent | undefined;
  #summary: string | undefined;
  #oversized: string | undefined;
  #error: Error | undefined;

  constructor(
    private readonly cache: BodyCache,
    private readonly make: () => PostContent,
    first?: PostContent,
  ) {
    this.#source = first;
  }

  get ready(): boolean {
    if (this.#error || this.#oversized !== undefined || this.cache.get(this) !== undefined) return true;
    const source = this.#source;
    if (!source || !isPreparable(source)) return source !== undefined;
    if (!source.ready) return false;
    this.keep(source);
    return true;
  }

  /**
   * Renders the body with `offThread` (its file read again if it was let go) and keeps its HTML in the
   * cache, as a self-validation run's with `background` (let go after the run unless a request renders it).
   */
  async prepare(offThread: OffThread, background = false): Promise<void> {
    if (this.#error) throw this.#error;
    if (this.#oversized !== undefined || this.cache.get(this) !== undefined) return;
    const source = this.source();
    if (!source) throw this.#error!;
    if (isPreparable(source)) {
      try {
        await source.prepare(offThread);
      } catch (error) {
        this.fail(error);
        throw this.#error!;
      }
    }
    this.keep(source, background);
  }

  /** The body's HTML: from the cache, or rendered now on this thread (its file read again if need be). */
  get html(): string {
    const held = this.#oversized ?? this.cache.get(this);
    if (held !== undefined) return held;
    const source = this.source();
    return source ? this.keep(source) : '';
  }

  get summary(): string {
    if (this.#summary !== undefined) return this.#summary;
    const source = this.source();
    return source ? (this.#summary = source.summary) : '';
  }

  private source(): PostContent | undefined {
    if (this.#error) return undefined;
    try {
      return (this.#source ??= this.make());
    } catch (error) {
      this.fail(error);
      return undefined;
    }
  }

  private fail(error: unknown): void {
    this.#error = error instanceof Error ? error : new Error(String(error));
    this.#source = undefined;
  }

  // The rendered HTML (and summary) taken from `source`, which is then let go.
  private keep(source: PostContent, background = false): string {
    const html = source.html;
    this.#summary ??= source.summary;
    if (!this.cache.set(this, html, background)) this.#oversized = html;
    if (this.#source === source) this.#source = undefined;
    return html;
  }
}
