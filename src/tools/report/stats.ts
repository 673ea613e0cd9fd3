/**
 * The statistics of the A/B report, pure. Distributions come from jStat (MIT, no dependencies). Each
 * figure's interval and p-value come from ONE statistic, so they cannot contradict each other: the
 * interval is the set of effects the test would not reject at 5%, and it excludes "no change" exactly
 * when p < 0.05 (test/unit/tools/report/stats.test.ts checks that on random inputs).
 * - conversion rate: the Katz log interval of the rate ratio, and the p-value of the same log-ratio z,
 * - revenue per visitor, order value: Welch's t on the two means, and the Fieller interval of their
 *   ratio (the inversion of that same t): it widens, or refuses to be bounded, when one huge order
 *   makes the control's mean uncertain, where a delta-method interval on the log ratio would not,
 * - sample ratio mismatch and independence: Pearson's chi-square tests.
 */
import jStat from 'jstat';

/** Two-sided 95%: the standard normal quantile 0.975 (≈ 1.959964). */
export const Z95 = jStat.normal.inv(0.975, 0, 1);

export const normalCdf = (z: number): number => jStat.normal.cdf(z, 0, 1);

/** Two-sided p-value of a z statistic. */
export const twoSidedP = (z: number): number =>
  Number.isFinite(z) ? Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))) : 0;

/** Two-sided p-value of a t statistic with `df` degrees of freedom. */
export const twoSidedPt = (t: number, df: number): number =>
  Number.isFinite(t) ? Math.min(1, 2 * (1 - jStat.studentt.cdf(Math.abs(t), df))) : 0;

/** P(X ≥ statistic) for X ~ chi-square with `df` degrees of freedom. */
export function chiSquareUpperTail(statistic: number, df: number): number {
  if (df <= 0) return 1;
  if (!(statistic > 0)) return 1;
  return Math.max(0, 1 - jStat.chisquare.cdf(statistic, df));
}

export interface ChiSquareResult {
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
}

/** Pearson's goodness-of-fit: observed counts against expected counts (same total). */
export function goodnessOfFit(observed: readonly number[], expected: readonly number[]): ChiSquareResult {
  let statistic = 0;
  let df = -1;
  for (let i = 0; i < observed.length; i++) {
    const e = expected[i]!;
    if (e <= 0) continue;
    statistic += (observed[i]! - e) ** 2 / e;
    df++;
  }
  df = Math.max(df, 0);
  return { statistic, df, pValue: chiSquareUpperTail(statistic, df) };
}

/** Pearson's test of independence on an r × c contingency table of counts. */
export function independence(table: readonly (readonly number[])[]): ChiSquareResult {
  const rows = table.map((row) => row.reduce((a, b) => a + b, 0));
  const cols = table[0]!.map((_, j) => table.reduce((sum, row) => sum + row[j]!, 0));
  const total = rows.reduce((a, b) => a + b, 0);
  let statistic = 0;
  table.forEach((row, i) =>
    row.forEach((count, j) => {
      const e = (rows[i]! * cols[j]!) / total;
      if (e > 0) statistic += (count - e) ** 2 / e;
    }),
  );
  const df = (rows.filter((r) => r > 0).length - 1) * (cols.filter((c) => c > 0).length - 1);
  return { statistic, df, pValue: chiSquareUpperTail(statistic, df) };
}

export interface Comparison {
  /** Relative difference of the treatment over the control: 0.1 is +10%. */
  readonly uplift: number | null;
  /**
   * 95% interval of the uplift; `high` may be Infinity. Both null when the data cannot bound it:
   * `unbounded` says whether that is because the set of plausible ratios is unbounded.
   */
  readonly low: number | null;
  readonly high: number | null;
  readonly unbounded?: boolean;
  /** Two-sided p-value of "no difference", from the statistic the interval inverts. */
  readonly pValue: number | null;
}

const NONE: Comparison = { uplift: null, low: null, high: null, pValue: null };

