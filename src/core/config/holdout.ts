/**
 * The config's `holdout`: a share of visitors who always see the theme's defaults, so the report can
 * compare personalized visitors with them (docs/report.md, "The holdout"). `{ "percent": 5, "id": "holdout-2026" }`;
 * a new `id` draws the holdout again, as a version bump does for a test. Pure.
 */
import type { Holdout } from './types.js';

type Report = (path: string, message: string, hint?: string) => void;

export const HOLDOUT_KEYS = ['percent', 'id'] as const;

export function parseHoldout(value: unknown, error: Report): Holdout | undefined {
  if (value === undefined) return undefined;
  const object =
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  const percent = object?.percent;
  const id = object?.id;
  if (
    !object ||
    typeof percent !== 'number' ||
    !(percent > 0 && percent < 100) ||
    typeof id !== 'string' ||
    !/^[\w.-]{1,60}$/.test(id)
  ) {
    error(
      'holdout',
      'must be { "percent": a number above 0 and below 100, "id": a name of letters, digits, "-", "_" or "." }',
      'e.g. { "percent": 5, "id": "holdout-2026" }; change the id to draw a new holdout',
    );
    return undefined;
  }
  return { percent, id };
}
