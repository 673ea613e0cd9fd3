/**
 * `p13n report … --json`: the report as data (REPORT.json), for scripts, for a scheduled job's
 * records, and for `p13n validate --traffic REPORT.json`, which reads each segment's visitors per day
 * from it. The shape is documented in docs/report.md; `p13n_report` is its version. Names are escaped
 * as JSON escapes them, and the C1 and bidirectional controls JSON leaves raw are written as \u
 * escapes too, so the text is safe in a terminal. Pure.
 */
import type { TestReport, VariantRow } from './analyze.js';
import type { Allocation } from './allocate.js';
import type { Comparison } from './stats.js';
import type { Summary } from './summary.js';
import { verdict } from './verdict.js';

export const REPORT_JSON_VERSION = 1;
const DAY_MS = 86_400_000;

const finite = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? null : x);
const iso = (ts: number) => (ts > 0 ? new Date(ts).toISOString() : null);

const comparison = (c: Comparison | null) =>
  c && {
    uplift: finite(c.uplift),
    low: finite(c.low),
    high: c.high === Infinity ? null : finite(c.high),
    unbounded: c.unbounded === true,
    p: finite(c.pValue),
  };

const variantJson = (r: VariantRow) => ({
  variant: r.variant,
  control: r.isControl,
  visitors: r.visitors,
  converted: r.converters,
  orders: r.orders,
  revenue: r.revenue,
  conversion_rate: r.conversionRate,
  revenue_per_visitor: r.revenuePerVisitor,
  average_order_value: r.averageOrderValue,
  conversion_uplift: comparison(r.conversion),
  revenue_uplift: comparison(r.revenueUplift),
  order_value_uplift: comparison(r.orderValueUplift),
});

function testJson(report: TestReport) {
  const { sampleRatio: srm, power } = report;
  const byVariant = (values: readonly number[]) => Object.fromEntries(report.variants.map((v, i) => [v, values[i]]));
  return {
    test: report.test,
    kind: report.kind,
    rule: report.rule,
    slot: report.slot,
    when: report.when,
    control: report.control,
    variants: report.variants,
    first_exposure: iso(report.firstTs),
    last_exposure: iso(report.lastTs),
    /** From the first to the latest first exposure, in days (0 when not known). */
    days: report.firstTs > 0 && report.lastTs >= report.firstTs ? (report.lastTs - report.firstTs) / DAY_MS : 0,
    periods: report.periods,
    sample_ratio: {
      status: srm.status,
      chi_square: srm.test.statistic,
      df: srm.test.df,
      p: srm.status === 'cannot run' ? null : srm.test.pValue,
      observed: byVariant(srm.observed),
      expected: byVariant(srm.expected),
    },
    segments: report.segments.map(({ segment, rows }) => ({
      segment,
      visitors: rows.reduce((sum, r) => sum + r.visitors, 0),
      variants: rows.map(variantJson),
    })),
    size: {
      base_rate: power.baseRate,
      minimum_detectable_effect: finite(power.mde),
      visitors_needed_per_variant: power.neededPerVariant,
      more_visitors_per_variant: power.morePerVariant,
      days_more: power.daysMore,
      too_little_data: power.tooLittle,
    },
    verdict: verdict(report),
  };
}

export function reportJson(
  source: string,
  summary: Summary,
  reports: readonly TestReport[],
  allocation?: readonly Allocation[],
): string {
  const data = {
    p13n_report: REPORT_JSON_VERSION,
    source,
    counts: summary.counts,
    skipped: summary.skipped,
    unknown_tests: summary.unknownTests,
    currencies: summary.currencies,
    tests: reports.map(testJson),
    ...(allocation ? { allocation } : {}),
  };
  return `${JSON.stringify(data, null, 2).replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
