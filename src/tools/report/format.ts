/** The report as text for a terminal: one block per test, one table row per segment × variant. Pure. */
import { HEAVY_TAIL_BUYERS, HEAVY_TAIL_SHARE, SRM_ALPHA, type TestReport, type VariantRow } from './analyze.js';
import type { Comparison } from './stats.js';
import type { Summary } from './summary.js';

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const plural = (n: number, noun: string) => `${count(n)} ${noun}${n === 1 ? '' : 's'}`;
const percent = (x: number, digits = 2) => `${(x * 100).toFixed(digits)}%`;
const signed = (x: number) => (x === Infinity ? '+∞' : `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}%`);
const money = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const pValue = (p: number | null) => (p === null ? '—' : p < 0.0001 ? '<0.0001' : p.toFixed(4));

function uplift(c: Comparison | null): string {
  if (!c) return '—';
  const interval = c.unbounded
    ? '[unbounded]'
    : c.low === null || c.high === null
      ? '[n/a]'
      : `[${signed(c.low)}, ${signed(c.high)}]`;
  return c.uplift === null ? `n/a ${interval}` : `${signed(c.uplift)} ${interval}`;
}

/** Left-aligns the first `textColumns` columns, right-aligns the rest. */
export function table(rows: readonly (readonly string[])[], textColumns: number): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i < textColumns ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

const HEADER = [
  'segment',
  'variant',
  'visitors',
  'converted',
  'conv. rate',
  'revenue',
  'rev/visitor',
  'conv. uplift [95% CI]',
  'p',
  'rev/visitor uplift [95% CI]',
  'p',
];
const HOLDOUT_HEADER = [
  'segment',
  'group',
  'visitors',
  'converted',
  'conv. rate',
  'revenue',
  'rev/visitor',
  'avg order',
  'conv. uplift [95% CI]',
  'p',
  'rev/visitor uplift [95% CI]',
  'p',
  'avg order uplift [95% CI]',
  'p',
];

function row(segment: string, r: VariantRow): string[] {
  return [
    segment,
    r.isControl && r.variant !== 'control' ? `${r.variant} (control)` : r.variant,
    count(r.visitors),
    count(r.converters),
    percent(r.conversionRate),
    money(r.revenue),
    money(r.revenuePerVisitor),
    uplift(r.conversion),
    pValue(r.conversion?.pValue ?? null),
    uplift(r.revenueUplift),
    pValue(r.revenueUplift?.pValue ?? null),
  ];
}

function holdoutRow(segment: string, r: VariantRow): string[] {
  return [
    segment,
    r.variant,
    count(r.visitors),
    count(r.converters),
    percent(r.conversionRate),
    money(r.revenue),
    money(r.revenuePerVisitor),
    money(r.averageOrderValue),
    uplift(r.conversion),
    pValue(r.conversion?.pValue ?? null),
    uplift(r.revenueUplift),
    pValue(r.revenueUplift?.pValue ?? null),
    uplift(r.orderValueUplift),
    pValue(r.orderValueUplift?.pValue ?? null),
  ];
}

function sampleRatioLines(report: TestReport): string[] {
  const { observed, expected, test, mismatch, assumedEqual } = report.sampleRatio;
  // Expected counts are fractional: whole numbers only where the fraction no longer matters.
  const expectedCount = (n: number) => (n >= 100 ? count(n) : n.toFixed(1));
  const split = (values: readonly number[], format = count) =>
    report.variants.map((v, i) => `${v} ${format(values[i]!)}`).join(' / ');
  const p = pValue(test.pValue);
  const figures = `chi-square ${test.statistic.toFixed(2)}, df ${test.df}, p ${p.startsWith('<') ? p.replace('<', '< ') : `= ${p}`}`;
  const assumed = assumedEqual
    ? [
        `Note: ${plural(assumedEqual, 'visitor')} came without weights (no p13n_weights in GA4): equal weights assumed for them.`,
      ]
    : [];
  if (!mismatch)
    return [
      `Sample ratio OK: ${split(observed)}; the weights expect ${split(expected, expectedCount)} (${figures}).`,
      ...assumed,
    ];
  const bar = '!'.repeat(100);
  return [
    bar,
    `!!! SAMPLE RATIO MISMATCH in ${report.test} (${figures}; alarm below ${SRM_ALPHA})`,
    `!!! visitors: ${split(observed)}`,
    `!!! expected: ${split(expected, expectedCount)}`,
    '!!! Something other than chance decides who is counted: a variant that breaks the page or slows it, bots,',
    '!!! lost beacons, a slot missing in one variant. Do not trust the figures below until the cause is found.',
    bar,
    ...assumed,
  ];
}

