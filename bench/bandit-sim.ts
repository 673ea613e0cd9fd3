/**
 * Simulated tests with a known truth, run through the report's own code (analyze, and for the bandit
 * allocate): one test, two variants, a variant that converts 10% better than the control every day
 * while the store's conversion rate drifts (a promotion that fades: the daily rate falls from `start`
 * to `end`). Per day, visitors are split by the weights of that day and buy by the true rates; the
 * report sees one period of weights per set of weights, as it would from the beacon records.
 * - `fixedSchedule`: the weights change mid-test on a schedule (50/50, then 20/80, then 10/90);
 * - `bandit`: `p13n report --allocate` runs every night and sets the next day's weights.
 * Each run ends with the report's estimate of the uplift (conversion and revenue per visitor) and its
 * 95% interval; over many runs: the bias, the share of intervals that hold the truth, and for
 * comparison the naive estimate that pools the periods. Used by test/unit/tools/report/periods.test.ts
 * (few runs) and bench/bandit.mjs (the figures in bench/RESULTS.md).
 */
import { allocate } from '../src/tools/report/allocate.js';
import { analyze, type TestReport } from '../src/tools/report/analyze.js';
import { ALL, type Cell, type Summary } from '../src/tools/report/summary.js';
import { seededRandom } from '../src/tools/report/thompson.js';

export const TRUE_UPLIFT = 0.1;
const ORDER_MEAN = 80;

export interface Scenario {
  readonly days: number;
  readonly visitorsPerDay: number;
  /** The control's conversion rate on the first and the last day (linear in between). */
  readonly start: number;
  readonly end: number;
}

export const DEFAULT_SCENARIO: Scenario = { days: 28, visitorsPerDay: 1000, start: 0.06, end: 0.02 };

interface Tally {
  visitors: number;
  converters: number;
  revenue: number;
  revenueSq: number;
}
const empty = (): Tally => ({ visitors: 0, converters: 0, revenue: 0, revenueSq: 0 });

/** One day: `n` visitors into the variants by `share` (of the treatment), each buying by its true rate. */
function day(
  random: () => number,
  n: number,
  share: number,
  rate: number,
  into: { control: Tally; treat: Tally },
): void {
  for (let i = 0; i < n; i++) {
    const treat = random() < share;
    const tally = treat ? into.treat : into.control;
    tally.visitors++;
    if (random() < rate * (treat ? 1 + TRUE_UPLIFT : 1)) {
      // Order values: exponential with the same mean in both variants, so revenue per visitor rises by 10% too.
      const value = -ORDER_MEAN * Math.log(1 - random());
      tally.converters++;
      tally.revenue += value;
      tally.revenueSq += value * value;
    }
  }
}

const weightsText = (treatWeight: number) => JSON.stringify({ control: 100 - treatWeight, treat: treatWeight });

function summaryOf(periods: Map<string, { control: Tally; treat: Tally }>, latest: string, days: number): Summary {
  const cells: Cell[] = [];
  for (const [period, tallies] of periods)
    for (const variant of ['control', 'treat'] as const) {
      const t = tallies[variant];
      cells.push({
        period,
        segment: ALL,
        variant,
        visitors: t.visitors,
        converters: t.converters,
        orders: t.converters,
        revenue: t.revenue,
        revenueSq: t.revenueSq,
        orderSq: t.revenueSq,
        maxRevenue: 0,
      });
    }
  const splits = cells.map((c) => ({ weights: c.period, variant: c.variant, visitors: c.visitors }));
  return {
    tests: [
      {
        test: 'sim@1',
        kind: 'ab',
        rule: 'sim',
        slot: 'hero',
        when: null,
        control: 'control',
        weights: latest,
        cells,
        splits,
        conflicts: 0,
        firstTs: 1,
        lastTs: 1 + days * 86_400_000,
      },
    ],
    counts: { exposures: 0, conversions: 0, repeated: 0, dropped: 0 },
    skipped: {},
    unknownTests: {},
    currencies: [],
  };
}

export interface RunResult {
  readonly conversion: { readonly estimate: number; readonly low: number; readonly high: number };
  readonly revenue: { readonly estimate: number; readonly low: number; readonly high: number };
  /** The uplift from the counts pooled over every period, as if the weights had never changed. */
  readonly naive: number;
  /** The report's conversion rates, variant minus control (each combined over the periods). */
  readonly difference: number;
  /** Per day, the treatment's (the better variant's) share of the day's visitors. */
  readonly shares: readonly number[];
  readonly periods: number;
}

function resultOf(report: TestReport, pooled: { control: Tally; treat: Tally }, shares: number[]): RunResult {
  const treat = report.segments[0]!.rows.find((r) => r.variant === 'treat')!;
  const control = report.segments[0]!.rows.find((r) => r.variant === 'control')!;
  const bounds = (c: typeof treat.conversion) => ({
    estimate: c?.uplift ?? Number.NaN,
    low: c?.low ?? Number.NaN,
    high: c?.high ?? Number.NaN,
  });
  const rate = (t: Tally) => t.converters / t.visitors;
  return {
    conversion: bounds(treat.conversion),
    revenue: bounds(treat.revenueUplift),
    naive: rate(pooled.treat) / rate(pooled.control) - 1,
    difference: treat.conversionRate - control.conversionRate,
    shares,
    periods: report.periods,
  };
}

