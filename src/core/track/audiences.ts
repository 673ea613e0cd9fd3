/**
 * The value of the GA4 user property `p13n_segments`: the visitor's segment names, sorted, joined by
 * commas, within GA4's 36 characters for a user property value
 * (https://support.google.com/analytics/answer/9267744). Names are taken in sorted order while they
 * fit; a name that would pass 36 characters is left out (and so is a name longer than 36 on its
 * own), later shorter names still go in. `(none)` when the visitor is in no segment, so a visitor
 * who left every segment does not keep the last value. Only names: no attribute value, nothing
 * personal. Pure.
 */

/** GA4's limit for a user property value. */
export const USER_PROPERTY_MAX = 36;
export const NO_SEGMENTS = '(none)';

export interface AudienceValue {
  /** What is set: `big_spender,mobile,returning`. */
  readonly value: string;
  /** The names that did not fit, sorted. */
  readonly left: readonly string[];
}

export function audienceValue(segments: readonly string[]): AudienceValue {
  const sorted = [...new Set(segments)].sort();
  const kept: string[] = [];
  const left: string[] = [];
  let length = 0;
  for (const name of sorted) {
    const next = length + (kept.length ? 1 : 0) + name.length;
    if (next <= USER_PROPERTY_MAX) {
      kept.push(name);
      length = next;
    } else left.push(name);
  }
  return { value: kept.length ? kept.join(',') : NO_SEGMENTS, left };
}
