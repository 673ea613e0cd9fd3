/**
 * How many visitors a test needs, without the statistics library: the two normal quantiles it takes
 * are constants (test/unit/tools/report/stats.test.ts checks them against jStat), so `p13n validate
 * --traffic` and the studio's test-size panel carry no distribution code. Pure.
 */

/** The change a store would act on: +10% conversion. */
export const USEFUL_EFFECT = 0.1;
/** Beyond four weeks a test at this traffic is a test of a bigger change, or of a bigger segment. */
export const PATIENCE_DAYS = 28;
/** Standard normal quantiles: 0.975 (two-sided 5%) and 0.8 (80% power). */
export const Z975 = 1.959963984540054;
export const Z80 = 0.8416212335729143;

/**
 * Visitors per variant for a relative change `effect` at base rate `p`, on the log rate ratio the
 * report's conversion test uses: (z₀.₉₇₅ + z₀.₈)² · ((1 − p)/p + (1 − p′)/p′) / ln(1 + effect)², p′ = p(1 + effect).
 */
export function visitorsNeeded(p: number, effect = USEFUL_EFFECT): number {
  const q = p * (1 + effect);
  if (!(p > 0) || !(q < 1)) return Number.POSITIVE_INFINITY;
  return Math.ceil(((Z975 + Z80) ** 2 * ((1 - p) / p + (1 - q) / q)) / Math.log(1 + effect) ** 2);
}
