/**
 * Is the test big enough to tell? From the traffic so far: the smallest change in conversion the test
 * would detect now (the minimum detectable effect, 80% power, two-sided 5%, on the log rate ratio
 * the report's own conversion test uses), the visitors per variant a +10% change needs, and at the
 * pace so far, the days that takes. Then one plain-words verdict per test. Pure.
 *
 *   MDE     exp((z₀.₉₇₅ + z₀.₈) · √((1 − p)/p · Σ_k w_k² (1/n_t,k + 1/n_c,k))) − 1
 *   needed  n = (z₀.₉₇₅ + z₀.₈)² · ((1 − p)/p + (1 − p′)/p′) / ln(1.1)²  per variant, p′ = 1.1 · p
 *
 * p is the control's conversion rate (all variants' when the control has none yet); w_k the periods'
 * shares (strata.ts). With one period the sum is 1/n_t + 1/n_c.
 */
import { USEFUL_EFFECT, visitorsNeeded, Z80, Z975 } from './sizing.js';

export { USEFUL_EFFECT, visitorsNeeded } from './sizing.js';
const DAY_MS = 86_400_000;

export interface ArmPeriods {
  /** Per period: visitors of this variant, and the period's share weight (all its visitors). */
  readonly periods: readonly { readonly n: number; readonly weight: number }[];
  readonly visitors: number;
}

export interface Power {
  /** The conversion rate the figures assume (null: no purchase yet, nothing to size). */
  readonly baseRate: number | null;
  /** The smallest relative change detectable now; null when it cannot be sized. */
  readonly mde: number | null;
  /** Visitors per variant a +10% change needs, in all; and how many more the least-visited one needs. */
  readonly neededPerVariant: number | null;
  readonly morePerVariant: number | null;
  /** Days from the first to the latest first exposure; null under one day (no pace yet). */
  readonly days: number | null;
  /** At the pace so far, days until `morePerVariant` is reached. */
  readonly daysMore: number | null;
  /** The test cannot yet tell a +10% change. */
  readonly tooLittle: boolean;
}

export function powerOf(
  control: ArmPeriods,
  variants: readonly ArmPeriods[],
  rates: { readonly control: number; readonly all: number },
  span: { readonly firstTs: number; readonly lastTs: number },
): Power {
  const days = span.firstTs > 0 && span.lastTs - span.firstTs >= DAY_MS ? (span.lastTs - span.firstTs) / DAY_MS : null;
  const p = rates.control > 0 ? rates.control : rates.all > 0 ? rates.all : null;
  if (p === null || variants.length === 0)
    return {
      baseRate: null,
      mde: null,
      neededPerVariant: null,
      morePerVariant: null,
      days,
      daysMore: null,
      tooLittle: true,
    };
  // The variant that can tell least: the largest Σ w²(1/n_t + 1/n_c).
  const spread = (arm: ArmPeriods) => {
    const total = arm.periods.reduce((sum, period) => sum + period.weight, 0);
    return arm.periods.reduce((sum, period, k) => {
      const c = control.periods[k]!;
      if (!(period.n > 0 && c.n > 0)) return sum;
      return sum + (period.weight / total) ** 2 * (1 / period.n + 1 / c.n);
    }, 0);
  };
  const widest = Math.max(...variants.map(spread));
  const mde = widest > 0 ? Math.exp((Z975 + Z80) * Math.sqrt(((1 - p) / p) * widest)) - 1 : null;
  const needed = visitorsNeeded(p);
  const arms = [control, ...variants];
  const more = Math.max(0, ...arms.map((arm) => needed - arm.visitors));
  const daysMore =
    days === null || !Number.isFinite(needed)
      ? null
      : Math.max(
          0,
          ...arms.map((arm) => (arm.visitors > 0 ? (needed - arm.visitors) / (arm.visitors / days) : Infinity)),
        );
  return {
    baseRate: p,
    mde,
    neededPerVariant: Number.isFinite(needed) ? needed : null,
    morePerVariant: Number.isFinite(needed) ? more : null,
    days,
    daysMore: daysMore !== null && Number.isFinite(daysMore) ? Math.ceil(daysMore) : null,
    tooLittle: mde === null || mde > USEFUL_EFFECT,
  };
}
