/**
 * Per test × segment × variant figures from the aggregated summary, with each variant compared to the
 * control and the sample-ratio check. Pure.
 */
import { ALL, parseWeights, variantsOf, type Cell, type Summary, type TestSummary } from './summary.js';
import { compareMeans, compareRates, goodnessOfFit, type ChiSquareResult, type Comparison } from './stats.js';

export { ALL } from './summary.js';

/** Below this p-value the split of visitors is a sample-ratio mismatch (the common industry alarm level). */
export const SRM_ALPHA = 0.001;

/**
 * One visitor holding more than this share of a variant's revenue, among at least HEAVY_TAIL_BUYERS
 * buyers, makes its revenue figures rest on that visitor (with fewer buyers every figure is that fragile,
 * and the intervals already say so).
 */
export const HEAVY_TAIL_SHARE = 0.25;
export const HEAVY_TAIL_BUYERS = 10;

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
  readonly averageOrderValue: number;
  /** The largest revenue of one visitor, as a share of the variant's revenue. */
  readonly topVisitorShare: number;
  /** Against the control; null for the control itself. */
  readonly conversion: Comparison | null;
  readonly revenueUplift: Comparison | null;
  readonly orderValueUplift: Comparison | null;
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
  /** Visitors whose exposure carried no weights (GA4 without `p13n_weights`): equal weights assumed. */
  readonly assumedEqual: number;
}

/** A test's identity as the aggregation summed it (summary.ts), with its analysed rows. */
export interface TestReport extends Pick<TestSummary, 'test' | 'kind' | 'rule' | 'slot' | 'when' | 'control'> {
  readonly variants: readonly string[];
  readonly segments: readonly SegmentRows[];
  readonly sampleRatio: SampleRatio;
  readonly conflicts: number;
}

const EMPTY: Cell = {
  segment: '',
  variant: '',
  visitors: 0,
  converters: 0,
  orders: 0,
  revenue: 0,
  revenueSq: 0,
  orderSq: 0,
  maxRevenue: 0,
};

export function analyze(summary: Summary, options: { segments?: boolean } = {}): TestReport[] {
  return [...summary.tests]
    .sort((a, b) => a.test.localeCompare(b.test))
    .map((t) => analyzeTest(t, options.segments ?? true));
}

function analyzeTest(data: TestSummary, bySegment: boolean): TestReport {
  const variants = variantsOf(data);
  const control = variants.includes(data.control) ? data.control : variants[0]!;
  const slices = new Map<string, Map<string, Cell>>();
  for (const cell of data.cells) {
    // The test's own segment holds every visitor of the test: it says nothing the whole test does not.
    if (cell.segment !== ALL && (!bySegment || cell.segment === data.when)) continue;
    const slice = slices.get(cell.segment) ?? new Map<string, Cell>();
    slice.set(cell.variant, cell);
    slices.set(cell.segment, slice);
  }
  if (!slices.has(ALL)) slices.set(ALL, new Map());
  const visitorsOf = (slice: Map<string, Cell>) => [...slice.values()].reduce((a, c) => a + c.visitors, 0);
  const total = visitorsOf(slices.get(ALL)!);
  const segments = [...slices.entries()]
    .filter(([segment, slice]) => segment === ALL || visitorsOf(slice) < total)
    .sort(([a, sa], [b, sb]) =>
      a === ALL ? -1 : b === ALL ? 1 : visitorsOf(sb) - visitorsOf(sa) || a.localeCompare(b),
    )
    .map(([segment, slice]) => ({ segment, rows: rowsOf(slice, variants, control) }));
  return {
    test: data.test,
    kind: data.kind,
    rule: data.rule,
    slot: data.slot,
    when: data.when,
    control,
    variants,
    segments,
    sampleRatio: sampleRatio(data, variants),
    conflicts: data.conflicts,
  };
}

function rowsOf(slice: Map<string, Cell>, variants: readonly string[], control: string): VariantRow[] {
  const c = slice.get(control) ?? EMPTY;
  return variants.map((variant) => {
    const t = slice.get(variant) ?? EMPTY;
    const isControl = variant === control;
    return {
      variant,
      isControl,
      visitors: t.visitors,
      converters: t.converters,
      orders: t.orders,
      revenue: round2(t.revenue),
      conversionRate: t.visitors ? t.converters / t.visitors : 0,
      revenuePerVisitor: t.visitors ? t.revenue / t.visitors : 0,
      averageOrderValue: t.orders ? t.revenue / t.orders : 0,
      topVisitorShare: t.revenue > 0 ? t.maxRevenue / t.revenue : 0,
      conversion: isControl ? null : compareRates(t.converters, t.visitors, c.converters, c.visitors),
      revenueUplift: isControl
        ? null
        : compareMeans(
            { n: t.visitors, sum: t.revenue, sumSq: t.revenueSq },
            { n: c.visitors, sum: c.revenue, sumSq: c.revenueSq },
          ),
      orderValueUplift: isControl
        ? null
        : compareMeans(
            { n: t.orders, sum: t.revenue, sumSq: t.orderSq },
            { n: c.orders, sum: c.revenue, sumSq: c.orderSq },
          ),
    };
  });
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Pearson's chi-square of visitors per variant against the weights. Each visitor's expected share is
 * taken from the weights they were exposed under, so a weight edited mid-test (without a version bump,
 * which keeps earlier visitors where they are) does not raise a false alarm.
 */
function sampleRatio(data: TestSummary, variants: readonly string[]): SampleRatio {
  const observed = variants.map(() => 0);
  const expected = variants.map(() => 0);
  const byWeights = new Map<string, Map<string, number>>();
  for (const split of data.splits) {
    const perVariant = byWeights.get(split.weights) ?? new Map<string, number>();
    perVariant.set(split.variant, (perVariant.get(split.variant) ?? 0) + split.visitors);
    byWeights.set(split.weights, perVariant);
  }
  let assumedEqual = 0;
  for (const [text, perVariant] of byWeights) {
    let weights = parseWeights(text);
    const visitors = [...perVariant.values()].reduce((a, b) => a + b, 0);
    if (weights.size === 0 && text === '') {
      weights = new Map(variants.map((v) => [v, 1]));
      assumedEqual += visitors;
    }
    const total = [...weights.values()].reduce((a, b) => a + b, 0);
    variants.forEach((variant, i) => {
      observed[i]! += perVariant.get(variant) ?? 0;
      if (total > 0) expected[i]! += (visitors * (weights.get(variant) ?? 0)) / total;
    });
  }
  const test = goodnessOfFit(observed, expected);
  // A visitor in a variant that has no weight is a mismatch however few there are.
  const impossible = observed.some((count, i) => count > 0 && expected[i] === 0);
  return { observed, expected, test, mismatch: impossible || test.pValue < SRM_ALPHA, assumedEqual };
}
