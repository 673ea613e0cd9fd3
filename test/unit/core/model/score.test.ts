// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { contributions, logOdds, modelAttributes, score } from '../../../../src/core/model/score.js';
import { parseModel } from '../../../../src/core/model/parse.js';
import { readerOf } from '../../../../src/core/attributes/predicted.js';
import type { Model } from '../../../../src/core/model/types.js';
import type { Attributes } from '../../../../src/core/types.js';
import cases from './cases.json';

describe('score(): the shared vectors (cases.json)', () => {
  it.each(cases.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const parsed = parseModel(c.model);
    expect(parsed.problems).toEqual([]);
    expect(score(parsed.model!, readerOf(c.attributes as Attributes))).toBeCloseTo(c.score, 12);
  });
});

describe('score()', () => {
  const model: Model = {
    v: 1,
    b: -2,
    f: [
      { a: 'cart_value', l: 0.5, m: -1 },
      { a: 'channel', c: { email: 1 }, o: -0.5, m: 0.25 },
    ],
  };
  const read = (attrs: Record<string, unknown>) => readerOf(attrs as Attributes);

  it('is the logistic of the intercept plus each term', () => {
    const z = -2 + 0.5 * Math.log(1 + 99) + 1;
    expect(score(model, read({ cart_value: 99, channel: 'Email' }))).toBeCloseTo(1 / (1 + Math.exp(-z)), 14);
    expect(logOdds(model, read({ cart_value: 99, channel: 'Email' }))).toBeCloseTo(z, 14);
  });

  it("adds a term's m for a missing value, and o for a level it does not know", () => {
    expect(logOdds(model, read({ cart_value: null }))).toBeCloseTo(-2 - 1 + 0.25, 14);
    expect(logOdds(model, read({ cart_value: Number.NaN, channel: 'Paid Social' }))).toBeCloseTo(-2 - 1 - 0.5, 14);
  });

  it('never reads a level from the prototype chain', () => {
    for (const channel of ['constructor', '__proto__', 'toString', 'hasOwnProperty'])
      expect(logOdds(model, read({ cart_value: 0, channel }))).toBeCloseTo(-2 - 0.5, 14);
  });

  it('stays a probability for the largest weights and values the format allows', () => {
    const big: Model = { v: 1, b: 50, f: [{ a: 'total_spent', l: 50 }] };
    expect(score(big, read({ total_spent: Number.MAX_VALUE }))).toBe(1);
    expect(score({ ...big, b: -50, f: [{ a: 'total_spent', l: -50 }] }, read({ total_spent: 1e300 }))).toBe(0);
  });
});

describe('contributions()', () => {
  it('says what each attribute adds against not knowing it, largest first', () => {
    const model: Model = {
      v: 1,
      b: -3,
      f: [
        { a: 'visits', l: 0.1 },
        { a: 'cart_value', l: 0.5, m: 0.2 },
        { a: 'device', c: { mobile: -0.4 }, m: 0 },
      ],
      t: [['pageviews', 2, 0.7, 0]],
    };
    const read = readerOf({ visits: 1, pageviews: 1, cart_value: 99, device: 'mobile' });
    const got = contributions(model, read);
    expect(got.map(([name]) => name)).toEqual(['cart_value', 'pageviews', 'device', 'visits']);
    expect(got[0]![1]).toBeCloseTo(0.5 * Math.log(100) - 0.2, 12);
    expect(got[1]![1]).toBeCloseTo(0.7, 12);
    expect(got[2]![1]).toBeCloseTo(-0.4, 12);
  });

  it('lists every attribute a model reads once, terms and trees', () => {
    expect(
      modelAttributes({
        v: 1,
        b: 0,
        f: [{ a: 'visits', l: 1 }],
        t: [['visits', 2, ['device', ['mobile'], 0, 1], 0]],
      }),
    ).toEqual(['visits', 'device']);
  });
});
