/**
 * Evaluating a config's named segments for one visitor: each at most once per evaluation (a segment
 * used by several rules and segments is memoized), forced ones true (the owner's preview), unknown
 * ones false. Shared by the segment language (segments/index.ts) and the decision program, so a
 * segment behaves the same whether its config was compiled in the page or ahead of time.
 */
import type { Attributes } from '../types.js';
import type { Evaluation, Predicate } from './expr.js';

export interface SegmentEvaluator {
  /** Memoizes each segment once; forced segments are true (preview). */
  evaluation(attrs: Attributes, options?: { forced?: ReadonlySet<string> }): Evaluation;
  /** Names of the segments that match. */
  match(ev: Evaluation): string[];
}

/** Evaluation states of one segment; a hole in the memo is "not yet evaluated". */
const TRUE = 1;
const FALSE = 2;
const RUNNING = 3;

export function segmentEvaluator(names: readonly string[], predicates: readonly Predicate[]): SegmentEvaluator {
  const index = new Map(names.map((name, i) => [name, i]));
  return {
    evaluation(attrs, options) {
      const forced = options?.forced;
      const memo: number[] = [];
      const ev: Evaluation = {
        attrs,
        segment(name) {
          if (forced?.has(name)) return true;
          const i = index.get(name);
          if (i === undefined) return false;
          const state = memo[i];
          if (state !== undefined) return state === TRUE;
          memo[i] = RUNNING; // read as false, should a cycle ever slip through
          let result = false;
          try {
            result = predicates[i]!(ev) === true;
          } catch {
            result = false;
          }
          memo[i] = result ? TRUE : FALSE;
          return result;
        },
      };
      return ev;
    },
    match: (ev) => names.filter((name) => ev.segment(name)),
  };
}
