import { createHash } from 'node:crypto';
import { BoundedMap } from '../http/bounded-map.js';
import { familyOf, type ReaderFamily } from './reader-table.js';

/** What one User-Agent says: its family, the subscriber count it reports, and who it is as a client. */
export interface ReaderMatch {
  readonly family: ReaderFamily;
  /** "N subscribers" / "N readers" in the User-Agent: a hosted reader's count for this subscription. */
  readonly reported?: number;
  /** The reader's own id for the subscription (feed-id=…, /site/N), '' when it names none. */
  readonly subscription: string;
  /**
   * 64 bits naming the client apart from its address (the User-Agent, or for a reporting reader its
   * family and subscription, so that a changing count stays one client). Not keyed: the keyed hash
   * mixes these with the address.
   */
  readonly identityHi: number;
  readonly identityLo: number;
}

// "131 subscribers", "1 subscriber", "4 readers", "1,024 subscribers".
const REPORTED = /(\d[\d,]{0,12})\s+(?:subscribers?|readers?)\b/i;
// Feedly and The Old Reader "feed-id=…", Feedbin "feed-id:…", NewsBlur "/site/1234".
const SUBSCRIPTION = /feed-?id[:=]\s*([\w.-]{1,80})|\/site\/(\d{1,20})/i;
// Distinct User-Agents remembered; each reporting reader's count change is a new one.
const REMEMBERED = 4096;
// A reported count above this is not believed (a typo or a lie); the client is counted once instead.
const MAX_REPORTED = 10_000_000;

function words(text: string): { identityHi: number; identityLo: number } {
  const digest = createHash('sha256').update(text, 'latin1').digest();
  return { identityHi: digest.readUInt32LE(4), identityLo: digest.readUInt32LE(0) };
}

/** Classifies one User-Agent (no caching). */
export function classifyReader(userAgent: string): ReaderMatch {
  const family = familyOf(userAgent);
  const count = family.counted ? REPORTED.exec(userAgent) : null;
  const reported = count ? Number(count[1]!.replaceAll(',', '')) : undefined;
  if (reported === undefined || !(reported <= MAX_REPORTED)) return Object.freeze({ family, subscription: '', ...words(userAgent) });
  const id = SUBSCRIPTION.exec(userAgent);
  const subscription = id ? (id[1] ?? id[2]!) : '';
  return Object.freeze({ family, reported, subscription, ...words(`${family.id}\n${subscription}`) });
}

/** classifyReader behind a bounded memo: the same User-Agent string is classified once. */
export class ReaderClassifier {
  private readonly memo = new BoundedMap<string, ReaderMatch>(REMEMBERED);

  /** User-Agents remembered (at most 4,096). */
  get size(): number {
    return this.memo.size;
  }

  /** The match of `userAgent` (an absent header is the empty string). */
  classify(userAgent: string | undefined): ReaderMatch {
    const ua = userAgent ?? '';
    let match = this.memo.get(ua);
    if (!match) this.memo.set(ua, (match = classifyReader(ua)));
    return match;
  }
}
