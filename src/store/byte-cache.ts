/** A value a ByteCache holds: `used` is set by whoever serves it, so that eviction passes it over once. */
export interface Cacheable {
  used: boolean;
}

/** What a cache holds now, for /metrics. */
export interface CacheFigures {
  readonly bytes: number;
  readonly entries: number;
  readonly maxBytes: number;
  readonly evictions: number;
}

interface Entry<V> {
  readonly value: V;
  bytes: number;
}

/**
 * A map bounded by the bytes its values cost (as the caller counts them), least recently used first out.
 * Recency is kept the cheap way (second chance, "CLOCK"): a reader sets `value.used` instead of
 * reordering, and eviction moves a used entry to the back once before it may go. A value larger than the
 * whole bound is not kept. `onEvict` hears of every value that leaves, replaced ones included.
 */
export class ByteCache<K, V extends Cacheable> {
  private readonly entries = new Map<K, Entry<V>>();
  private total = 0;
  private evicted = 0;

  constructor(
    readonly maxBytes: number,
    private readonly onEvict: (value: V) => void = () => {},
  ) {}

  /** The value under `key`, marked used; undefined when there is none. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry) entry.value.used = true;
    return entry?.value;
  }

  /** The value under `key`, not marked used; undefined when there is none. */
  peek(key: K): V | undefined {
    return this.entries.get(key)?.value;
  }

  /** Keeps `value` under `key` at a cost of `bytes`, evicting others as needed; false when it alone is over the bound. */
  set(key: K, value: V, bytes: number): boolean {
    this.delete(key);
    if (bytes > this.maxBytes) {
      this.onEvict(value);
      return false;
    }
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    this.shrink();
    return true;
  }

  /** Adds `bytes` to the cost of `value` (a compressed variant was made), if it is still the one under `key`. */
  grow(key: K, value: V, bytes: number): void {
    const entry = this.entries.get(key);
    if (entry?.value !== value) return;
    entry.bytes += bytes;
    this.total += bytes;
    this.shrink();
  }

  /** Forgets `key`. */
  delete(key: K): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.total -= entry.bytes;
    this.onEvict(entry.value);
  }

  /** Forgets everything. */
  clear(): void {
    for (const key of [...this.entries.keys()]) this.delete(key);
  }

  /** The bytes held, the entries, the bound and the evictions so far. */
  figures(): CacheFigures {
    return { bytes: this.total, entries: this.entries.size, maxBytes: this.maxBytes, evictions: this.evicted };
  }

  private shrink(): void {
    while (this.total > this.maxBytes) {
      const oldest = this.entries.entries().next();
      if (oldest.done) return;
      const [key, entry] = oldest.value;
      this.entries.delete(key);
      if (entry.value.used) {
        entry.value.used = false;
        this.entries.set(key, entry);
        continue;
      }
      this.total -= entry.bytes;
      this.evicted++;
      this.onEvict(entry.value);
    }
  }
}