/**
 * Conversion rates x/n. Uplift p_t/p_c − 1; interval exp(ln RR ± z·SE) − 1 with the Katz standard
 * error SE = √(1/x_t − 1/n_t + 1/x_c − 1/n_c), and the p-value of the same z = ln RR / SE. With no
 * conversions in an arm the log ratio is undefined: 0.5 is added to every count of both arms
 * (Haldane–Anscombe) for the interval and the p-value alike; the uplift stays the observed one.
 */
export function compareRates(xT: number, nT: number, xC: number, nC: number): Comparison {
  if (nT === 0 || nC === 0) return NONE;
  if (xT === 0 && xC === 0) return { ...NONE, pValue: 1 };
  const uplift = xC > 0 ? xT / nT / (xC / nC) - 1 : null;
  const k = xT === 0 || xC === 0 ? 0.5 : 0;
  const [xt, nt, xc, nc] = [xT + k, nT + k, xC + k, nC + k];
  const se = Math.sqrt(1 / xt - 1 / nt + 1 / xc - 1 / nc);
  const log = Math.log(xt / nt / (xc / nc));
  if (!(se > 0)) return { uplift, low: uplift, high: uplift, pValue: log === 0 ? 1 : 0 };
  return { uplift, low: Math.exp(log - Z95 * se) - 1, high: Math.exp(log + Z95 * se) - 1, pValue: twoSidedP(log / se) };
}

/** Sum, sum of squares and count of a per-unit value (revenue per visitor, 0 for non-buyers; an order's value). */
export interface Moments {
  readonly n: number;
  readonly sum: number;
  readonly sumSq: number;
}

const variance = (m: Moments) => (m.n > 1 ? Math.max(0, (m.sumSq - (m.sum * m.sum) / m.n) / (m.n - 1)) : 0);

/**
 * Means of a per-unit value. Welch: t = (m_t − m_c)/√(a + b), a = s_t²/n_t, b = s_c²/n_c, with the
 * Welch–Satterthwaite degrees of freedom. Fieller: the ratios ρ with |m_t − ρ·m_c| ≤ q·√(a + ρ²b)
 * (q the t quantile at those df), i.e. (m_c² − q²b)ρ² − 2m_t·m_c·ρ + (m_t² − q²a) ≤ 0. At ρ = 1 that
 * is Welch's test itself, so the interval holds "no change" exactly when p ≥ 0.05. When the
 * control's mean is itself indistinguishable from 0 (m_c² ≤ q²b) the set is unbounded: reported so.
 */
export function compareMeans(t: Moments, c: Moments): Comparison {
  if (t.n < 2 || c.n < 2) return NONE;
  const a = variance(t) / t.n;
  const b = variance(c) / c.n;
  return welchFieller(t.sum / t.n, c.sum / c.n, a, b, (a + b) ** 2 / ((a * a) / (t.n - 1) + (b * b) / (c.n - 1)));
}

/** The sample variance of a per-unit value from its moments (0 below two units). */
export const sampleVariance = variance;

/**
 * Welch's test and the Fieller interval from two means, their variances `a` and `b` (each the
 * variance of its mean) and the degrees of freedom: what compareMeans computes for one sample, and
 * strata.ts for means combined over periods.
 */
export function welchFieller(mT: number, mC: number, a: number, b: number, df: number): Comparison {
  const uplift = mC > 0 ? mT / mC - 1 : null;
  if (a + b === 0) return { uplift, low: uplift, high: uplift, pValue: mT === mC ? 1 : 0 };
  const pValue = twoSidedPt((mT - mC) / Math.sqrt(a + b), df);
  const q = jStat.studentt.inv(0.975, df);
  const A = mC * mC - q * q * b;
  if (!(A > 0)) return { uplift, low: null, high: null, unbounded: true, pValue };
  const half = Math.sqrt(Math.max(0, mT * mT * mC * mC - A * (mT * mT - q * q * a)));
  // Revenue is never negative: neither is the ratio of two mean revenues.
  const low = Math.max(0, (mT * mC - half) / A);
  return { uplift, low: low - 1, high: (mT * mC + half) / A - 1, pValue };
}
