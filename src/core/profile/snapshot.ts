/**
 * The synchronous snapshot of the profile: what a repeat visit decides from before IndexedDB has
 * answered, and what the inline decider in the page's <head> decides from at all. Pure: profile →
 * text and back. It holds what the attributes and the A/B bucketing read (counters, recency, sources,
 * cart, orders, interests, assignments, and the random visitor id bucketing needs), not the purchase
 * ids. Versioned on its own; anything unexpected (another version, a corrupt or oversized text, an
 * expired record) reads as no snapshot, and the page then waits for IndexedDB.
 *
 * A profile too large for the bound leaves a marker instead (`{"snapshot":1,"stored":true}`): a
 * profile exists, so a page must not take the visitor for a new one; it waits for IndexedDB.
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

/** What a snapshot says: the profile, that one exists without a snapshot (`stored`), or nothing usable. */
export type SnapshotRead = Profile | 'stored' | null;

/** The snapshot of `profile`; over the bound, the marker that one exists. */
export function toSnapshot(profile: Profile): string {
  const { transactions: _ids, ...kept } = profile;
  // Our own writer (core/json.ts): a theme's JSON.stringify may throw or mangle arrays (Array#toJSON).
  const text = toJson({ ...kept, snapshot: SNAPSHOT_VERSION } satisfies StoredSnapshot);
  return text !== undefined && text.length <= MAX_SNAPSHOT_CHARS ? text : STORED_MARKER;
}

const STORED_MARKER = `{"snapshot":${SNAPSHOT_VERSION},"stored":true}`;

/** The profile a snapshot describes (without purchase ids), or null when it cannot be trusted. */
export function fromSnapshot(text: string | null, now: number, retention: number): Profile | null {
  const read = readSnapshotText(text, now, retention, parseJson);
  return read === 'stored' ? null : read;
}

/** The same, telling a marker apart; `parse` is JSON.parse or a guarded replacement. Never throws. */
export function readSnapshotText(
  text: string | null,
  now: number,
  retention: number,
  parse: (text: string) => unknown,
): SnapshotRead {
  if (typeof text !== 'string' || text.length > MAX_SNAPSHOT_CHARS) return null;
  let raw: unknown;
  try {
    raw = parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null || (raw as { snapshot?: unknown }).snapshot !== SNAPSHOT_VERSION)
    return null;
  if ((raw as { stored?: unknown }).stored === true) return 'stored';
  const { snapshot: _version, ...fields } = raw as StoredSnapshot;
  const migrated = migrate({ ...fields, transactions: [] });
  if (!migrated.ok || isExpired(migrated.profile.lastSeen, now, retention)) return null;
  return migrated.profile;
}
