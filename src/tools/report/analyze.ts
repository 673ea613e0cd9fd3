/**
 * Per test × segment × variant figures from the aggregate, with each variant compared to the control
 * and the sample-ratio check. Pure.
 */
import type { Aggregate, TestData } from './aggregate.js';
import { compareMeans, compareRates, goodnessOfFit, type ChiSquareResult, type Comparison } from './stats.js';

/** Below this p-value the split of visitors is a sample-ratio mismatch (the common industry alarm level). */
export const SRM_ALPHA = 0.001;

/** The whole test population; segment rows slice it by what the visitor was in at first exposure. */
export const ALL = '(all)';

export interface VariantRow {
  readonly variant: string;
  readonly isControl: boolean;
  readonly visitors: number;
  /** Visitors who bought at least once after their first exposure. */
  readonly converters: number;
  readonly orders: number;
  readonly revenue: number;
  readonly conversionRate: number;
  readonly revenuePerVisitor: number;
  /** Against the control; null for the control itself. */
  readonly conversion: Comparison | null;
  readonly revenueUplift: Comparison | null;
}

export interface SegmentRows {
  readonly segment: string;
  readonly rows: readonly VariantRow[];
}

export interface SampleRatio {
  readonly observed: readonly number[];
  readonly expected: readonly number[];
  readonly test: ChiSquareResult;
  readonly mismatch: boolean;
}

export interface TestReport {
  readonly test: string;
  readonly rule: string;
  readonly slot: string;
  readonly when: string | null;
  readonly control: string;
  readonly variants: readonly string[];
  readonly segments: readonly SegmentRows[];
  readonly sampleRatio: SampleRatio;
  readonly conflicts: number;
}

interface Tally {
  visitors: number;
  converters: number;
  orders: number;
  revenue: number;
  revenueSq: number;
}

const tally = (): Tally => ({ visitors: 0, converters: 0, orders: 0, revenue: 0, revenueSq: 0 });

export function analyze(aggregate: Aggregate, options: { segments?: boolean } = {}): TestReport[] {
  return [...aggregate.tests.values()]
    .sort((a, b) => a.test.localeCompare(b.test))
    .map((data) => analyzeTest(data, aggregate.purchases.get(data.test), options.segments ?? true));
}

function analyzeTest(data: TestData, purchases: Map<string, { ts: number; value: number; variant: string }[]> | undefined, bySegment: boolean): TestReport {
  const variants = data.variants;
  const control = variants.includes(data.control) ? data.control : variants[0]!;
  const slices = new Map<string, Map<string, Tally>>();
  const sliceOf = (segment: string) => {
    let slice = slices.get(segment);
    if (!slice) slices.set(segment, (slice = new Map(variants.map((v) => [v, tally()]))));
    return slice;
  };
  sliceOf(ALL);
  const visitorsPerWeights = new Map<number, Map<string, number>>();

  for (const [visitor, exposure] of data.visitors) {
    let orders = 0;
    let revenue = 0;
    for (const purchase of purchases?.get(visitor) ?? []) {
      if (purchase.variant !== exposure.variant || purchase.ts < exposure.ts) continue;
      orders++;
      revenue += purchase.value;
    }
    const add = (segment: string) => {
      const t = sliceOf(segment).get(exposure.variant)!;
      t.visitors++;
      t.orders += orders;
      t.revenue += revenue;
      t.revenueSq += revenue * revenue;
      if (orders > 0) t.converters++;
    };
    add(ALL);
    if (bySegment) for (const segment of data.segmentSets[exposure.segments]!) if (segment !== data.when) add(segment);
    const perVariant = visitorsPerWeights.get(exposure.weights) ?? new Map<string, number>();
    perVariant.set(exposure.variant, (perVariant.get(exposure.variant) ?? 0) + 1);
    visitorsPerWeights.set(exposure.weights, perVariant);
  }

  const total = slices.get(ALL)!;
  const segments = [...slices.entries()]
    // A segment every visitor of the test was in says nothing the whole test does not.
    .filter(([segment, slice]) => segment === ALL || sum(slice, 'visitors') < sum(total, 'visitors'))
    .sort(([a, sa], [b, sb]) => (a === ALL ? -1 : b === ALL ? 1 : sum(sb, 'visitors') - sum(sa, 'visitors') || a.localeCompare(b)))
    .map(([segment, slice]) => ({ segment, rows: rowsOf(slice, variants, control) }));

  return {
    test: data.test, rule: data.rule, slot: data.slot, when: data.when, control, variants, segments,
    sampleRatio: sampleRatio(data, variants, visitorsPerWeights), conflicts: data.conflicts,
  };
}

const sum = (slice: Map<string, Tally>, field: keyof Tally) => [...slice.values()].reduce((a, t) => a + t[field], 0);

function rowsOf(slice: Map<string, Tally>, variants: readonly string[], control: string): VariantRow[] {
  const c = slice.get(control)!;
  return variants.map((variant) => {
    const t = slice.get(variant)!;
    const isControl = variant === control;
    return {
      variant, isControl, visitors: t.visitors, converters: t.converters, orders: t.orders, revenue: round2(t.revenue),
      conversionRate: t.visitors ? t.converters / t.visitors : 0,
      revenuePerVisitor: t.visitors ? t.revenue / t.visitors : 0,
      conversion: isControl ? null : compareRates(t.converters, t.visitors, c.converters, c.visitors),
      revenueUplift: isControl ? null : compareMeans({ n: t.visitors, sum: t.revenue, sumSq: t.revenueSq }, { n: c.visitors, sum: c.revenue, sumSq: c.revenueSq }),
    };
  });
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Pearson's chi-square of visitors per variant against the weights. Each visitor's expected share is
 * taken from the weights they were exposed under, so a weight edited mid-test (without a version bump,
 * which keeps earlier visitors where they are) does not raise a false alarm.
 */
function sampleRatio(data: TestData, variants: readonly string[], visitorsPerWeights: Map<number, Map<string, number>>): SampleRatio {
  const observed = variants.map(() => 0);
  const expected = variants.map(() => 0);
  for (const [weightsIndex, perVariant] of visitorsPerWeights) {
    const weights = data.weightSets[weightsIndex]!;
    const total = Object.values(weights).reduce((a, b) => a + b, 0);
    const visitors = [...perVariant.values()].reduce((a, b) => a + b, 0);
    variants.forEach((variant, i) => {
      observed[i]! += perVariant.get(variant) ?? 0;
      if (total > 0) expected[i]! += (visitors * (weights[variant] ?? 0)) / total;
    });
  }
  const test = goodnessOfFit(observed, expected);
  // A visitor in a variant that has no weight is a mismatch however few there are.
  const impossible = observed.some((count, i) => count > 0 && expected[i] === 0);
  return { observed, expected, test, mismatch: impossible || test.pValue < SRM_ALPHA };
}
