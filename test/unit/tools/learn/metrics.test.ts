// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { auc, calibration, metrics, quantiles } from '../../../../src/tools/learn/metrics.js';

/** mulberry32 */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

describe('auc()', () => {
  it('is the share of (buyer, non-buyer) pairs ranked right, ties counting half', () => {
    const rand = random(5);
    for (let run = 0; run < 20; run++) {
      const scores = Array.from({ length: 60 }, () => Math.round(rand() * 10) / 10); // many ties
      const y = scores.map((s) => (rand() < s ? 1 : 0));
      let pairs = 0;
      let right = 0;
      for (let i = 0; i < y.length; i++)
        for (let j = 0; j < y.length; j++)
          if (y[i] === 1 && y[j] === 0) {
            pairs++;
            right += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
          }
      expect(auc(scores, y)).toBeCloseTo(right / pairs, 12);
    }
  });

  it('is not a number when one class is missing', () => {
    expect(auc([0.1, 0.2], [1, 1])).toBeNaN();
  });
});

describe('metrics()', () => {
  it('compares log loss and Brier score with always predicting the base rate', () => {
    const m = metrics([0.9, 0.1], [1, 0], 0.5);
    expect(m.logloss).toBeCloseTo(-Math.log(0.9), 12);
    expect(m.logloss_base).toBeCloseTo(Math.log(2), 12);
    expect(m.brier).toBeCloseTo(0.01, 12);
    expect(m.brier_base).toBeCloseTo(0.25, 12);
    expect(m.auc).toBe(1);
  });
});

describe('calibration() and quantiles()', () => {
  it('cuts rows into ten groups by score, with their mean prediction and observed rate', () => {
    const scores = Array.from({ length: 100 }, (_, i) => i / 100);
    const y = scores.map((s) => (s >= 0.9 ? 1 : 0));
    const table = calibration(scores, y);
    expect(table).toHaveLength(10);
    expect(table[0]).toEqual([expect.closeTo(0.045, 12), 0, 10]);
    expect(table[9]).toEqual([expect.closeTo(0.945, 12), 1, 10]);
  });

  it('gives the score at each tenth: >= the 8th is the top 20%', () => {
    const scores = Array.from({ length: 100 }, (_, i) => (99 - i) / 100);
    const q = quantiles(scores);
    expect(q).toHaveLength(9);
    expect(scores.filter((s) => s >= q[7]!)).toHaveLength(20);
  });
});
