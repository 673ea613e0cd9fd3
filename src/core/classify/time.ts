/**
 * The visitor's local hour, ISO weekday and month at `now`, in their IANA time zone. Pure (the clock
 * is passed in, and never read here); an unknown zone falls back to the runtime's own local time.
 */
import type { LocalTime } from './types.js';

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatter(timezone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timezone);
  if (f === undefined) {
    try {
      // hourCycle h23: with `hour12: false` some Chrome versions print midnight as "24".
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: timezone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
      });
    } catch {
      f = null; // RangeError: not a zone this runtime knows
    }
    if (formatters.size < 16) formatters.set(timezone, f);
  }
  return f;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoDay = (year: number, month: number, day: number) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

const isoWeekday = (year: number, month: number, day: number) =>
  new Date(Date.UTC(year, month - 1, day)).getUTCDay() || 7;

export function localTime(now: number, timezone: string | null): LocalTime {
  // 8.64e15 ms is the edge of what a Date can hold. A clock that is not one gives the epoch: reading the
  // real clock here would make the same input answer differently from one call to the next.
  const instant = Number.isFinite(now) && Math.abs(now) <= 8.64e15 ? now : 0;
  const f = typeof timezone === 'string' && timezone ? formatter(timezone.slice(0, 64)) : null;
  if (f) {
    try {
      const parts: Record<string, number> = {};
      for (const { type, value } of f.formatToParts(instant)) parts[type] = Number(value);
      const { year, month, day, hour } = parts;
      if (year !== undefined && month !== undefined && day !== undefined && hour !== undefined) {
        return { hour: hour % 24, weekday: isoWeekday(year, month, day), month, day: isoDay(year, month, day) };
      }
    } catch {
      // fall through to local time
    }
  }
  const d = new Date(instant);
  return {
    hour: d.getHours(),
    weekday: d.getDay() || 7,
    month: d.getMonth() + 1,
    day: isoDay(d.getFullYear(), d.getMonth() + 1, d.getDate()),
  };
}
