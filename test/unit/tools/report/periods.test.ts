// @vitest-environment node
/**
 * The report when the weights change during a test: simulated tests with a known truth (the variant
 * converts 10% better every day while the store's rate falls from 6% to 2%), run through analyze()
 * (and, for the bandit, allocate()) as p13n report runs them. See bench/bandit-sim.ts; the long runs
 * behind the figures in bench/RESULTS.md are `node bench/bandit.mjs`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Figures, midTestChanges, simulate, TRUE_UPLIFT, type Scenario } from '../../../../bench/bandit-sim.js';
import { compareMeans, compareRates } from '../../../../src/tools/report/stats.js';
import { compareMeansByPeriod, compareRatesByPeriod } from '../../../../src/tools/report/strata.js';

const SCENARIO: Scenario = { days: 21, visitorsPerDay: 1000, start: 0.06, end: 0.02 };

describe('weights changed mid-test (50/50, then 20/80, then 10/90), 600 simulated tests', () => {
  let figures: Figures;
  beforeAll(() => {
    figures = simulate(600, SCENARIO, midTestChanges(SCENARIO.days));
  });

  it('estimates without bias, where pooling the periods does not', () => {
    expect(figures.meanPeriods).toBe(3);
    // The combined rates are unbiased: their difference is off by less than the simulation's own noise.
    expect(Math.abs(figures.bias.difference)).toBeLessThan(3 * figures.error.difference);
    // The relative uplift keeps only the small bias of any ratio of two estimates (under a point of 10%).
    expect(Math.abs(figures.bias.conversion)).toBeLessThan(0.01);
    expect(Math.abs(figures.bias.revenue)).toBeLessThan(0.02);
    // Pooled as if nothing had changed, the variant's visitors come from the late, low-rate days.
    expect(figures.bias.naive).toBeLessThan(-0.1);
  });

  it('gives 95% intervals that hold the true +10% in 95% of tests', () => {
    expect(figures.coverage.conversion).toBeGreaterThanOrEqual(0.93);
    expect(figures.coverage.conversion).toBeLessThanOrEqual(0.97);
    expect(figures.coverage.revenue).toBeGreaterThanOrEqual(0.93);
    expect(figures.coverage.revenue).toBeLessThanOrEqual(0.97);
  });
});

describe('allocation every night (Thompson sampling, 10% floor)', () => {
  it('moves traffic to the better variant, and the report still finds the truth', () => {
    const figures = simulate(12, { ...SCENARIO, days: 14 }, 'bandit', 7);
    expect(figures.shareByDay[0]).toBeCloseTo(0.5, 1);
    expect(figures.shareByDay.at(-1)!).toBeGreaterThan(0.6);
    expect(figures.meanPeriods).toBeGreaterThan(3);
    expect(Math.abs(figures.bias.conversion)).toBeLessThan(0.05);
    expect(TRUE_UPLIFT).toBe(0.1);
  });
});

describe('one period', () => {
  it('gives exactly the single-sample statistics', () => {
    expect(compareRatesByPeriod([{ t: { x: 40, n: 1000 }, c: { x: 30, n: 1000 }, weight: 2000 }])).toEqual(
      compareRates(40, 1000, 30, 1000),
    );
    const t = { n: 500, sum: 4100, sumSq: 700_000 };
    const c = { n: 480, sum: 3600, sumSq: 650_000 };
    expect(compareMeansByPeriod([{ t, c, weight: 980 }])).toEqual(compareMeans(t, c));
    // A period where one side was never seen adds nothing.
    expect(
      compareRatesByPeriod([
        { t: { x: 40, n: 1000 }, c: { x: 30, n: 1000 }, weight: 2000 },
        { t: { x: 5, n: 100 }, c: { x: 0, n: 0 }, weight: 100 },
      ]),
    ).toEqual(compareRates(40, 1000, 30, 1000));
  });
});