/** `schedule(day)`: the treatment's weight (of 100) that day, or `'bandit'`: --allocate every night. */
export function simulateRun(
  seed: number,
  scenario: Scenario,
  schedule: ((day: number) => number) | 'bandit',
): RunResult {
  const random = seededRandom(seed);
  const periods = new Map<string, { control: Tally; treat: Tally }>();
  const pooled = { control: empty(), treat: empty() };
  const shares: number[] = [];
  let config = {
    segments: {},
    slots: {
      hero: {
        rules: [
          {
            id: 'sim',
            variants: [
              { id: 'control', weight: 50, content: null },
              { id: 'treat', weight: 50, content: { type: 'hide' } },
            ],
          },
        ],
      },
    },
  };
  let treatWeight = 50;
  for (let d = 0; d < scenario.days; d++) {
    if (schedule !== 'bandit') treatWeight = schedule(d);
    else if (d > 0) {
      const reports = analyze(summaryOf(periods, weightsText(treatWeight), d), { segments: false });
      const next = allocate(config, reports, { metric: 'conversion', floor: 0.1, now: 0, draws: 2000 });
      config = next.config as typeof config;
      const [control, treat] = config.slots.hero.rules[0]!.variants;
      treatWeight = (100 * treat!.weight) / (control!.weight + treat!.weight);
    }
    const key = weightsText(treatWeight);
    const tallies = periods.get(key) ?? { control: empty(), treat: empty() };
    periods.set(key, tallies);
    const before = tallies.treat.visitors + tallies.control.visitors;
    const treatBefore = tallies.treat.visitors;
    const rate = scenario.start + ((scenario.end - scenario.start) * d) / Math.max(1, scenario.days - 1);
    day(random, scenario.visitorsPerDay, treatWeight / 100, rate, tallies);
    shares.push((tallies.treat.visitors - treatBefore) / (tallies.treat.visitors + tallies.control.visitors - before));
  }
  for (const t of periods.values())
    for (const variant of ['control', 'treat'] as const) {
      pooled[variant].visitors += t[variant].visitors;
      pooled[variant].converters += t[variant].converters;
    }
  const report = analyze(summaryOf(periods, weightsText(treatWeight), scenario.days), { segments: false })[0]!;
  return resultOf(report, pooled, shares);
}

export interface Figures {
  readonly runs: number;
  /**
   * Mean estimate − truth: the relative uplifts (the report's, and the naive pooled one), and the
   * difference of the combined conversion rates, whose truth is 10% of the mean daily rate.
   */
  readonly bias: {
    readonly conversion: number;
    readonly revenue: number;
    readonly naive: number;
    readonly difference: number;
  };
  /** Monte Carlo standard errors of those means (the noise of the simulation itself). */
  readonly error: { readonly conversion: number; readonly revenue: number; readonly difference: number };
  /** Share of runs whose 95% interval holds the true +10%. */
  readonly coverage: { readonly conversion: number; readonly revenue: number };
  /** Per day, the mean share of visitors on the better variant. */
  readonly shareByDay: readonly number[];
  readonly meanPeriods: number;
}

export function simulate(
  runs: number,
  scenario: Scenario,
  schedule: ((day: number) => number) | 'bandit',
  seed = 1,
): Figures {
  const results = Array.from({ length: runs }, (_, i) => simulateRun(seed * 100_003 + i, scenario, schedule));
  const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const standardError = (values: readonly number[]) => {
    const m = mean(values);
    return Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1) / values.length);
  };
  const trueDifference = TRUE_UPLIFT * ((scenario.start + scenario.end) / 2);
  const covered = (r: { low: number; high: number }) => r.low <= TRUE_UPLIFT && TRUE_UPLIFT <= r.high;
  return {
    runs,
    bias: {
      conversion: mean(results.map((r) => r.conversion.estimate)) - TRUE_UPLIFT,
      revenue: mean(results.map((r) => r.revenue.estimate)) - TRUE_UPLIFT,
      naive: mean(results.map((r) => r.naive)) - TRUE_UPLIFT,
      difference: mean(results.map((r) => r.difference)) - trueDifference,
    },
    error: {
      conversion: standardError(results.map((r) => r.conversion.estimate)),
      revenue: standardError(results.map((r) => r.revenue.estimate)),
      difference: standardError(results.map((r) => r.difference)),
    },
    coverage: {
      conversion: results.filter((r) => covered(r.conversion)).length / runs,
      revenue: results.filter((r) => covered(r.revenue)).length / runs,
    },
    shareByDay: Array.from({ length: scenario.days }, (_, d) => mean(results.map((r) => r.shares[d]!))),
    meanPeriods: mean(results.map((r) => r.periods)),
  };
}

/** 50/50, then 20/80 from the second third, then 10/90 from the last third. */
export const midTestChanges = (days: number) => (d: number) => (d < days / 3 ? 50 : d < (2 * days) / 3 ? 80 : 90);
