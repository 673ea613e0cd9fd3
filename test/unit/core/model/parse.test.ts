// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseModel } from '../../../../src/core/model/parse.js';
import { MAX_MODEL_LEVELS, MAX_MODEL_TERMS, MAX_MODEL_TREES } from '../../../../src/core/limits.js';
import cases from './cases.json';

const good = cases.cases[0]!.model;
const messages = (json: unknown) => parseModel(json, 'purchase').problems.map((p) => `${p.path}: ${p.message}`);

describe('parseModel()', () => {
  it('accepts what p13n learn writes, unchanged', () => {
    const parsed = parseModel(good);
    expect(parsed.problems).toEqual([]);
    expect(parsed.model).toBe(good);
  });

  it.each([
    ['not an object', 'model', ": model 'purchase': must be an object"],
    ['another version', { ...good, v: 2 }, "v: model 'purchase': version 2 is not 1: run p13n learn again"],
    ['no intercept', { ...good, b: 'x' }, 'b: model \'purchase\': "b" (the intercept) must be a number from -50 to 50'],
    ['a huge weight', { ...good, b: 1e6 }, '"b" (the intercept) must be a number from -50 to 50'],
    ['nothing to score', { v: 1, b: 0 }, 'has no terms ("f") and no trees ("t")'],
    [
      'a feature it may not read',
      { v: 1, b: 0, f: [{ a: 'path', c: {} }] },
      "f[0]: model 'purchase': term 0 reads 'path', not one a model may read",
    ],
    [
      'itself',
      { v: 1, b: 0, f: [{ a: 'predicted_purchase', l: 1 }] },
      "reads 'predicted_purchase', not one a model may read",
    ],
    [
      'a number weight on a level attribute',
      { v: 1, b: 0, f: [{ a: 'channel', l: 1 }] },
      "term 0 reads 'channel' as a number: it is a value from a set",
    ],
    [
      'both l and c',
      { v: 1, b: 0, f: [{ a: 'visits', l: 1, c: {} }] },
      'term 0 must be {"a", "l"} or {"a", "c", "o", "m"}',
    ],
    ['an upper-case level', { v: 1, b: 0, f: [{ a: 'channel', c: { Email: 1 } }] }, 'or a level not in lower case'],
    [
      'a weight out of bounds',
      { v: 1, b: 0, f: [{ a: 'channel', c: { email: 1 }, m: 99 }] },
      'term 0 has a weight that is not a number from -50 to 50',
    ],
    [
      'an attribute twice',
      {
        v: 1,
        b: 0,
        f: [
          { a: 'visits', l: 1 },
          { a: 'visits', l: 2 },
        ],
      },
      "f[1]: model 'purchase': term 1 reads 'visits' twice",
    ],
    [
      'an odd namespace key',
      { v: 1, b: 0, f: [{ a: 'interest.Running Shoes', l: 1 }] },
      "reads 'interest.Running Shoes'",
    ],
    ['no attribute at all', { v: 1, b: 0, f: [{ l: 1 }] }, 'reads no attribute ("a")'],
    [
      'a tree too deep',
      { v: 1, b: 0, t: [['visits', 1, ['visits', 2, ['visits', 3, ['visits', 4, 0, 1], 0], 0], 0]] },
      'at most 3 splits deep',
    ],
    ['a tree with a bad node', { v: 1, b: 0, t: [['visits', 1, 'x', 0]] }, 'tree 0 a node is a leaf'],
    ['a number test on a level attribute', { v: 1, b: 0, t: [['channel', 1, 0, 1]] }, "reads 'channel' as a number"],
  ])('refuses %s, naming the model and the place', (_what, json, expected) => {
    expect(parseModel(json).model).toBeNull();
    expect(messages(json).join('\n')).toContain(expected);
  });

  it('refuses a model past each limit, whole', () => {
    const terms = Array.from({ length: MAX_MODEL_TERMS + 1 }, (_, i) => ({ a: `events.e${i}`, l: 0.1 }));
    expect(messages({ v: 1, b: 0, f: terms })[0]).toContain(`at most ${MAX_MODEL_TERMS} terms`);
    const c = Object.fromEntries(Array.from({ length: MAX_MODEL_LEVELS + 1 }, (_, i) => [`l${i}`, 0]));
    expect(messages({ v: 1, b: 0, f: [{ a: 'country', c }] })[0]).toContain(`the limit is ${MAX_MODEL_LEVELS}`);
    expect(messages({ v: 1, b: 0, t: Array(MAX_MODEL_TREES + 1).fill(0) })[0]).toContain(
      `at most ${MAX_MODEL_TREES} trees`,
    );
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const parsed = parseModel(json);
        expect(parsed.model === null).toBe(parsed.problems.length > 0);
      }),
    );
    fc.assert(
      fc.property(
        fc.record({ v: fc.constant(1), b: fc.double(), f: fc.array(fc.anything()), t: fc.array(fc.anything()) }),
        (json) => {
          parseModel(json);
        },
      ),
    );
  });
});
