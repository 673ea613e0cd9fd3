/**
 * The validator's checks of time: a `from` / `until` schedule that never opens or has ended (a warning:
 * the rule works, it just never shows), and a `timezone` this runtime does not know. The malformed
 * ones are reported by parse.ts already (the runtime drops those rules).
 */
import { describeWindow, parseInstant, type Schedule } from '../decide/schedule.js';
import { knownZone, parseZone, ZONE_HINT, ZONE_MESSAGE } from './schedule-keys.js';
import type { ValidationProblem } from './validate.js';
import { isObject } from '../is-object.js';

export interface ValidateOptions {
  /** The tools' clock: with it, a schedule that has ended is reported. */
  readonly now?: number;
}

type Json = Record<string, unknown>;
type Add = (problem: ValidationProblem) => void;

function scheduleIn(item: Json): Schedule | null {
  if (item.from === undefined && item.until === undefined) return null;
  const from = parseInstant(item.from);
  const until = parseInstant(item.until);
  // A malformed bound is parse.ts's error; checking the other one alone would mislead.
  if ((item.from !== undefined && from === null) || (item.until !== undefined && until === null)) return null;
  return { from, until };
}

function checkWindow(item: Json, path: string, who: string, now: number | undefined, add: Add): void {
  const schedule = scheduleIn(item);
  if (!schedule) return;
  if (schedule.from !== null && schedule.until !== null && schedule.from >= schedule.until) {
    add({
      severity: 'warning',
      code: 'schedule',
      path: `${path}.until`,
      message: `${who} never applies: "until" is not after "from"`,
      hint: 'swap them, or fix the dates',
    });
  } else if (now !== undefined && schedule.until !== null && now >= schedule.until) {
    add({
      severity: 'warning',
      code: 'schedule',
      path: `${path}.until`,
      message: `${who} has ${describeWindow(schedule, now)}: it no longer applies`,
      hint: 'remove it, or move "until" later',
    });
  }
}

export function checkSchedules(
  rule: Json,
  path: string,
  id: string,
  options: { readonly now?: number },
  add: Add,
): void {
  checkWindow(rule, path, `rule '${id}'`, options.now, add);
  if (!Array.isArray(rule.variants)) return;
  rule.variants.forEach((variant, index) => {
    if (isObject(variant))
      checkWindow(
        variant,
        `${path}.variants[${index}]`,
        `variant '${String(variant.id ?? `#${index + 1}`)}' of rule '${id}'`,
        options.now,
        add,
      );
  });
}

/** A well-formed zone name this runtime has no data for (parse.ts reports a malformed one). */
export function checkZone(zone: unknown, add: Add): void {
  if (typeof zone === 'string' && parseZone(zone, () => {}) !== undefined && !knownZone(zone)) {
    add({
      severity: 'error',
      code: 'structure',
      path: 'timezone',
      message: `'${zone}' is not a known time zone: timezone ${ZONE_MESSAGE}`,
      hint: ZONE_HINT,
    });
  }
}
