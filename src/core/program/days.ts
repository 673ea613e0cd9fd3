/**
 * Days in the decision program: a date attribute holds a calendar day as 'YYYY-MM-DD' text, and a
 * program compares it with a fixed day or with an offset from today (`-30d`, `+2w`, `-8m`, `-1y`;
 * today is `+0d`), resolved against the `date` attribute when the expression is evaluated: the clock
 * stays outside the core. Months and years keep the day of the month, clamped to the month's end
 * (Mar 31 - 1m = Feb 28 or 29).
 */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const OFFSET = /^([+-])(\d{1,5})([dwmy])$/;

/** 'YYYY-MM-DD' of a UTC calendar day. */
const isoOf = (date: Date) => date.toISOString().slice(0, 10);

/** The day, if `text` is a real one (no 2026-02-30). */
export function isoDay(text: string): string | null {
  const m = ISO_DAY.exec(text);
  if (!m) return null;
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return isoOf(date) === text ? text : null;
}

/** `day` moved by `n` days, weeks, months or years. */
export function shiftDay(day: string, n: number, unit: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  if (unit === 'd' || unit === 'w') return isoOf(new Date(Date.UTC(y, m - 1, d + n * (unit === 'w' ? 7 : 1))));
  const months = m - 1 + n * (unit === 'y' ? 12 : 1);
  const lastDay = new Date(Date.UTC(y, months + 1, 0)).getUTCDate();
  return isoOf(new Date(Date.UTC(y, months, Math.min(d, lastDay))));
}

/** Whether `spec` is a day the program may carry: an ISO day or an offset. */
export const isDaySpec = (spec: unknown): spec is string =>
  typeof spec === 'string' && (isoDay(spec) !== null || OFFSET.test(spec));

/** The day `spec` stands for, given today ('YYYY-MM-DD'); null when it needs today and today is unknown. */
export function dayFrom(spec: unknown, today: unknown): string | null {
  if (typeof spec !== 'string') return null;
  if (isoDay(spec)) return spec;
  const offset = OFFSET.exec(spec);
  if (!offset || typeof today !== 'string' || isoDay(today) === null) return null;
  return shiftDay(today, (offset[1] === '-' ? -1 : 1) * Number(offset[2]), offset[3]!);
}
