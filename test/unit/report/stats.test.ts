// @vitest-environment node
/**
 * The report's statistics against cases worked by hand. Each expected figure comes from the formula
 * in the comment, evaluated with the closed forms of the distributions (for 1 degree of freedom
 * P(χ² ≥ x) = erfc(√(x/2)); for 2, e^(−x/2); Φ(z) = erfc(−z/√2)/2), not from jStat.
 */
import { describe, expect, it } from 'vitest';
import { chiSquareUpperTail, compareMeans, compareRates, goodnessOfFit, independence, twoSidedP, Z95 } from '../../../src/tools/report/stats.js';

describe('distributions (jStat)', () => {
  it('has the 95% normal quantile 1.959964', () => {
    expect(Z95).toBeCloseTo(1.959963985, 8);
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
    const result = independence([[10, 20], [30, 40]]);
    expect(result.statistic).toBeCloseTo(0.7936508, 6);
    expect(result.df).toBe(1);
    expect(result.pValue).toBeCloseTo(0.372998, 5);
  });
});

describe('compareRates()', () => {
  // Control 100/1000, treatment 130/1000.
  // Uplift 0.13/0.10 − 1 = 0.3. Pooled p = 0.115, SE₀ = √(0.115·0.885·(2/1000)) = 0.0142671,
  // z = 0.03/SE₀ = 2.10274, p = 2(1 − Φ(z)) = 0.035488.
  // Katz: SE = √(1/130 − 1/1000 + 1/100 − 1/1000) = 0.125269; exp(ln 1.3 ± 1.959964·SE) − 1 = [0.016984, 0.661776].
  it('matches the case worked by hand', () => {
    const result = compareRates(130, 1000, 100, 1000);
    expect(result.uplift).toBeCloseTo(0.3, 12);
    expect(result.pValue).toBeCloseTo(0.0354885, 6);
    expect(result.low).toBeCloseTo(0.0169843, 6);
    expect(result.high).toBeCloseTo(0.6617759, 6);
  });

  it('has no uplift without control conversions, and no interval without treatment conversions', () => {
    expect(compareRates(5, 100, 0, 100)).toMatchObject({ uplift: null, low: null, high: null });
    expect(compareRates(0, 100, 5, 100)).toMatchObject({ uplift: -1, low: null, high: null });
  });

  it('gives p = 1 when nobody converted', () => {
    expect(compareRates(0, 100, 0, 100).pValue).toBe(1);
  });
});

describe('compareMeans()', () => {
  // Treatment revenue per visitor [20, 10, 0, 0], control [10, 0, 0, 0]: means 7.5 and 2.5,
  // variances (500 − 30²/4)/3 = 91.667 and (100 − 10²/4)/3 = 25. Welch z = 5/√(91.667/4 + 25/4) = 0.92582,
  // p = 0.354539. Delta method: SE = √(91.667/(4·7.5²) + 25/(4·2.5²)) = 1.186342,
  // exp(ln 3 ± 1.959964·SE) − 1 = [−0.706705, 29.685798].
  it('matches the case worked by hand', () => {
    const result = compareMeans({ n: 4, sum: 30, sumSq: 500 }, { n: 4, sum: 10, sumSq: 100 });
    expect(result.uplift).toBeCloseTo(2, 12);
    expect(result.pValue).toBeCloseTo(0.3545395, 6);
    expect(result.low).toBeCloseTo(-0.7067047, 6);
    expect(result.high).toBeCloseTo(29.6857979, 5);
  });

  it('says nothing for groups of fewer than two visitors', () => {
    expect(compareMeans({ n: 1, sum: 20, sumSq: 400 }, { n: 2, sum: 10, sumSq: 100 })).toEqual({ uplift: null, low: null, high: null, pValue: null });
  });
});
