/**
 * The statistics of the A/B report, pure. Distributions come from jStat (MIT, no dependencies); the
 * formulas are the textbook large-sample ones, each named where it is used so it can be checked:
 * - conversion rate: two-proportion z-test (pooled), and the Katz log interval of the rate ratio,
 * - revenue per visitor: Welch's z-test of two means, and the delta-method interval of their ratio,
 * - sample ratio mismatch and independence: Pearson's chi-square tests.
 */
import jStat from 'jstat';

/** Two-sided 95%: the standard normal quantile 0.975 (≈ 1.959964). */
export const Z95 = jStat.normal.inv(0.975, 0, 1);

export const normalCdf = (z: number): number => jStat.normal.cdf(z, 0, 1);

/** Two-sided p-value of a z statistic. */
export const twoSidedP = (z: number): number => (Number.isFinite(z) ? Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))) : 0);

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
  table.forEach((row, i) => row.forEach((count, j) => {
    const e = (rows[i]! * cols[j]!) / total;
    if (e > 0) statistic += (count - e) ** 2 / e;
  }));
  const df = (rows.filter((r) => r > 0).length - 1) * (cols.filter((c) => c > 0).length - 1);
  return { statistic, df, pValue: chiSquareUpperTail(statistic, df) };
}

export interface Comparison {
  /** Relative difference of the treatment over the control: 0.1 is +10%. */
  readonly uplift: number | null;
  /** 95% interval of the uplift; null when a group has too little data to say. */
  readonly low: number | null;
  readonly high: number | null;
  /** Two-sided p-value of "no difference". */
  readonly pValue: number | null;
}

const NONE: Comparison = { uplift: null, low: null, high: null, pValue: null };

/**
 * Conversion rates x/n. Uplift p_t/p_c − 1; interval exp(ln RR ± z·SE) − 1 with the Katz standard
 * error SE = √(1/x_t − 1/n_t + 1/x_c − 1/n_c); p-value of the pooled two-proportion z-test.
 */
export function compareRates(xT: number, nT: number, xC: number, nC: number): Comparison {
  if (nT === 0 || nC === 0) return NONE;
  const pT = xT / nT;
  const pC = xC / nC;
  const pooled = (xT + xC) / (nT + nC);
  const se0 = Math.sqrt(pooled * (1 - pooled) * (1 / nT + 1 / nC));
  const pValue = se0 > 0 ? twoSidedP((pT - pC) / se0) : 1;
  if (xC === 0) return { ...NONE, pValue };
  const uplift = pT / pC - 1;
  if (xT === 0) return { uplift, low: null, high: null, pValue };
  const se = Math.sqrt(1 / xT - 1 / nT + 1 / xC - 1 / nC);
  const log = Math.log(pT / pC);
  return { uplift, low: Math.exp(log - Z95 * se) - 1, high: Math.exp(log + Z95 * se) - 1, pValue };
}

/** Sum, sum of squares and count of a per-visitor value (revenue; 0 for visitors who bought nothing). */
export interface Moments {
  readonly n: number;
  readonly sum: number;
  readonly sumSq: number;
}

const variance = (m: Moments) => (m.n > 1 ? Math.max(0, (m.sumSq - (m.sum * m.sum) / m.n) / (m.n - 1)) : 0);

/**
 * Means of a per-visitor value. Uplift m_t/m_c − 1; interval exp(ln(m_t/m_c) ± z·SE) − 1 with the
 * delta-method SE = √(s_t²/(n_t m_t²) + s_c²/(n_c m_c²)); p-value of Welch's z = (m_t − m_c)/√(s_t²/n_t + s_c²/n_c).
 */
export function compareMeans(t: Moments, c: Moments): Comparison {
  if (t.n < 2 || c.n < 2) return NONE;
  const mT = t.sum / t.n;
  const mC = c.sum / c.n;
  const vT = variance(t);
  const vC = variance(c);
  const se0 = Math.sqrt(vT / t.n + vC / c.n);
  const pValue = se0 > 0 ? twoSidedP((mT - mC) / se0) : mT === mC ? 1 : 0;
  if (mC <= 0) return { ...NONE, pValue };
  const uplift = mT / mC - 1;
  if (mT <= 0) return { uplift, low: null, high: null, pValue };
  const se = Math.sqrt(vT / (t.n * mT * mT) + vC / (c.n * mC * mC));
  const log = Math.log(mT / mC);
  return { uplift, low: Math.exp(log - Z95 * se) - 1, high: Math.exp(log + Z95 * se) - 1, pValue };
}
