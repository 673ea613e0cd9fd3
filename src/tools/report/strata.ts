/**
 * Comparisons when the weights changed during a test (`p13n report --allocate`, or an owner's edit).
 * Each period of weights is a randomised experiment of its own; pooled, the periods are not: when
 * traffic moves towards a variant while the store's conversion rate drifts (a sale, a season), the
 * variant collects more of the late visitors, and a pooled rate mixes that drift into the uplift
 * (Simpson's paradox). So each period is estimated on its own and the estimates are combined with
 * fixed weights, each period's share of the test's visitors (direct standardisation):
 *
 *   rate of a variant      p = Σ w_k · x_k / n_k                 Var(p) = Σ w_k² · p_k(1 − p_k) / n_k
 *   mean of a variant      m = Σ w_k · mean_k                    Var(m) = Σ w_k² · s_k² / n_k
 *
 * The shares do not depend on the outcomes, so the combination is unbiased for the difference, and
 * the statistics are those of stats.ts on the combined figures: the log rate ratio with this
 * variance (with one period it is exactly Katz's), and Welch / Fieller with Satterthwaite's degrees
 * of freedom summed over the periods. With one usable period both are stats.ts's own functions,
 * bit for bit. test/unit/tools/report/periods.test.ts checks bias and coverage by simulation.
 */
import {
  compareMeans,
  compareRates,
  type Comparison,
  type Moments,
  sampleVariance,
  welchFieller,
  Z95,
} from './stats.js';
import { twoSidedP } from './stats.js';

/** One period of one comparison: the variant and the control, and the period's share weight (its visitors). */
export interface Stratum<T> {
  readonly t: T;
  readonly c: T;
  readonly weight: number;
}

export interface Rate {
  readonly x: number;
  readonly n: number;
}

const NONE: Comparison = { uplift: null, low: null, high: null, pValue: null };

/** Periods where both sides were seen, with their shares (summing to 1). */
function usable<T>(strata: readonly Stratum<T>[], seen: (side: T) => boolean): { s: Stratum<T>; w: number }[] {
  const kept = strata.filter((s) => seen(s.t) && seen(s.c) && s.weight > 0);
  const total = kept.reduce((sum, s) => sum + s.weight, 0);
  return kept.map((s) => ({ s, w: s.weight / total }));
}

export function compareRatesByPeriod(strata: readonly Stratum<Rate>[]): Comparison {
  const kept = usable(strata, (side) => side.n > 0);
  if (kept.length === 0) return NONE;
  if (kept.length === 1) {
    const { t, c } = kept[0]!.s;
    return compareRates(t.x, t.n, c.x, c.n);
  }
  const xT = kept.reduce((sum, { s }) => sum + s.t.x, 0);
  const xC = kept.reduce((sum, { s }) => sum + s.c.x, 0);
  if (xT === 0 && xC === 0) return { ...NONE, pValue: 1 };
  const rate = (side: 't' | 'c', add = 0) =>
    kept.reduce((sum, { s, w }) => sum + (w * (s[side].x + add)) / (s[side].n + add), 0);
  const uplift = xC > 0 ? rate('t') / rate('c') - 1 : null;
  // No conversion at all on one side: 0.5 added to every count, as compareRates does (Haldane–Anscombe).
  const k = xT === 0 || xC === 0 ? 0.5 : 0;
  const pT = rate('t', k);
  const pC = rate('c', k);
  const varianceOf = (side: 't' | 'c') =>
    kept.reduce((sum, { s, w }) => {
      const p = (s[side].x + k) / (s[side].n + k);
      return sum + (w * w * p * (1 - p)) / (s[side].n + k);
    }, 0);
  const se = Math.sqrt(varianceOf('t') / (pT * pT) + varianceOf('c') / (pC * pC));
  const log = Math.log(pT / pC);
  if (!(se > 0)) return { uplift, low: uplift, high: uplift, pValue: log === 0 ? 1 : 0 };
  return { uplift, low: Math.exp(log - Z95 * se) - 1, high: Math.exp(log + Z95 * se) - 1, pValue: twoSidedP(log / se) };
}

export function compareMeansByPeriod(strata: readonly Stratum<Moments>[]): Comparison {
  const kept = usable(strata, (side) => side.n >= 2);
  if (kept.length === 0) return NONE;
  if (kept.length === 1) return compareMeans(kept[0]!.s.t, kept[0]!.s.c);
  let mT = 0;
  let mC = 0;
  let a = 0;
  let b = 0;
  let dfDenominator = 0;
  for (const { s, w } of kept) {
    mT += (w * s.t.sum) / s.t.n;
    mC += (w * s.c.sum) / s.c.n;
    const at = (w * w * sampleVariance(s.t)) / s.t.n;
    const bc = (w * w * sampleVariance(s.c)) / s.c.n;
    a += at;
    b += bc;
    dfDenominator += (at * at) / (s.t.n - 1) + (bc * bc) / (s.c.n - 1);
  }
  return welchFieller(mT, mC, a, b, (a + b) ** 2 / dfDenominator);
}

/** A variant's own rate or mean combined over the periods it was seen in, with the same shares. */
export function combinedMean(
  periods: readonly { readonly value: number; readonly n: number; readonly weight: number }[],
) {
  const kept = periods.filter((p) => p.n > 0 && p.weight > 0);
  const total = kept.reduce((sum, p) => sum + p.weight, 0);
  return total > 0 ? kept.reduce((sum, p) => sum + (p.weight / total) * p.value, 0) : 0;
}
