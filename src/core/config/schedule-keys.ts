/**
 * The config's time keys: `timezone` (top level) and `from` / `until` (rules and variants). A schedule
 * that cannot be read drops its rule: a time-limited offer must never run for ever by mistake.
 */
import { INSTANT_EXAMPLE, parseInstant } from '../decide/schedule.js';

type Report = (path: string, message: string, hint?: string) => void;

/** Copies `from` / `until` onto `out`; false (reported) when one is not an ISO date-time with offset. */
export function parseWindow(
  source: Record<string, unknown>,
  out: { from?: string; until?: string },
  path: string,
  who: string,
  error: Report,
): boolean {
  for (const key of ['from', 'until'] as const) {
    const value = source[key];
    if (value === undefined) continue;
    if (parseInstant(value) === null) {
      error(
        `${path}.${key}`,
        `${who}: "${key}" must be a date and time with its offset, e.g. "${INSTANT_EXAMPLE}" (the rule is left out)`,
        'write the offset (+01:00, -05:00 or Z) so every visitor switches at the same moment',
      );
      return false;
    }
    out[key] = value as string;
  }
  return true;
}

/** Zone names as IANA spells them. Only their shape is checked here: the first `Intl` call of a page costs
 * 5-50 ms, which a page that never reads a date should not pay (the validator checks the zone exists). */
const ZONE = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

/** An IANA zone name, e.g. 'Europe/Oslo'; undefined (reported when given) otherwise. */
export function parseZone(value: unknown, error: Report): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value.length <= 64 && ZONE.test(value)) return value;
  error('timezone', ZONE_MESSAGE, ZONE_HINT);
  return undefined;
}

export const ZONE_MESSAGE = 'must be an IANA time zone, e.g. "Europe/Oslo" or "America/New_York"';
export const ZONE_HINT = "without it, date attributes count days in the visitor's own zone";

/** For the validator: whether this runtime knows the zone. */
export function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
