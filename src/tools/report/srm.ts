/**
 * The sample-ratio check, period by period: the visitors first exposed under one set of weights are
 * checked against those weights (Pearson's chi-square), and the periods' statistics are added up,
 * with their degrees of freedom — the sum of independent chi-squares is one. Pooling the counts of
 * several periods against pooled expectations would understate a mismatch confined to one period.
 * A visitor in a variant that has no weight is a mismatch however few there are. Pure.
 */
import { chiSquareUpperTail, goodnessOfFit, type ChiSquareResult } from './stats.js';
import { parseWeights, type TestSummary } from './summary.js';

/** Below this p-value the split of visitors is a sample-ratio mismatch (the common industry alarm level). */
export const SRM_ALPHA = 0.001;

export interface PeriodCheck {
  /** The weights as recorded, one period. */
  readonly weights: string;
  readonly observed: readonly number[];
  readonly expected: readonly number[];
  readonly test: ChiSquareResult;
  /** A visitor in a variant these weights never draw. */
  readonly impossible: boolean;
}

export interface SampleRatio {
  /** `cannot run`: no visitor came with weights the check can use. */
  readonly status: 'ok' | 'mismatch' | 'cannot run';
  readonly mismatch: boolean;
  /** Over the periods checked. */
  readonly observed: readonly number[];
  readonly expected: readonly number[];
  /** The periods' chi-squares added up. */
  readonly test: ChiSquareResult;
  readonly periods: readonly PeriodCheck[];
  /** Visitors whose exposure carried no weights (GA4 without `p13n_weights`): equal weights assumed. */
  readonly assumedEqual: number;
  /** Visitors whose weights were empty or unreadable (`weights: {}`): left out of the check. */
  readonly unchecked: number;
}

export function sampleRatio(data: Pick<TestSummary, 'splits'>, variants: readonly string[]): SampleRatio {
  const byWeights = new Map<string, Map<string, number>>();
  for (const split of data.splits) {
    const perVariant = byWeights.get(split.weights) ?? new Map<string, number>();
    perVariant.set(split.variant, (perVariant.get(split.variant) ?? 0) + split.visitors);
    byWeights.set(split.weights, perVariant);
  }
  const observed = variants.map(() => 0);
  const expected = variants.map(() => 0);
  const periods: PeriodCheck[] = [];
  let assumedEqual = 0;
  let unchecked = 0;
  for (const [text, perVariant] of byWeights) {
    let weights = parseWeights(text);
    const visitors = [...perVariant.values()].reduce((a, b) => a + b, 0);
    if (weights.size === 0 && text === '') {
      weights = new Map(variants.map((v) => [v, 1]));
      assumedEqual += visitors;
    }
    const total = [...weights.values()].reduce((a, b) => a + b, 0);
    if (!(total > 0)) {
      unchecked += visitors;
      continue;
    }
    const seen = variants.map((v) => perVariant.get(v) ?? 0);
    const expect = variants.map((v) => (visitors * (weights.get(v) ?? 0)) / total);
    seen.forEach((count, i) => {
      observed[i]! += count;
      expected[i]! += expect[i]!;
    });
    periods.push({
      weights: text,
      observed: seen,
      expected: expect,
      test: goodnessOfFit(seen, expect),
      impossible: seen.some((count, i) => count > 0 && expect[i] === 0),
    });
  }
  const statistic = periods.reduce((sum, p) => sum + p.test.statistic, 0);
  const df = periods.reduce((sum, p) => sum + p.test.df, 0);
  const test = { statistic, df, pValue: chiSquareUpperTail(statistic, df) };
  const mismatch = periods.some((p) => p.impossible) || (periods.length > 0 && test.pValue < SRM_ALPHA);
  const status = periods.length === 0 ? 'cannot run' : mismatch ? 'mismatch' : 'ok';
  return { status, mismatch, observed, expected, test, periods, assumedEqual, unchecked };
}
