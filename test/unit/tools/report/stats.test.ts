// @vitest-environment node
/**
 * The report's statistics against cases worked independently of jStat: the distributions' closed forms
 * (for 1 degree of freedom P(χ² ≥ x) = erfc(√(x/2)); for 2, e^(−x/2); Φ(z) = erfc(−z/√2)/2) and, for the
 * Katz, Welch and Fieller figures, reference/stats.py (mpmath; scipy/statsmodels are not installed here).
 */
import { describe, expect, it } from 'vitest';
import {
  chiSquareUpperTail,
  compareMeans,
  compareRates,
  goodnessOfFit,
  independence,
  twoSidedP,
  Z95,
} from '../../../../src/tools/report/stats.js';
import { Z80, Z975 } from '../../../../src/tools/report/sizing.js';
import jStat from 'jstat';

describe('distributions (jStat)', () => {
  it('has the 95% normal quantile 1.959964', () => {
    expect(Z95).toBeCloseTo(1.959963985, 8);
  });

  it("agrees with the sizing's constants (sizing.ts carries no distribution code)", () => {
    expect(Z975).toBeCloseTo(Z95, 12);
    expect(Z80).toBeCloseTo(jStat.normal.inv(0.8, 0, 1), 12);
  });

  it('gives the two-sided p-value of z = 1.96 as 0.05', () => {
    expect(twoSidedP(1.959963985)).toBeCloseTo(0.05, 8);
    expect(twoSidedP(-1.959963985)).toBeCloseTo(0.05, 8);
  });

  it('gives the chi-square tail with 2 degrees of freedom as e^(−x/2)', () => {
    expect(chiSquareUpperTail(10, 2)).toBeCloseTo(Math.exp(-5), 10);
  });
});

describe('goodnessOfFit()', () => {
  it('finds a 52/48 split of 10,000 against 50/50 significant: χ² = 2·200²/5000 = 16, p = erfc(√8) = 6.334e-5', () => {
    const result = goodnessOfFit([5200, 4800], [5000, 5000]);
    expect(result.statistic).toBeCloseTo(16, 10);
    expect(result.df).toBe(1);
    expect(result.pValue).toBeCloseTo(6.334248e-5, 9);
  });

  it('gives p = 1 for a perfect split', () => {
    expect(goodnessOfFit([30, 30, 40], [30, 30, 40])).toEqual({ statistic: 0, df: 2, pValue: 1 });
  });
});

describe('independence()', () => {
  it('tests [[10, 20], [30, 40]]: expected [[12, 18], [28, 42]], χ² = 4/12 + 4/18 + 4/28 + 4/42 = 0.79365, p = 0.37300', () => {
    const result = independence([
      [10, 20],
      [30, 40],
    ]);
    expect(result.statistic).toBeCloseTo(0.7936508, 6);
    expect(result.df).toBe(1);
    expect(result.pValue).toBeCloseTo(0.372998, 5);
  });
});

describe('compareRates()', () => {
  // Control 100/1000, treatment 130/1000. Uplift 0.13/0.10 − 1 = 0.3.
  // Katz: SE = √(1/130 − 1/1000 + 1/100 − 1/1000) = 0.125269; exp(ln 1.3 ± 1.959964·SE) − 1 = [0.016984, 0.661776];
  // the p-value of the same statistic: z = ln 1.3 / SE = 2.09441, p = 0.0362237 (reference/stats.py).
  it('matches the reference case, interval and p-value from one log-ratio statistic', () => {
    const result = compareRates(130, 1000, 100, 1000);
    expect(result.uplift).toBeCloseTo(0.3, 12);
    expect(result.pValue).toBeCloseTo(0.0362236569, 8);
    expect(result.low).toBeCloseTo(0.016984271, 8);
    expect(result.high).toBeCloseTo(0.661775947, 8);
  });

  it('adds 0.5 to every count when an arm has no conversions (0/500 vs 12/500), for the interval and p alike', () => {
    const result = compareRates(0, 500, 12, 500);
    expect(result.uplift).toBe(-1);
    expect(result.low).toBeCloseTo(-0.9976252415, 8);
    expect(result.high).toBeCloseTo(-0.3262472925, 8);
    expect(result.pValue).toBeCloseTo(0.0254807168, 8);
  });

  it('has no uplift without control conversions, but still an interval and a p-value', () => {
    const result = compareRates(5, 100, 0, 100);
    expect(result.uplift).toBeNull();
    // 5.5/100.5 over 0.5/100.5 = 11, but from so few conversions the interval still holds "no change".
    expect(result.low).toBeLessThan(0);
    expect(result.high).toBeGreaterThan(10);
    expect(result.pValue).toBeGreaterThan(0.05);
  });

  it('gives p = 1 when nobody converted', () => {
    expect(compareRates(0, 100, 0, 100).pValue).toBe(1);
  });

  it('compares each of three arms to the control on its own (b 150, c 90 against 120 of 2,000)', () => {
    const b = compareRates(150, 2000, 120, 2000);
    const c = compareRates(90, 2000, 120, 2000);
    expect([b.low, b.high, b.pValue]).toEqual([
      expect.closeTo(-0.0087242358, 8),
      expect.closeTo(0.5762515906, 8),
      expect.closeTo(0.0593074587, 8),
    ]);
    expect([c.low, c.high, c.pValue]).toEqual([
      expect.closeTo(-0.4252760375, 8),
      expect.closeTo(-0.0212692759, 8),
      expect.closeTo(0.0341527471, 8),
    ]);
  });
});

