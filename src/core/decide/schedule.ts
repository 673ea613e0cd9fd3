/**
 * Time windows of rules and variants: `"from"` / `"until"`, ISO date-times with an offset
 * (`2026-11-27T00:00:00+01:00`). Open from `from` (included) until `until` (excluded); either may be
 * absent. Pure: the clock is passed in.
 */

export interface Schedule {
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

/** The schedule of a parsed rule or variant; null when it has neither bound. */
export function scheduleOf(item: { readonly from?: string; readonly until?: string }): Schedule | null {
  if (item.from === undefined && item.until === undefined) return null;
  return { from: parseInstant(item.from), until: parseInstant(item.until) };
}

export const isOpen = (schedule: Schedule | null | undefined, now: number | undefined): boolean =>
  !schedule ||
  (now !== undefined &&
    (schedule.from === null || now >= schedule.from) &&
    (schedule.until === null || now < schedule.until));

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** "3 days", "5 hours", "1 minute": the largest whole unit, for people. */
function span(ms: number): string {
  const [n, unit] =
    ms >= DAY_MS
      ? [Math.floor(ms / DAY_MS), 'day']
      : ms >= HOUR_MS
        ? [Math.floor(ms / HOUR_MS), 'hour']
        : [Math.max(1, Math.floor(ms / 60_000)), 'minute'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** Where `now` stands in the schedule: "starts in 3 days", "ended 2 days ago", "ends in 5 hours". */
export function describeWindow(schedule: Schedule, now: number): string {
  if (schedule.from !== null && schedule.until !== null && schedule.from >= schedule.until)
    return 'never open (from is not before until)';
  if (schedule.from !== null && now < schedule.from) return `starts in ${span(schedule.from - now)}`;
  if (schedule.until !== null && now >= schedule.until) return `ended ${span(now - schedule.until)} ago`;
  return schedule.until !== null ? `ends in ${span(schedule.until - now)}` : 'open';
}
