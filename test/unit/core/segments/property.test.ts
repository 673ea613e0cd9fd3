// @vitest-environment node
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTES } from '../../../../src/core/attributes/registry.js';
import { compileSegments, ExpressionError, type Predicate } from '../../../../src/core/segments/index.js';
import type { Attributes } from '../../../../src/core/types.js';

// Bounded so the whole file runs well under a second on a 2-core machine.
const RUNS = { numRuns: 300 };

const set = compileSegments({ seg: 'visits > 1', other: "seg AND device = 'mobile'", broken: 'vists > 1' });

/** Compiles, and fails the property if anything but an ExpressionError is thrown. */
function tryCompile(expression: string): Predicate | undefined {
  try {
    return set.compile(expression);
  } catch (error) {
    if (error instanceof ExpressionError) return undefined;
    throw error;
  }
}

const TOKENS = [
  'visits',
  'device',
  'country',
  'tags',
  'interest.running',
  'logged_in',
  'campaign',
  'seg',
  'other',
  'broken',
  'nope',
  'AND',
  'or',
  'NOT',
  'IN',
  'CONTAINS',
  'STARTS',
  'WITH',
  'BETWEEN',
  'IS',
  'NULL',
  'TRUE',
  'false',
  '=',
  '!=',
  '<>',
  '>',
  '>=',
  '<',
  '<=',
  '(',
  ')',
  ',',
  "'mobile'",
  "'NO'",
  '"x"',
  "'it''s'",
  '3',
  '-1.5',
  '0',
  "'",
  '"',
  '==',
  '&&',
  '||',
  '!',
  '.',
  'interest.',
  '‘',
  '#',
];

const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
const text = fc.string({ maxLength: 6 });
const number = fc.oneof(fc.integer({ min: -1000, max: 1000 }).map(String), fc.constantFrom('0.5', '-2.25', '99.99'));

/** A test on an attribute, with operators and literals that fit its type (most compile). */
const test: fc.Arbitrary<string> = fc.constantFrom(...ATTRIBUTES).chain((spec) => {
  const name = spec.namespace ? `${spec.name}.${'Running'}` : spec.name;
  const word = spec.values ? fc.constantFrom(...spec.values).map((v) => quote(v.toUpperCase())) : text.map(quote);
  const unary = fc.constantFrom(`${name} IS NULL`, `${name} IS NOT NULL`);
  switch (spec.type) {
    case 'number':
      return fc.oneof(
        unary,
        fc.tuple(fc.constantFrom('=', '!=', '<>', '>', '>=', '<', '<='), number).map(([op, n]) => `${name} ${op} ${n}`),
        fc.array(number, { minLength: 1, maxLength: 4 }).map((ns) => `${name} IN (${ns.join(', ')})`),
        fc
          .tuple(fc.integer({ min: -5, max: 5 }), fc.nat(10))
          .map(([low, span]) => `${name} NOT BETWEEN ${low} AND ${low + span}`),
      );
    case 'boolean':
      return fc.oneof(unary, fc.constantFrom(name, `NOT ${name}`, `${name} = true`, `${name} != FALSE`));
    case 'date':
      return fc.oneof(
        unary,
        fc
          .tuple(
            fc.constantFrom('=', '!=', '>', '>=', '<', '<='),
            fc.constantFrom(
              '2026-11-01',
              "'2026-02-28'",
              '-30d',
              '+2w',
              '-8m',
              '-1y',
              'today',
              'yesterday',
              '7_days_ago',
            ),
          )
          .map(([op, d]) => `${name} ${op} ${d}`),
        fc.constantFrom(`${name} BETWEEN -7d AND today`, `${name} NOT BETWEEN 2026-01-01 AND 2026-12-31`),
      );
    case 'list':
      return fc.oneof(
        unary,
        text.map((t) => `${name} NOT CONTAINS ${quote(t)}`),
        fc.array(text, { minLength: 1, maxLength: 3 }).map((ts) => `${name} IN (${ts.map(quote).join(', ')})`),
      );
    default:
      return fc.oneof(
        unary,
        fc
          .tuple(fc.constantFrom('=', '!=', 'CONTAINS', 'NOT STARTS WITH'), word)
          .map(([op, w]) => `${name} ${op} ${w}`),
        fc.array(word, { minLength: 1, maxLength: 3 }).map((ws) => `${name} NOT IN (${ws.join(', ')})`),
      );
  }
});

