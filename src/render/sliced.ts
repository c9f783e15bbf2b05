import type { Feed, FeedItem } from '../model/feed.js';
import { yieldToRequests } from '../schedule/yield-to-requests.js';

/** A feed document in parts: what comes before the items, each item's text (separator included), what comes after. */
export interface DocumentParts {
  readonly head: string;
  readonly item: (entry: FeedItem, index: number) => string;
  readonly tail: string;
}

/** How a document is rendered in slices: `size` items per slice, and `between` awaited after each slice but the last. */
export interface Slicing {
  readonly size?: number;
  readonly between?: () => Promise<void>;
}

/** Items per slice by default: at 1,000 items a page, 20 slices, each a fraction of the whole render. */
export const SLICE_ITEMS = 50;

/** The whole document in one call: head, every item, tail. */
export function joinParts(parts: DocumentParts, items: readonly FeedItem[]): string {
  return parts.head + items.map(parts.item).join('') + parts.tail;
}

/** The same text as `joinParts`, rendered `slicing.size` items at a time with `slicing.between` (the next turn of the event loop) between slices. */
export async function renderInSlices(parts: DocumentParts, items: readonly FeedItem[], slicing: Slicing = {}): Promise<string> {
  const size = Math.max(1, slicing.size ?? SLICE_ITEMS);
  const between = slicing.between ?? yieldToRequests;
  const texts: string[] = [parts.head];
  for (let start = 0; start < items.length; start += size) {
    if (start > 0) await between();
    const end = Math.min(items.length, start + size);
    for (let index = start; index < end; index++) texts.push(parts.item(items[index]!, index));
  }
  texts.push(parts.tail);
  return texts.join('');
}

/** A renderer in parts, and the whole-document renderer (`(feed) => text`) made from it. */
export function wholeRenderer(parts: (feed: Feed) => DocumentParts): (feed: Feed) => string {
  return (feed) => joinParts(parts(feed), feed.items);
}
