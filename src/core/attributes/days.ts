/**
 * Instants → calendar days ('YYYY-MM-DD') in a time zone, for the date attributes. Whole days are the
 * store's: Shopify counts `last_order_date` in the shop's zone, so does a config with `timezone`;
 * without one, the visitor's own zone. Pure; an unknown zone falls back to the runtime's local day.
 */
import { localTime } from '../classify/time.js';

/** The day of `instant` in `timezone` (or local), null for a time a Date cannot hold. */
export function dayIn(instant: number | null, timezone: string | null | undefined): string | null {
  if (instant === null || !Number.isFinite(instant) || Math.abs(instant) > 8.64e15) return null;
  return localTime(instant, timezone ?? null).day;
}

/**
 * A day the server printed: '2026-10-01' stays that day; a time with an offset or Z
 * ('2026-10-01T23:30:00-05:00', what Liquid prints) becomes the day it was in `timezone`.
 */
export function dayOfText(text: unknown, timezone: string | null | undefined): string | null {
  if (typeof text !== 'string') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  return dayIn(Date.parse(text), timezone);
}
