/**
 * What a test says, in one plain sentence (the last line of its block, and `verdict` in --json), and
 * the sentence about its size. Pure.
 */
import type { TestReport, VariantRow } from './analyze.js';
import { PATIENCE_DAYS, USEFUL_EFFECT } from './sizing.js';
import { safe } from './text.js';

export const count = (n: number) => Math.round(n).toLocaleString('en-US');

/** +13%, −4.2%: whole percents from 10% up, one decimal below. */
export function percentChange(x: number): string {
  const pct = Math.abs(x * 100);
  const digits = pct >= 10 ? 0 : 1;
  return `${x >= 0 ? '+' : '−'}${pct.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })}%`;
}

const clearest = (rows: readonly VariantRow[]) =>
  rows
    .filter((r) => !r.isControl && r.conversion?.pValue != null && r.conversion.uplift !== null)
    .sort((a, b) => a.conversion!.pValue! - b.conversion!.pValue!)[0];

export function verdict(report: TestReport): string {
  if (report.sampleRatio.mismatch)
    return 'Do not act on these figures yet: visitors are not split as the weights say (see the warning above).';
  const rows = report.segments[0]?.rows ?? [];
  const best = clearest(rows);
  if (best && best.conversion!.pValue! < 0.05) {
    const uplift = best.conversion!.uplift!;
    const sure = best.conversion!.pValue! < 0.01 ? 'very likely real' : 'likely real';
    return `${safe(best.variant)} is ${uplift >= 0 ? 'ahead' : 'behind'}: ${percentChange(uplift)} conversion, ${sure}`;
  }
  const { power } = report;
  const visitors = rows.reduce((sum, r) => sum + r.visitors, 0);
  if (power.baseRate === null)
    return `No clear difference yet: no purchases to compare so far (${count(visitors)} visitors)`;
  if (!power.tooLittle) return 'No clear difference: a +10% change in conversion would most likely have shown by now';
  if (power.daysMore === null)
    return `No clear difference yet: too little data to tell (${count(visitors)} visitors so far)`;
  if (power.daysMore <= PATIENCE_DAYS)
    return `No clear difference yet: keep running for about ${count(Math.max(1, power.daysMore))} more days`;
  return `No clear difference yet, and too little traffic here: a +10% change would take about ${count(Math.ceil(power.daysMore / 7))} more weeks`;
}

/** The size of the test in words: "Too little data: …" when it cannot yet tell a +10% change. */
export function sizeSentence(report: TestReport): string | null {
  const { power } = report;
  const rows = report.segments[0]?.rows ?? [];
  const smallest = Math.min(...rows.map((r) => r.visitors));
  const them = `${count(smallest)} visitor${smallest === 1 ? '' : 's'}`;
  if (power.baseRate === null)
    return 'Too little data: no purchases yet, so the test cannot tell any difference in conversion.';
  const mde = power.mde === null ? 'any change' : `a change of about ${percentChange(power.mde)} or more`;
  if (!power.tooLittle)
    return `Big enough: with ${them} in the smallest variant it tells ${mde} in conversion (80% of the time, at the 5% level).`;
  const more =
    power.morePerVariant === null
      ? ''
      : `; a ${percentChange(USEFUL_EFFECT)} change needs about ${count(power.morePerVariant)} more visitors per variant`;
  return `Too little data: with ${them} in the smallest variant this test can only tell ${mde} in conversion${more}.`;
}
