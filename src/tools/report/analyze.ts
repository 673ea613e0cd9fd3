/**
 * Per test × segment × variant figures from the aggregated summary, each variant compared with the
 * control period by period (strata.ts), the sample-ratio check against each period's own weights
 * (srm.ts), and whether the test is big enough to tell (power.ts). Pure.
 */
import { powerOf, type ArmPeriods, type Power } from './power.js';
import { sampleRatio, type SampleRatio } from './srm.js';
import { sampleVariance, type Comparison } from './stats.js';
import { combinedMean, compareMeansByPeriod, compareRatesByPeriod, type Stratum } from './strata.js';
import { ALL, variantsOf, type Cell, type Summary, type TestSummary } from './summary.js';

export { ALL } from './summary.js';
export { SRM_ALPHA, type SampleRatio } from './srm.js';

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
  /** Rates and means combined over the periods of weights (as counted when there was one). */
  readonly conversionRate: number;
  readonly revenuePerVisitor: number;
  readonly averageOrderValue: number;
  /** The variances of `conversionRate` and `revenuePerVisitor` as estimates (strata.ts): what the allocation samples from. */
  readonly rateVariance: number;
  readonly revenueVariance: number;
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

/** A test's identity as the aggregation summed it (summary.ts), with its analysed rows. */
export interface TestReport
  extends Pick<TestSummary, 'test' | 'kind' | 'rule' | 'slot' | 'when' | 'control' | 'firstTs' | 'lastTs'> {
  readonly variants: readonly string[];
  readonly segments: readonly SegmentRows[];
  readonly sampleRatio: SampleRatio;
  readonly conflicts: number;
  /** Periods of weights the figures combine (1: the weights never changed). */
  readonly periods: number;
  /** Of the whole test (the `(all)` rows). */
  readonly power: Power;
}

type Slice = Map<string, Map<string, Cell>>; // period → variant → cell

export function analyze(summary: Summary, options: { segments?: boolean } = {}): TestReport[] {
  return [...summary.tests]
    .sort((a, b) => a.test.localeCompare(b.test))
    .map((t) => analyzeTest(t, options.segments ?? true));
}

function analyzeTest(data: TestSummary, bySegment: boolean): TestReport {
  const variants = variantsOf(data);
  const control = variants.includes(data.control) ? data.control : variants[0]!;
  const slices = new Map<string, Slice>();
  for (const cell of data.cells) {
    // The test's own segment holds every visitor of the test: it says nothing the whole test does not.
    if (cell.segment !== ALL && (!bySegment || cell.segment === data.when)) continue;
    const slice = slices.get(cell.segment) ?? new Map<string, Map<string, Cell>>();
    const period = slice.get(cell.period) ?? new Map<string, Cell>();
    period.set(cell.variant, cell);
    slice.set(cell.period, period);
    slices.set(cell.segment, slice);
  }
  if (!slices.has(ALL)) slices.set(ALL, new Map());
  const total = visitorsOf(slices.get(ALL)!);
  const segments = [...slices.entries()]
    .filter(([segment, slice]) => segment === ALL || visitorsOf(slice) < total)
    .sort(([a, sa], [b, sb]) =>
      a === ALL ? -1 : b === ALL ? 1 : visitorsOf(sb) - visitorsOf(sa) || a.localeCompare(b),
    )
    .map(([segment, slice]) => ({ segment, rows: rowsOf(slice, variants, control) }));
  const all = slices.get(ALL)!;
  const allRows = segments[0]!.rows;
  const arm = (variant: string): ArmPeriods => ({
    periods: [...all.values()].map((period) => ({
      n: period.get(variant)?.visitors ?? 0,
      weight: periodVisitors(period),
    })),
    visitors: allRows.find((r) => r.variant === variant)?.visitors ?? 0,
  });
  const buyers = allRows.reduce((sum, r) => sum + r.converters, 0);
  const power = powerOf(
    arm(control),
    variants.filter((v) => v !== control).map(arm),
    {
      control: allRows.find((r) => r.isControl)?.conversionRate ?? 0,
      all: total > 0 ? buyers / total : 0,
    },
    data,
  );
  return {
    test: data.test,
    kind: data.kind,
    rule: data.rule,
    slot: data.slot,
    when: data.when,
    control,
    firstTs: data.firstTs,
    lastTs: data.lastTs,
    variants,
    segments,
    sampleRatio: sampleRatio(data, variants),
    conflicts: data.conflicts,
    periods: Math.max(1, all.size),
    power,
  };
}

