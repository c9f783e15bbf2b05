import { ByteCache, type Cacheable, type CacheFigures } from '../store/byte-cache.js';

interface Held extends Cacheable {
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
  // The owners whose bodies are kept for a background run (self-validation), not for a request.
  private readonly background = new Set<object>();

  constructor(maxBytes: number) {
    this.cache = new ByteCache(maxBytes);
  }

  /** The HTML kept for `owner`, marked used; undefined when there is none. */
  get(owner: object): string | undefined {
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
    if (background && !forRequest) this.background.add(owner);
    else this.background.delete(owner);
    return this.cache.set(owner, { html, used: false }, stringBytes(html) + ENTRY_OVERHEAD);
  }

  /**
   * Lets go of the bodies kept for a background run since the last call: a run over every document would
   * otherwise leave the cache full of bodies no request asked for (a request renders one again from its file).
   */
  releaseBackground(): void {
    for (const owner of this.background) this.cache.delete(owner);
    this.background.clear();
  }

  /** The bytes held, the bodies, the bound and the evictions so far (`/metrics`, cache "bodies"). */
  figures(): CacheFigures {
    return this.cache.figures();
  }
}
