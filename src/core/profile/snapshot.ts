/**
 * The synchronous snapshot of the profile (issue 11 item 3): what a repeat visit decides from before
 * IndexedDB has answered. Pure: profile → text and back. It holds what the attributes and the A/B
 * bucketing read (counters, recency, sources, cart, orders, interests, assignments, and the random
 * visitor id bucketing needs), not the purchase ids. Versioned on its own; anything unexpected
 * (another version, a corrupt or oversized text, an expired record) reads as no snapshot, and the page
 * then waits for IndexedDB as before.
 */
import { isExpired } from '../privacy/retention.js';
import { migrate, type Profile } from './model.js';
import { parseJson, toJson } from '../json.js';

export const SNAPSHOT_VERSION = 1;

/** Larger than any real profile (about 2 KB with 50 interests); a bigger one is not kept: IndexedDB decides. */
export const MAX_SNAPSHOT_CHARS = 8 * 1024;

interface StoredSnapshot extends Omit<Profile, 'transactions'> {
  readonly snapshot: typeof SNAPSHOT_VERSION;
}

/** The snapshot of `profile`, or null when it would exceed the bound (the caller then erases the old one). */
export function toSnapshot(profile: Profile): string | null {
  const { transactions: _ids, ...kept } = profile;
  // Our own writer (core/json.ts): a theme's JSON.stringify may throw or mangle arrays (Array#toJSON).
  const text = toJson({ ...kept, snapshot: SNAPSHOT_VERSION } satisfies StoredSnapshot);
  return text !== undefined && text.length <= MAX_SNAPSHOT_CHARS ? text : null;
}

/** The profile a snapshot describes (without purchase ids), or null when it cannot be trusted. */
export function fromSnapshot(text: string | null, now: number, retention: number): Profile | null {
  if (typeof text !== 'string' || text.length > MAX_SNAPSHOT_CHARS) return null;
  let raw: unknown;
  try {
    raw = parseJson(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null || (raw as { snapshot?: unknown }).snapshot !== SNAPSHOT_VERSION)
    return null;
  const { snapshot: _version, ...fields } = raw as StoredSnapshot;
  const migrated = migrate({ ...fields, transactions: [] });
  if (!migrated.ok || isExpired(migrated.profile.lastSeen, now, retention)) return null;
  return migrated.profile;
}
