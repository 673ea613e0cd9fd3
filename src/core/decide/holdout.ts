/**
 * Who is in the personalization holdout: a pure function of the visitor id and the holdout's id (hash
 * v1, bucket.ts), so a visitor stays in or out on every page and device that keeps the id, and a new
 * holdout id draws everyone again. Holdout visitors see the theme's defaults for every rule (tests too).
 */
import type { Holdout } from '../config/types.js';
import { unitHash } from './bucket.js';

export type HoldoutGroup = 'holdout' | 'personalized';

/** What a decision carries when a holdout runs: the report's test key and the visitor's group. */
export interface HoldoutExposure {
  readonly key: string;
  readonly group: HoldoutGroup;
  readonly percent: number;
}

export function holdoutGroup(holdout: Holdout, visitorId: string): HoldoutGroup {
  return unitHash(`p13n-v1:holdout:${holdout.id}`, 'holdout', visitorId) * 100 < holdout.percent
    ? 'holdout'
    : 'personalized';
}

export const holdoutExposure = (holdout: Holdout, visitorId: string): HoldoutExposure => ({
  key: holdout.id,
  group: holdoutGroup(holdout, visitorId),
  percent: holdout.percent,
});
