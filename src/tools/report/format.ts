/**
 * The report as text for a terminal, 100 columns wide: a header, then one block per test, each made
 * of the parts listed in `AB_PARTS` / `HOLDOUT_PARTS` (add a part there to add a section to every
 * block), ending with its verdict. Every name from the data goes through `safe()` (text.ts). Pure.
 */
import { HEAVY_TAIL_BUYERS, HEAVY_TAIL_SHARE, SRM_ALPHA, type TestReport, type VariantRow } from './analyze.js';
import type { Comparison } from './stats.js';
import { parseWeights, type Summary } from './summary.js';
import { safe, table, wrap } from './text.js';
import { count, sizeSentence, verdict } from './verdict.js';

/** One section of a test's block: its lines (none to leave it out). */
export type BlockPart = (report: TestReport) => string[];

const plural = (n: number, noun: string) => `${count(n)} ${noun}${n === 1 ? '' : 's'}`;
const percent = (x: number, digits = 2) => `${(x * 100).toFixed(digits)}%`;
const signed = (x: number) => {
  if (x === Infinity) return '+∞';
  const pct = Math.abs(x * 100);
  // Past +1,000% a decimal says nothing, and the interval column stays narrow.
  const text = pct >= 1000 ? Math.round(pct).toLocaleString('en-US') : pct.toFixed(1);
  return `${x >= 0 ? '+' : '−'}${text}%`;
};
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

const variantName = (r: VariantRow) =>
  r.isControl && r.variant !== 'control' && r.variant !== 'holdout' ? `${safe(r.variant)} (control)` : safe(r.variant);

/** One table per measure: the segment and variant, the measure's own columns, its uplift and p. */
function measureTable(
  report: TestReport,
  title: string,
  head: readonly string[],
  cells: (r: VariantRow) => string[],
  comparison: (r: VariantRow) => Comparison | null,
): string[] {
  const rows: string[][] = [
    ['segment', report.kind === 'holdout' ? 'group' : 'variant', ...head, 'uplift [95% interval]', 'p'],
  ];
  for (const { segment, rows: variants } of report.segments)
    variants.forEach((r, i) =>
      rows.push([
        i === 0 ? safe(segment) : '',
        variantName(r),
        ...cells(r),
        uplift(comparison(r)),
        pValue(comparison(r)?.pValue ?? null),
      ]),
    );
  return ['', title, ...table(rows, 2)];
}

const conversionTable: BlockPart = (report) =>
  measureTable(
    report,
    'Conversion',
    ['visitors', 'converted', 'conv. rate'],
    (r) => [count(r.visitors), count(r.converters), percent(r.conversionRate)],
    (r) => r.conversion,
  );

const revenueTable: BlockPart = (report) =>
  measureTable(
    report,
    'Revenue per visitor',
    ['revenue', 'rev/visitor'],
    (r) => [money(r.revenue), money(r.revenuePerVisitor)],
    (r) => r.revenueUplift,
  );

const orderValueTable: BlockPart = (report) =>
  measureTable(
    report,
    'Average order value',
    ['orders', 'avg order'],
    (r) => [count(r.orders), money(r.averageOrderValue)],
    (r) => r.orderValueUplift,
  );

/** `control 50 / welcome 50` for a period's weights as recorded. */
const weightsText = (text: string) =>
  text === ''
    ? 'no weights recorded'
    : [...parseWeights(text)].map(([id, w]) => `${safe(id, 20)} ${w}`).join(' / ') || 'empty weights';

const sampleRatioPart: BlockPart = (report) => {
  const { observed, expected, test, mismatch, assumedEqual, unchecked, status, periods } = report.sampleRatio;
  // Expected counts are fractional: whole numbers only where the fraction no longer matters.
  const expectedCount = (n: number) => (n >= 100 ? count(n) : n.toFixed(1));
  const split = (values: readonly number[], format = count) =>
    report.variants.map((v, i) => `${safe(v, 20)} ${format(values[i]!)}`).join(' / ');
  const p = pValue(test.pValue);
  const figures = `chi-square ${test.statistic.toFixed(2)}, df ${test.df}, p ${p.startsWith('<') ? p.replace('<', '< ') : `= ${p}`}`;
  const notes = [
    ...(assumedEqual
      ? wrap(
          `Note: ${plural(assumedEqual, 'visitor')} came without weights (no p13n_weights in GA4): equal weights assumed for them.`,
        )
      : []),
    ...(unchecked && status !== 'cannot run'
      ? wrap(`Note: ${plural(unchecked, 'visitor')} came with empty or unreadable weights: left out of this check.`)
      : []),
  ];
  if (status === 'cannot run')
    return wrap(
      `Sample ratio: cannot be checked: no exposure of the test's ${plural(unchecked, 'visitor')} carries usable weights (they are empty or unreadable), so nothing says what split to expect.`,
    );
  const each = periods.length > 1 ? ` in each of ${periods.length} periods of weights` : '';
  if (!mismatch)
    return [
      ...wrap(
        `Sample ratio OK${each}: ${split(observed)}; the weights expect ${split(expected, expectedCount)} (${figures}).`,
      ),
      ...notes,
    ];
  const bar = '!'.repeat(100);
  const worst = [...periods].sort((a, b) => a.test.pValue - b.test.pValue).slice(0, periods.length > 1 ? 5 : 0);
  return [
    bar,
    ...wrap(`!!! SAMPLE RATIO MISMATCH in ${safe(report.test)} (${figures}; alarm below ${SRM_ALPHA})`, '!!! '),
    ...wrap(`!!! visitors: ${split(observed)}`, '!!! '),
    ...wrap(`!!! expected: ${split(expected, expectedCount)}`, '!!! '),
    ...worst.flatMap((period) =>
      wrap(
        `!!! under ${weightsText(period.weights)}: ${period.observed.map(count).join(' / ')}, expected ${period.expected.map(expectedCount).join(' / ')} (p = ${pValue(period.test.pValue)})`,
        '!!! ',
      ),
    ),
    ...wrap(
      '!!! Something other than chance decides who is counted: a variant that breaks the page or slows it, bots, lost beacons, a slot missing in one variant. Do not trust the figures below until the cause is found.',
      '!!! ',
    ),
    bar,
    ...notes,
  ];
};

