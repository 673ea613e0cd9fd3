/** The report as text for a terminal: one block per test, one table row per segment × variant. Pure. */
import type { Aggregate } from './aggregate.js';
import { SRM_ALPHA, type TestReport, type VariantRow } from './analyze.js';
import type { Comparison } from './stats.js';

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const plural = (n: number, noun: string) => `${count(n)} ${noun}${n === 1 ? '' : 's'}`;
const percent = (x: number, digits = 2) => `${(x * 100).toFixed(digits)}%`;
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}%`;
const money = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
export const pValue = (p: number | null) => (p === null ? '—' : p < 0.0001 ? '<0.0001' : p.toFixed(4));

function uplift(c: Comparison | null): string {
  if (!c || c.uplift === null) return c ? 'n/a' : '—';
  const interval = c.low === null || c.high === null ? '[n/a]' : `[${signed(c.low)}, ${signed(c.high)}]`;
  return `${signed(c.uplift)} ${interval}`;
}

/** Left-aligns the first `textColumns` columns, right-aligns the rest. */
export function table(rows: readonly (readonly string[])[], textColumns: number): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => row.map((cell, i) => (i < textColumns ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd());
}

const HEADER = ['segment', 'variant', 'visitors', 'converted', 'conv. rate', 'revenue', 'rev/visitor', 'conv. uplift [95% CI]', 'p', 'rev/visitor uplift [95% CI]', 'p'];

function row(segment: string, r: VariantRow): string[] {
  return [
    segment, r.isControl && r.variant !== 'control' ? `${r.variant} (control)` : r.variant, count(r.visitors), count(r.converters), percent(r.conversionRate),
    money(r.revenue), money(r.revenuePerVisitor), uplift(r.conversion), pValue(r.conversion?.pValue ?? null),
    uplift(r.revenueUplift), pValue(r.revenueUplift?.pValue ?? null),
  ];
}

function sampleRatioLines(report: TestReport): string[] {
  const { observed, expected, test, mismatch } = report.sampleRatio;
  // Expected counts are fractional: whole numbers only where the fraction no longer matters.
  const expectedCount = (n: number) => (n >= 100 ? count(n) : n.toFixed(1));
  const split = (values: readonly number[], format = count) => report.variants.map((v, i) => `${v} ${format(values[i]!)}`).join(' / ');
  const p = pValue(test.pValue);
  const figures = `chi-square ${test.statistic.toFixed(2)}, df ${test.df}, p ${p.startsWith('<') ? p.replace('<', '< ') : `= ${p}`}`;
  if (!mismatch) return [`Sample ratio OK: ${split(observed)}; the weights expect ${split(expected, expectedCount)} (${figures}).`];
  const bar = '!'.repeat(100);
  return [
    bar,
    `!!! SAMPLE RATIO MISMATCH in ${report.test} (${figures}; alarm below ${SRM_ALPHA})`,
    `!!! visitors: ${split(observed)}`,
    `!!! expected: ${split(expected, expectedCount)}`,
    '!!! Something other than chance decides who is counted: a variant that breaks the page or slows it, bots,',
    '!!! lost beacons, a slot missing in one variant. Do not trust the figures below until the cause is found.',
    bar,
  ];
}

export function formatReport(source: string, aggregate: Aggregate, reports: readonly TestReport[]): string {
  const { exposures, conversions, repeated, skipped } = aggregate.counts;
  const lines = [
    `p13n report: ${source}`,
    `${plural(exposures, 'exposure record')}, ${plural(conversions, 'conversion record')}${repeated ? ` (${count(repeated)} repeating a transaction id, counted once)` : ''}${skipped ? `, ${plural(skipped, 'line')} skipped (not a p13n record)` : ''}`,
  ];
  if (aggregate.currencies.size > 1) lines.push(`Warning: purchases in several currencies (${[...aggregate.currencies].sort().join(', ')}): revenue adds their values as given.`);
  if (reports.length === 0) lines.push('', 'No exposures: no A/B test to report.');
  for (const report of reports) {
    const where = [`slot ${report.slot || '?'}`, `segment ${report.when ?? '(everyone)'}`, `control '${report.control}'`].join(' · ');
    lines.push('', `== ${report.test} · ${where}`, ...sampleRatioLines(report));
    if (report.conflicts > 0) lines.push(`Warning: ${count(report.conflicts)} exposures put a visitor in another variant than their first; they count in their first.`);
    const rows: string[][] = [HEADER];
    for (const { segment, rows: variants } of report.segments) variants.forEach((r, i) => rows.push(row(i === 0 ? segment : '', r)));
    lines.push('', ...table(rows, 2));
  }
  if (reports.length) {
    lines.push(
      '',
      'converted: visitors who bought after first seeing the variant. Uplifts are relative to the control, with',
      '95% intervals; p is two-sided (conversion: two-proportion z-test; revenue: Welch, large samples). Segment rows',
      'slice the test by the segments a visitor was in at first exposure: read them as hints, not verdicts.',
    );
  }
  return `${lines.join('\n')}\n`;
}
