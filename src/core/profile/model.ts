/**
 * The visitor profile as stored in IndexedDB: a versioned plain record. Every stored record passes
 * through `migrate()` on read, so older records keep working and a corrupt or future one is recognised
 * instead of crashing the page.
 */
import type { TrafficSource } from '../classify/types.js';
import { isObject as isRecord } from '../is-object.js';

export const PROFILE_VERSION = 1;

/** A visit ends after 30 minutes without a page view (the GA4 and Adobe default). */
export const VISIT_TIMEOUT_MS = 30 * 60 * 1000;

/** Purchase ids remembered to count a repeated `transaction_id` once; old ones fall off. */
export const MAX_TRANSACTIONS = 50;

export interface Profile {
  readonly version: typeof PROFILE_VERSION;
  /** Random, created once: the key for A/B bucketing. Not derived from anything about the person. */
  readonly id: string;
  readonly firstSeen: number;
  /** Time of the latest page view; never goes back (a clock moved back does not rewind it). */
  readonly lastSeen: number;
  /**
   * Wall time of the latest page view as that page's clock said, even when it went back (absent in
   * records of older scripts). When a corrected clock leaves `lastSeen` in the future, the time since
   * the last page view is measured from this one instead (profile/update.ts, `sinceLastView`).
   */
  readonly lastViewAt?: number;
  readonly visits: number;
  readonly pageviews: number;
  readonly visitStart: number;
  readonly visitPageviews: number;
  /** Last page view of the previous visit; null during the first visit. */
  readonly previousVisitEnd: number | null;
  readonly source: TrafficSource | null;
  readonly firstSource: TrafficSource | null;
  /** From `track('login' | 'logout')`; the page's own signals win when it gives any. */
  readonly loggedIn: boolean | null;
  readonly cartValue: number;
  readonly cartItems: number;
  /** The previous visit ended with a non-empty cart and nothing was bought since. */
  readonly abandonedCart: boolean;
  readonly orders: number;
  readonly totalSpent: number;
  readonly lastOrderAt: number | null;
  readonly transactions: readonly string[];
  /** Product views per interest key (`running`, `trail_shoes`). */
  readonly interest: Readonly<Record<string, number>>;
  /** Custom `track()` events by name (`newsletter_signup`), for `events.NAME` expressions. */
  readonly events: Readonly<Record<string, number>>;
  /** A/B assignments: assignment key → variant id. */
  readonly assignments: Readonly<Record<string, string>>;
}

export function newProfile(id: string, now: number): Profile {
  return {
    version: PROFILE_VERSION,
    id,
    firstSeen: now,
    lastSeen: now,
    visits: 0,
    pageviews: 0,
    visitStart: now,
    visitPageviews: 0,
    previousVisitEnd: null,
    source: null,
    firstSource: null,
    loggedIn: null,
    cartValue: 0,
    cartItems: 0,
    abandonedCart: false,
    orders: 0,
    totalSpent: 0,
    lastOrderAt: null,
    transactions: [],
    interest: {},
    events: {},
    assignments: {},
  };
}

export type MigrationResult =
  | { readonly ok: true; readonly profile: Profile }
  | { readonly ok: false; readonly reason: 'corrupt' | 'future-version' };

/**
 * Brings any stored record to the current version. Migrations from older versions go in `MIGRATIONS`,
 * keyed by the version they upgrade from; each returns the next version's shape.
 */
const MIGRATIONS: Record<number, (record: Record<string, unknown>) => Record<string, unknown>> = {};

export function migrate(record: unknown): MigrationResult {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return { ok: false, reason: 'corrupt' };
  let current = record as Record<string, unknown>;
  if (typeof current.version !== 'number' || !Number.isInteger(current.version) || current.version < 1)
    return { ok: false, reason: 'corrupt' };
  let version: number = current.version;
  if (version > PROFILE_VERSION) return { ok: false, reason: 'future-version' };
  for (let steps = 0; version < PROFILE_VERSION && steps < 100; steps++) {
    const step = MIGRATIONS[version];
    if (!step) return { ok: false, reason: 'corrupt' };
    current = step(current);
    version = current.version as number;
  }
  return isProfile(current) ? { ok: true, profile: current } : { ok: false, reason: 'corrupt' };
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;
const isTime = isCount;
const isTimeOrNull = (value: unknown) => value === null || isTime(value);

/** Shape check of a current-version record: enough to trust every field the core reads. */
function isProfile(record: Record<string, unknown>): record is Record<string, unknown> & Profile {
  return (
    typeof record.id === 'string' &&
    record.id.length > 0 &&
    isTime(record.firstSeen) &&
    isTime(record.lastSeen) &&
    isTime(record.visitStart) &&
    (record.lastViewAt === undefined || isTime(record.lastViewAt)) &&
    isCount(record.visits) &&
    isCount(record.pageviews) &&
    isCount(record.visitPageviews) &&
    isTimeOrNull(record.previousVisitEnd) &&
    isTimeOrNull(record.lastOrderAt) &&
    (record.source === null || isRecord(record.source)) &&
    (record.firstSource === null || isRecord(record.firstSource)) &&
    (record.loggedIn === null || typeof record.loggedIn === 'boolean') &&
    isCount(record.cartValue) &&
    isCount(record.cartItems) &&
    typeof record.abandonedCart === 'boolean' &&
    isCount(record.orders) &&
    isCount(record.totalSpent) &&
    Array.isArray(record.transactions) &&
    record.transactions.every((id) => typeof id === 'string') &&
    isRecord(record.interest) &&
    Object.values(record.interest).every(isCount) &&
    isRecord(record.events) &&
    Object.values(record.events).every(isCount) &&
    isRecord(record.assignments) &&
    Object.values(record.assignments).every((id) => typeof id === 'string')
  );
}
