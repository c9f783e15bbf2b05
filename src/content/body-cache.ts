import { ByteCache, type Cacheable, type CacheFigures } from '../store/byte-cache.js';

interface Held extends Cacheable {
  readonly owner: object;
  readonly html: string;
}

// What an entry costs beyond its characters: its record and map slot.
const ENTRY_OVERHEAD = 96;

/** What a string's characters cost in memory: one byte each when all are Latin-1 (V8 stores them so), else two. */
export function stringBytes(text: string): number {
  return /[^\u0000-\u00ff]/.test(text) ? 2 * text.length : text.length;
}

/**
 * Rendered post bodies by the content that rendered them, bounded by bytes (`cache.bodyBytes`), least
 * recently used out: a body evicted is rendered again from its file when a document next shows it.
 */
export class BodyCache {
  private readonly cache: ByteCache<object, Held>;
  // The bodies kept for a background run (self-validation), not for a request: oldest first, with their cost.
  private readonly background = new Map<object, number>();
  private backgroundBytes = 0;

  constructor(maxBytes: number) {
    this.cache = new ByteCache(maxBytes, (held) => this.forget(held.owner));
  }

  /** The HTML kept for `owner`, marked used; undefined when there is none. */
  get(owner: object): string | undefined {
    const bytes = this.background.get(owner);
    // A run's body read again (another document shows it) is its newest: the last to go at a release.
    if (bytes !== undefined) {
      this.background.delete(owner);
      this.background.set(owner, bytes);
    }
    return this.cache.get(owner)?.html;
  }

  /**
   * Keeps `html` for `owner`, evicting others as needed; false when it alone is over the bound (not
   * kept). A `background` body (a self-validation run's) goes at `releaseBackground` unless it is, or is
   * set again, for a request.
   */
  set(owner: object, html: string, background = false): boolean {
    // A body kept for a request stays a request's: a run that rendered it too does not make it the run's.
    const forRequest = !this.background.has(owner) && this.cache.peek(owner) !== undefined;
    const bytes = stringBytes(html) + ENTRY_OVERHEAD;
    const kept = this.cache.set(owner, { owner, html, used: false }, bytes);
    if (kept && background && !forRequest) {
      this.background.set(owner, bytes);
      this.backgroundBytes += bytes;
    }
    return kept;
  }

  /**
   * Lets go of the bodies kept for a background run, oldest first, until they hold `keepBytes` or less: a
   * run over every document would otherwise fill the cache with bodies no request asked for (a request
   * renders one again from its file). A run keeps a few documents' worth between documents, so the heap
   * it grows is that much rather than the whole bound, and lets go of all of them when it is over.
   */
  releaseBackground(keepBytes = 0): void {
    for (const owner of this.background.keys()) {
      if (this.backgroundBytes <= keepBytes) return;
      this.cache.delete(owner);
    }
  }

  /** The bytes held, the bodies, the bound and the evictions so far (`/metrics`, cache "bodies"). */
  figures(): CacheFigures {
    return this.cache.figures();
  }

  // A body left the cache (evicted, replaced or let go): it is no longer a run's.
  private forget(owner: object): void {
    const bytes = this.background.get(owner);
    if (bytes === undefined) return;
    this.background.delete(owner);
    this.backgroundBytes -= bytes;
  }
}