const { expression } = fc.letrec<{ expression: string }>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    test,
    fc.constantFrom('seg', 'other', 'TRUE', 'FALSE'),
    tie('expression').map((e) => `NOT (${e})`),
    fc
      .tuple(tie('expression'), fc.constantFrom('AND', 'OR'), tie('expression'))
      .map(([a, op, b]) => `(${a}) ${op} (${b})`),
  ),
}));

/** Attributes of any shape: the real names (and namespaces) holding anything at all. */
const attributes: fc.Arbitrary<unknown> = fc.oneof(
  fc.dictionary(
    fc.constantFrom(...ATTRIBUTES.map((s) => s.name), '__proto__', 'constructor'),
    fc.anything({ maxDepth: 2 }),
  ),
  fc.record({
    interest: fc.dictionary(fc.constantFrom('running', 'constructor', '__proto__'), fc.anything({ maxDepth: 1 })),
  }),
  fc.anything({ maxDepth: 2 }),
);

describe('compile() on random input', () => {
  it('throws nothing but ExpressionError for random text', () => {
    // Any Unicode, and text from the characters the lexer cares about (so it gets past the first one).
    const syntax = fc.constantFrom(...'visNOTAND_.0123456789 \'"\\=!<>()&|,-\nøİ‘'.split(''));
    const input = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.string({ unit: syntax, maxLength: 40 }));
    fc.assert(
      fc.property(input, (s) => void tryCompile(s)),
      RUNS,
    );
  });

  it('throws nothing but ExpressionError for random sequences of tokens', () => {
    const tokens = fc.array(fc.constantFrom(...TOKENS), { maxLength: 14 });
    fc.assert(
      fc.property(tokens, fc.constantFrom(' ', ''), (ts, gap) => void tryCompile(ts.join(gap))),
      RUNS,
    );
  });
});

describe('compiled predicates', () => {
  it('compile when well-typed, and never throw for any attributes', () => {
    fc.assert(
      fc.property(expression, attributes, (e, attrs) => {
        const predicate = set.compile(e);
        expect(typeof predicate(set.evaluation(attrs as Attributes))).toBe('boolean');
      }),
      RUNS,
    );
  });

  it('negate under NOT and combine under AND / OR like booleans', () => {
    fc.assert(
      fc.property(expression, expression, attributes, (a, b, attrs) => {
        const ev = set.evaluation(attrs as Attributes);
        const [x, y] = [set.compile(a)(ev), set.compile(b)(ev)];
        expect(set.compile(`NOT (${a})`)(ev)).toBe(!x);
        expect(set.compile(`(${a}) AND (${b})`)(ev)).toBe(x && y);
        expect(set.compile(`(${a}) OR (${b})`)(ev)).toBe(x || y);
      }),
      { numRuns: 150 },
    );
  });
});

describe('text tests', () => {
  // A small alphabet with the awkward letters (İ, ß, the Kelvin sign K) so values and patterns collide often.
  const awkward = fc.string({
    unit: fc.constantFrom('a', 'A', 'b', 'B', 'İ', 'i', 'ß', 'S', 'K', 'k', 'Ø', 'ø', ' '),
    maxLength: 5,
  });

  it('fold case exactly as toLowerCase() does', () => {
    fc.assert(
      fc.property(awkward, awkward, fc.array(awkward, { minLength: 1, maxLength: 4 }), (value, pattern, list) => {
        const ev = set.evaluation({ campaign: value, tags: [value] });
        const [v, p] = [value.toLowerCase(), pattern.toLowerCase()];
        const inList = list.some((item) => item.toLowerCase() === v);
        expect(set.compile(`campaign = ${quote(pattern)}`)(ev)).toBe(v === p);
        expect(set.compile(`campaign != ${quote(pattern)}`)(ev)).toBe(v !== p);
        expect(set.compile(`campaign CONTAINS ${quote(pattern)}`)(ev)).toBe(v.includes(p));
        expect(set.compile(`campaign STARTS WITH ${quote(pattern)}`)(ev)).toBe(v.startsWith(p));
        expect(set.compile(`campaign IN (${list.map(quote).join(', ')})`)(ev)).toBe(inList);
        expect(set.compile(`tags IN (${list.map(quote).join(', ')})`)(ev)).toBe(inList);
        expect(set.compile(`tags CONTAINS ${quote(pattern)}`)(ev)).toBe(v === p);
      }),
      RUNS,
    );
  });
});