describe('compareMeans()', () => {
  // Treatment revenue per visitor [20, 10, 0, 0], control [10, 0, 0, 0]: Welch t = 0.92582 on 4.523 df,
  // p = 0.401243 (reference/stats.py). The control's mean (2.5 ± 2.5) is not distinguishable from 0 at
  // those df, so the Fieller set of ratios is unbounded: no interval is printed rather than a false one.
  it('matches the reference case worked by hand', () => {
    const result = compareMeans({ n: 4, sum: 30, sumSq: 500 }, { n: 4, sum: 10, sumSq: 100 });
    expect(result.uplift).toBeCloseTo(2, 12);
    expect(result.pValue).toBeCloseTo(0.4012430383, 7);
    expect(result).toMatchObject({ low: null, high: null, unbounded: true });
  });

  // 2,000 visitors per arm: treatment 88 orders of $80; control 80 of $80 and one of $100,000. The old
  // delta-method interval said −93.4% [−99.0%, −57.8%] next to p = 0.32: a contradiction. Welch gives
  // p = 0.320547 and its Fieller set is unbounded (one order is the whole control mean).
  it('does not claim a difference that one $100,000 order makes', () => {
    const result = compareMeans(
      { n: 2000, sum: 88 * 80, sumSq: 88 * 6400 },
      { n: 2000, sum: 80 * 80 + 100_000, sumSq: 80 * 6400 + 100_000 ** 2 },
    );
    expect(result.uplift).toBeCloseTo(-0.9338345865, 9);
    expect(result.pValue).toBeCloseTo(0.3205473222, 7);
    expect(result).toMatchObject({ low: null, high: null, unbounded: true });
  });

  // Treatment 300 orders of $50 in 5,000 visitors, control 200 of $50 in 5,000: +50%, Fieller [+26.23%, +79.41%], p = 4.431e-6.
  it('bounds a clear effect (Fieller interval, Welch p)', () => {
    const result = compareMeans(
      { n: 5000, sum: 300 * 50, sumSq: 300 * 2500 },
      { n: 5000, sum: 200 * 50, sumSq: 200 * 2500 },
    );
    expect(result.uplift).toBeCloseTo(0.5, 12);
    expect(result.low).toBeCloseTo(0.2623245448, 7);
    expect(result.high).toBeCloseTo(0.7940575071, 7);
    expect(result.pValue! / 4.43103280945e-6).toBeCloseTo(1, 4);
  });

  it('says nothing for groups of fewer than two visitors', () => {
    expect(compareMeans({ n: 1, sum: 20, sumSq: 400 }, { n: 2, sum: 10, sumSq: 100 })).toEqual({
      uplift: null,
      low: null,
      high: null,
      pValue: null,
    });
  });
});

describe('interval and p-value never contradict each other', () => {
  // A seeded generator: 2,000 random cases of each kind, small and large.
  let state = 12345;
  const rand = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const int = (max: number) => Math.floor(rand() * max);

  it('for conversion rates: the interval excludes 0 exactly when p < 0.05', () => {
    for (let i = 0; i < 2000; i++) {
      const nT = 2 + int(5000);
      const nC = 2 + int(5000);
      const r = compareRates(int(nT / 5), nT, int(nC / 5), nC);
      if (r.low === null || r.high === null || r.pValue === null) continue;
      expect(r.low > 0 || r.high < 0, `case ${i}`).toBe(r.pValue < 0.05);
    }
  });

  it('for means: the interval excludes 0 exactly when p < 0.05, and an unbounded one only when p ≥ 0.05 or the control is noise', () => {
    for (let i = 0; i < 2000; i++) {
      const moments = () => {
        const n = 2 + int(3000);
        const buyers = int(n / 10);
        const value = 1 + rand() * 200;
        const whale = rand() < 0.2 ? 1000 + rand() * 100_000 : 0;
        return { n, sum: buyers * value + whale, sumSq: buyers * value * value + whale * whale };
      };
      const r = compareMeans(moments(), moments());
      if (r.pValue === null || r.low === null || r.high === null) continue;
      expect(r.low > 0 || r.high < 0, `case ${i}`).toBe(r.pValue < 0.05);
    }
  });
});