/** Σ w_k² · spread_k / n_k over the periods a variant was seen in, shares renormalised over them. */
function combinedVariance(
  periods: readonly { cells: Map<string, Cell>; weight: number }[],
  variant: string,
  spread: (cell: Cell) => number,
): number {
  const seen = periods.filter((p) => (p.cells.get(variant)?.visitors ?? 0) > 0 && p.weight > 0);
  const total = seen.reduce((sum, p) => sum + p.weight, 0);
  return seen.reduce((sum, p) => {
    const cell = p.cells.get(variant)!;
    return sum + ((p.weight / total) ** 2 * spread(cell)) / cell.visitors;
  }, 0);
}

const periodVisitors = (period: Map<string, Cell>) => [...period.values()].reduce((a, c) => a + c.visitors, 0);
const visitorsOf = (slice: Slice) => [...slice.values()].reduce((a, period) => a + periodVisitors(period), 0);

function rowsOf(slice: Slice, variants: readonly string[], control: string): VariantRow[] {
  const periods = [...slice.values()].map((cells) => ({ cells, weight: periodVisitors(cells) }));
  const sum = (variant: string, field: 'visitors' | 'converters' | 'orders' | 'revenue') =>
    periods.reduce((a, p) => a + (p.cells.get(variant)?.[field] ?? 0), 0);
  const combined = (variant: string, value: (cell: Cell) => number, n: (cell: Cell) => number) =>
    combinedMean(
      periods.flatMap(({ cells, weight }) => {
        const cell = cells.get(variant);
        return cell && n(cell) > 0 ? [{ value: value(cell), n: n(cell), weight }] : [];
      }),
    );
  const strata = <T>(variant: string, side: (cell: Cell | undefined) => T): Stratum<T>[] =>
    periods.map(({ cells, weight }) => ({ t: side(cells.get(variant)), c: side(cells.get(control)), weight }));
  return variants.map((variant) => {
    const isControl = variant === control;
    const revenue = sum(variant, 'revenue');
    const maxRevenue = Math.max(0, ...periods.map((p) => p.cells.get(variant)?.maxRevenue ?? 0));
    return {
      variant,
      isControl,
      visitors: sum(variant, 'visitors'),
      converters: sum(variant, 'converters'),
      orders: sum(variant, 'orders'),
      revenue: Math.round(revenue * 100) / 100,
      conversionRate: combined(
        variant,
        (c) => c.converters / c.visitors,
        (c) => c.visitors,
      ),
      revenuePerVisitor: combined(
        variant,
        (c) => c.revenue / c.visitors,
        (c) => c.visitors,
      ),
      averageOrderValue: combined(
        variant,
        (c) => c.revenue / c.orders,
        (c) => c.orders,
      ),
      rateVariance: combinedVariance(periods, variant, (c) => {
        const p = c.converters / c.visitors;
        return p * (1 - p);
      }),
      revenueVariance: combinedVariance(periods, variant, (c) =>
        sampleVariance({ n: c.visitors, sum: c.revenue, sumSq: c.revenueSq }),
      ),
      topVisitorShare: revenue > 0 ? maxRevenue / revenue : 0,
      conversion: isControl
        ? null
        : compareRatesByPeriod(strata(variant, (c) => ({ x: c?.converters ?? 0, n: c?.visitors ?? 0 }))),
      revenueUplift: isControl
        ? null
        : compareMeansByPeriod(
            strata(variant, (c) => ({ n: c?.visitors ?? 0, sum: c?.revenue ?? 0, sumSq: c?.revenueSq ?? 0 })),
          ),
      orderValueUplift: isControl
        ? null
        : compareMeansByPeriod(
            strata(variant, (c) => ({ n: c?.orders ?? 0, sum: c?.revenue ?? 0, sumSq: c?.orderSq ?? 0 })),
          ),
    };
  });
}