const warningsPart: BlockPart = (report) => {
  const all = report.segments[0]?.rows ?? [];
  const group = report.kind === 'holdout' ? 'group' : 'variant';
  return [
    ...all
      .filter((r) => r.topVisitorShare > HEAVY_TAIL_SHARE && r.converters >= HEAVY_TAIL_BUYERS)
      .flatMap((r) =>
        wrap(
          `Warning: one visitor is ${percent(r.topVisitorShare, 0)} of '${safe(r.variant)}' revenue (${money(r.topVisitorShare * r.revenue)} of ${money(r.revenue)}): its revenue figures rest on that visitor.`,
        ),
      ),
    ...(report.conflicts > 0
      ? wrap(
          `Warning: ${count(report.conflicts)} exposures put a visitor in another ${group} than their first; they count in their first.`,
        )
      : []),
    ...(report.periods > 1
      ? wrap(
          `The weights changed during this test: ${report.periods} periods. Each period is estimated on its own and the periods are combined by their share of visitors (docs/report.md); rates below are combined the same way.`,
        )
      : []),
  ];
};

const sizePart: BlockPart = (report) => {
  const sentence = sizeSentence(report);
  return sentence ? ['', ...wrap(sentence)] : [''];
};

const verdictPart: BlockPart = (report) => wrap(verdict(report));

const title =
  (holdout: boolean): BlockPart =>
  (report) =>
    holdout
      ? wrap(
          `== Personalization holdout ${safe(report.test)} · personalized vs held out (defaults) · control '${safe(report.control)}'`,
          '   ',
        )
      : wrap(
          `== ${safe(report.test)} · slot ${safe(report.slot) || '?'} · segment ${report.when === null ? '(everyone)' : safe(report.when)} · control '${safe(report.control)}'`,
          '   ',
        );

export const AB_PARTS: BlockPart[] = [
  title(false),
  sampleRatioPart,
  warningsPart,
  conversionTable,
  revenueTable,
  sizePart,
  verdictPart,
];
export const HOLDOUT_PARTS: BlockPart[] = [
  title(true),
  sampleRatioPart,
  warningsPart,
  conversionTable,
  revenueTable,
  orderValueTable,
  (report) => [
    '',
    ...wrap(
      'Did personalization pay: visitors a personalized rule applied to, against the holdout, who saw the defaults.',
    ),
    ...sizePart(report),
  ],
  verdictPart,
];

function header(source: string, summary: Summary): string[] {
  const { exposures, conversions, repeated, dropped } = summary.counts;
  const skipped = Object.entries(summary.skipped)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  const skippedTotal = skipped.reduce((a, [, n]) => a + n, 0);
  const lines = [
    ...wrap(`p13n report: ${safe(source, 200)}`, '  '),
    ...wrap(
      `${plural(exposures, 'exposure record')}, ${plural(conversions, 'conversion record')}${repeated ? ` (${count(repeated)} repeating a transaction id, counted once)` : ''}${skippedTotal ? `, ${plural(skippedTotal, 'line')} skipped: ${skipped.map(([reason, n]) => `${count(n)} ${reason}`).join(', ')}` : ''}`,
    ),
  ];
  if (dropped > 0)
    lines.push(
      ...wrap(
        `Warning: the shoppers' browsers counted ${plural(dropped, 'record')} they could not deliver (their queue was full, the page closed first, or the endpoint did not answer): the figures below miss them.`,
      ),
    );
  const unknown = Object.entries(summary.unknownTests).sort(([a], [b]) => a.localeCompare(b));
  if (unknown.length) {
    const total = unknown.reduce((a, [, n]) => a + n, 0);
    lines.push(
      ...wrap(
        `Warning: ${plural(total, 'conversion')} name${total === 1 ? 's' : ''} a test with no exposures, not counted: ${unknown
          .slice(0, 10)
          .map(([test, n]) => `${safe(test)} (${count(n)})`)
          .join(', ')}${unknown.length > 10 ? `, and ${count(unknown.length - 10)} more` : ''}.`,
      ),
    );
  }
  if (summary.currencies.length > 1)
    lines.push(
      ...wrap(
        `Warning: purchases in several currencies (${summary.currencies
          .slice(0, 10)
          .map((c) => safe(c, 12))
          .join(', ')}): revenue adds their values as given.`,
      ),
    );
  return lines;
}

export function formatReport(source: string, summary: Summary, reports: readonly TestReport[]): string {
  const lines = header(source, summary);
  if (reports.length === 0) lines.push('', 'No exposures: no A/B test to report.');
  const ordered = [...reports.filter((r) => r.kind === 'holdout'), ...reports.filter((r) => r.kind === 'ab')];
  for (const report of ordered)
    lines.push('', ...(report.kind === 'holdout' ? HOLDOUT_PARTS : AB_PARTS).flatMap((part) => part(report)));
  if (reports.length)
    lines.push(
      '',
      ...wrap(
        'converted: visitors who bought after first seeing the variant. Uplifts are relative to the control, with 95% intervals and two-sided p-values, each pair from one test so they never disagree; the methods are in docs/report.md. Segment rows slice a test by the segments a visitor was in at first exposure: read them as hints, not verdicts.',
      ),
    );
  return `${lines.join('\n')}\n`;
}
