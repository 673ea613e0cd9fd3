/**
 * Time windows of rules and variants: `"from"` / `"until"`, ISO date-times with an offset
 * (`2026-11-27T00:00:00+01:00`). Open from `from` (included) until `until` (excluded); either may be
 * absent. Pure: the clock is passed in.
 */

export interface Window {
  /** Epoch milliseconds, or null for "since always" / "for ever". */
  readonly from: number | null;
  readonly until: number | null;
}

/** A date, a time to the minute (seconds and fractions optional), and an offset: no guessing the zone. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch milliseconds of an ISO date-time with offset; null for anything else. */
export function parseInstant(text: unknown): number | null {
  if (typeof text !== 'string' || !INSTANT.test(text)) return null;
  const at = Date.parse(text);
  return Number.isFinite(at) ? at : null;
}

export const INSTANT_EXAMPLE = '2026-11-27T00:00:00+01:00';

/** The window of a parsed rule or variant; null when it has neither bound. */
export function windowOf(item: { readonly from?: string; readonly until?: string }): Window | null {
  if (item.from === undefined && item.until === undefined) return null;
  return { from: parseInstant(item.from), until: parseInstant(item.until) };
}

export const isOpen = (window: Window | null | undefined, now: number | undefined): boolean =>
  !window || (now !== undefined && (window.from === null || now >= window.from) && (window.until === null || now < window.until));

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** "3 days", "5 hours", "1 minute": the largest whole unit, for people. */
function span(ms: number): string {
  const [n, unit] = ms >= DAY_MS ? [Math.floor(ms / DAY_MS), 'day'] : ms >= HOUR_MS ? [Math.floor(ms / HOUR_MS), 'hour'] : [Math.max(1, Math.floor(ms / 60_000)), 'minute'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** Where `now` stands in the window: "starts in 3 days", "ended 2 days ago", "ends in 5 hours". */
export function describeWindow(window: Window, now: number): string {
  if (window.from !== null && window.until !== null && window.from >= window.until) return 'never open (from is not before until)';
  if (window.from !== null && now < window.from) return `starts in ${span(window.from - now)}`;
  if (window.until !== null && now >= window.until) return `ended ${span(now - window.until)} ago`;
  return window.until !== null ? `ends in ${span(window.until - now)}` : 'open';
}
