/**
 * How long a stored profile lives: 13 months after the visitor's last page view by default, the
 * lifetime European regulators accept for audience-measurement trackers (CNIL's guidelines on
 * cookies, 2020) and close to GA4's longest standard retention (14 months). The clock restarts with
 * each visit, as GA4's "reset on new activity" does; a profile nobody has seen for that long is erased
 * the next time it is read. Pure.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

/** 13 months, in days (13 × 30.4). */
export const DEFAULT_RETENTION_DAYS = 395;
export const MAX_RETENTION_DAYS = 3650;

export const retentionMs = (days: number | undefined): number =>
  (typeof days === 'number' && days >= 1 && days <= MAX_RETENTION_DAYS ? days : DEFAULT_RETENTION_DAYS) * DAY_MS;

/** A record last seen more than `retention` ago. A record from the future (clock skew) is not expired. */
export function isExpired(lastSeen: number, now: number, retention: number): boolean {
  return Number.isFinite(lastSeen) && now - lastSeen > retention;
}