function heavyTailLines(report: TestReport): string[] {
  const all = report.segments[0]?.rows ?? [];
  return all
    .filter((r) => r.topVisitorShare > HEAVY_TAIL_SHARE && r.converters >= HEAVY_TAIL_BUYERS)
    .map(
      (r) =>
        `Warning: one visitor is ${percent(r.topVisitorShare, 0)} of '${r.variant}' revenue (${money(r.topVisitorShare * r.revenue)} of ${money(r.revenue)}): its revenue figures rest on that visitor.`,
    );
}

function header(source: string, summary: Summary): string[] {
  const { exposures, conversions, repeated } = summary.counts;
  const skipped = Object.entries(summary.skipped)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  const skippedTotal = skipped.reduce((a, [, n]) => a + n, 0);
  const lines = [
    `p13n report: ${source}`,
    `${plural(exposures, 'exposure record')}, ${plural(conversions, 'conversion record')}${repeated ? ` (${count(repeated)} repeating a transaction id, counted once)` : ''}${skippedTotal ? `, ${plural(skippedTotal, 'line')} skipped: ${skipped.map(([reason, n]) => `${count(n)} ${reason}`).join(', ')}` : ''}`,
  ];
  const unknown = Object.entries(summary.unknownTests).sort(([a], [b]) => a.localeCompare(b));
  if (unknown.length) {
    const total = unknown.reduce((a, [, n]) => a + n, 0);
    lines.push(
      `Warning: ${plural(total, 'conversion')} name${total === 1 ? 's' : ''} a test with no exposures, not counted: ${unknown.map(([test, n]) => `${test} (${count(n)})`).join(', ')}.`,
    );
  }
  if (summary.currencies.length > 1)
    lines.push(
      `Warning: purchases in several currencies (${summary.currencies.join(', ')}): revenue adds their values as given.`,
    );
  return lines;
}

export function formatReport(source: string, summary: Summary, reports: readonly TestReport[]): string {
  const lines = header(source, summary);
  const tests = reports.filter((r) => r.kind === 'ab');
  const holdouts = reports.filter((r) => r.kind === 'holdout');
  if (reports.length === 0) lines.push('', 'No exposures: no A/B test to report.');
  for (const report of holdouts) {
    lines.push(
      '',
      `== Personalization holdout ${report.test} · personalized rules vs held-out visitors (defaults) · control '${report.control}'`,
      ...sampleRatioLines(report),
      ...heavyTailLines(report),
    );
    if (report.conflicts > 0)
      lines.push(
        `Warning: ${count(report.conflicts)} exposures put a visitor in the other group than their first; they count in their first.`,
      );
    const rows: string[][] = [HOLDOUT_HEADER];
    for (const { segment, rows: groups } of report.segments)
      groups.forEach((r, i) => rows.push(holdoutRow(i === 0 ? segment : '', r)));
    lines.push(
      '',
      ...table(rows, 2),
      '',
      'Did personalization pay: visitors a personalized rule applied to, against the holdout, who saw the defaults.',
    );
  }
  for (const report of tests) {
    const where = [
      `slot ${report.slot || '?'}`,
      `segment ${report.when ?? '(everyone)'}`,
      `control '${report.control}'`,
    ].join(' · ');
    lines.push('', `== ${report.test} · ${where}`, ...sampleRatioLines(report), ...heavyTailLines(report));
    if (report.conflicts > 0)
      lines.push(
        `Warning: ${count(report.conflicts)} exposures put a visitor in another variant than their first; they count in their first.`,
      );
    const rows: string[][] = [HEADER];
    for (const { segment, rows: variants } of report.segments)
      variants.forEach((r, i) => rows.push(row(i === 0 ? segment : '', r)));
    lines.push('', ...table(rows, 2));
  }
  if (reports.length) {
    lines.push(
      '',
      'converted: visitors who bought after first seeing the variant. Uplifts are relative to the control, with',
      '95% intervals; each p is two-sided and from the same test as its interval (conversion: Katz log ratio;',
      "revenue and order value: Welch t, Fieller interval, [unbounded] when the control's mean is too uncertain).",
      'Segment rows slice the test by the segments a visitor was in at first exposure: read them as hints, not verdicts.',
    );
  }
  return `${lines.join('\n')}\n`;
}
